package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static vn.motcua.store.DossierItem.n;
import static vn.motcua.store.DossierItem.s;

/**
 * The outbox inside a dossier's item (see {@link OwedWork}): the attributes the repository and its in-memory twin
 * write beside {@link DossierItem}'s, so that what a change owes is stored by the change's own conditional write
 * (one item, no transaction: dynalite has none).
 * <ul>
 *   <li>{@code owed} (M): one entry per kind and id ({@link OwedWork#key()}), each a map of its fields;</li>
 *   <li>{@code owedShard} = {@code OWED} and {@code owedKey} = the oldest entry's {@code queuedAt} (a fixed-width time
 *       key) then the code: present only while something is owed, so the sparse index {@code owedWork} holds exactly
 *       the dossiers that owe work, oldest first, and the sweep queries it instead of scanning the table;</li>
 *   <li>{@code owedRev} (N): raised by every write that changes the outbox. Marking an entry done does not change the
 *       dossier (its {@code version} stays), so a writer of the dossier that read it before must not put the entry
 *       back: every write of the item is conditional on {@code owedRev} as read.</li>
 * </ul>
 */
final class OwedItems {

    static final String OWED = "owed", SHARD = "owedShard", KEY = "owedKey", REV = "owedRev";
    static final String PARTITION = "OWED";
    static final String INDEX = "owedWork";

    private OwedItems() {}

    /** The entries owed in a stored item, oldest first. */
    static List<OwedWork> read(Map<String, AttributeValue> item) {
        var owed = item.get(OWED);
        if (owed == null || !owed.hasM()) return List.of();
        var list = new ArrayList<OwedWork>();
        for (var entry : owed.m().values()) {
            var m = entry.m();
            list.add(new OwedWork(m.get("kind").s(), m.get("id").s(), m.get("payload").s(), Instant.parse(m.get("owedSince").s()),
                    Instant.parse(m.get("queuedAt").s()), Integer.parseInt(m.get("attempts").n())));
        }
        list.sort((a, b) -> a.queuedAt().compareTo(b.queuedAt()));
        return list;
    }

    static long rev(Map<String, AttributeValue> item) {
        var v = item == null ? null : item.get(REV);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    /** Whether {@code change} would change what {@code item} owes. */
    static boolean changes(Map<String, AttributeValue> item, OutboxChange change) {
        var owed = byKey(read(item));
        return change.settle().stream().anyMatch(owed::containsKey) || change.owe().stream().anyMatch(w -> !owed.containsKey(w.key()));
    }

    /**
     * {@code next} (a dossier's item about to be written) with the outbox of {@code current} (the item as read, or null
     * for a new dossier) after {@code change}: settled entries removed, owed ones added unless already owed, the index
     * keys set or removed, the revision raised.
     */
    static Map<String, AttributeValue> carry(Map<String, AttributeValue> current, Map<String, AttributeValue> next, OutboxChange change,
                                             DossierCode code) {
        var owed = byKey(current == null ? List.of() : read(current));
        change.settle().forEach(owed::remove);
        for (var w : change.owe()) owed.putIfAbsent(w.key(), w);
        return write(next, owed.values(), rev(current) + 1, code);
    }

    /** {@code item} with its entries changed by {@code edit} (the sweep's new attempts), the revision raised. */
    static Map<String, AttributeValue> edited(Map<String, AttributeValue> item, UnaryOperator<OwedWork> edit, DossierCode code) {
        var owed = read(item).stream().map(edit).toList();
        return write(new LinkedHashMap<>(item), owed, rev(item) + 1, code);
    }

    private static Map<String, AttributeValue> write(Map<String, AttributeValue> next, java.util.Collection<OwedWork> owed, long rev,
                                                     DossierCode code) {
        var item = new LinkedHashMap<>(next);
        item.remove(OWED);
        item.remove(SHARD);
        item.remove(KEY);
        item.put(REV, n(rev));
        if (owed.isEmpty()) return item;
        var m = new LinkedHashMap<String, AttributeValue>();
        Instant oldest = null;
        for (var w : owed) {
            m.put(w.key(), AttributeValue.fromM(Map.of("kind", s(w.kind()), "id", s(w.id()), "payload", s(w.payload()),
                    "owedSince", s(w.owedSince().toString()), "queuedAt", s(w.queuedAt().toString()), "attempts", n(w.attempts()))));
            if (oldest == null || w.queuedAt().isBefore(oldest)) oldest = w.queuedAt();
        }
        item.put(OWED, AttributeValue.fromM(m));
        item.put(SHARD, s(PARTITION));
        item.put(KEY, s(DossierItem.timeKey(oldest, code.value())));
        return item;
    }

    private static Map<String, OwedWork> byKey(List<OwedWork> list) {
        var map = new LinkedHashMap<String, OwedWork>();
        list.forEach(w -> map.put(w.key(), w));
        return map;
    }

    /** The condition that the item's outbox is as read: {@code owedRev} unchanged (absent when it was). */
    static String condition(Map<String, AttributeValue> current, Map<String, String> names, Map<String, AttributeValue> values) {
        names.put("#rev", REV);
        if (current == null || !current.containsKey(REV)) return "attribute_not_exists(#rev)";
        values.put(":rev", current.get(REV));
        return "#rev = :rev";
    }
}
