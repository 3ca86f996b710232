package vn.motcua.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of owed work the sweep knows how to send again, each with its sender: data that the consumers
 * register in the wiring (notices, dispatches and routing jobs today; later issues add SMS notices and the
 * national portal's sync the same way), not a switch in the sweep. An entry of a kind nobody registered is
 * left owed and logged, never dropped.
 */
public final class OwedKinds {

    /** Puts an owed payload on its queue again. Throws when the queue cannot be reached (the entry stays owed). */
    @FunctionalInterface
    public interface Requeue {
        void send(String payload) throws Exception;
    }

    private final Map<String, Requeue> kinds;

    private OwedKinds(Map<String, Requeue> kinds) { this.kinds = Map.copyOf(kinds); }

    public static Builder builder() { return new Builder(); }

    public Optional<Requeue> of(String kind) { return Optional.ofNullable(kinds.get(kind)); }

    public Set<String> names() { return kinds.keySet(); }

    public static final class Builder {
        private final Map<String, Requeue> kinds = new LinkedHashMap<>();

        public Builder kind(String name, Requeue requeue) {
            if (kinds.putIfAbsent(name, requeue) != null) throw new IllegalArgumentException("owed kind " + name + " registered twice");
            return this;
        }

        public OwedKinds build() { return new OwedKinds(kinds); }
    }
}
