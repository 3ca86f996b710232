package vn.motcua.outbox;

import java.util.Collection;
import java.util.List;

/**
 * What a write of a dossier does to its outbox besides the change itself: work it now owes (added unless an
 * entry with the same kind and id is already owed) and entries it settles (removed; an absent one is no error,
 * so settling is idempotent).
 */
public record OutboxChange(List<OwedWork> owe, List<String> settle) {

    public static final OutboxChange NONE = new OutboxChange(List.of(), List.of());

    public OutboxChange {
        owe = List.copyOf(owe);
        settle = List.copyOf(settle);
    }

    public static OutboxChange owing(Collection<OwedWork> owe) { return new OutboxChange(List.copyOf(owe), List.of()); }

    public static OutboxChange owing(OwedWork... owe) { return new OutboxChange(List.of(owe), List.of()); }

    public static OutboxChange settling(String... keys) { return new OutboxChange(List.of(), List.of(keys)); }

    public OutboxChange andSettle(String key) {
        var keys = new java.util.ArrayList<>(settle);
        keys.add(key);
        return new OutboxChange(owe, keys);
    }

    public boolean isEmpty() { return owe.isEmpty() && settle.isEmpty(); }
}
