package vn.motcua.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link SeenMessages} in memory, with the rules of {@link DepartmentMessages}. Priming and the services' unit tests use it. */
public final class InMemorySeenMessages implements SeenMessages {

    private record Held(String dossierCode, String bodyHash, Instant receivedAt, Instant queuedAt) {}

    private final Map<String, Held> held = new LinkedHashMap<>();

    @Override
    public synchronized Claim claim(String agencyId, String messageId, String dossierCode, String bodyHash, Instant receivedAt) {
        var h = held.putIfAbsent(agencyId + "#" + messageId, new Held(dossierCode, bodyHash, receivedAt, null));
        if (h == null) return new Claim.New();
        if (!h.bodyHash().equals(bodyHash)) return new Claim.Reused(h.receivedAt());
        return h.queuedAt() == null ? new Claim.NotYetQueued(h.receivedAt()) : new Claim.AlreadyQueued(h.receivedAt());
    }

    @Override
    public synchronized void markQueued(String agencyId, String messageId, Instant at) {
        held.computeIfPresent(agencyId + "#" + messageId, (k, h) -> new Held(h.dossierCode(), h.bodyHash(), h.receivedAt(), at));
    }

    @Override
    public synchronized Optional<Seen> find(String agencyId, String messageId) {
        return Optional.ofNullable(held.get(agencyId + "#" + messageId))
                .map(h -> new Seen(h.dossierCode(), h.receivedAt(), Optional.ofNullable(h.queuedAt())));
    }
}
