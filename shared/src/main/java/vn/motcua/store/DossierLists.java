package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierState;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static vn.motcua.store.DossierItem.s;

/**
 * The lists of the dossier table, read from its indexes a page at a time with an opaque cursor: the paging
 * that {@link DossierRepository} (DynamoDB's Query) and {@link InMemoryDossiers} (the same items in memory)
 * inherit, so both page, stop and refuse a foreign cursor alike; each answers one query of one partition. Each index has a hash key (the partition)
 * and a range key (the order): {@code byAgencyState} = agencyState / dueKey, {@code openByDue} = openShard /
 * dueKey, {@code byReceivedMonth} = receivedMonth / receivedKey.
 */
abstract class DossierLists implements Dossiers {

    static final String BY_AGENCY_STATE = "byAgencyState", OPEN_BY_DUE = "openByDue", BY_RECEIVED_MONTH = "byReceivedMonth",
            BY_APPLICANT_NAME = "byApplicantName", BY_APPLICANT_ID = "byApplicantId", BY_APPLICANT_PHONE = "byApplicantPhone";
    static final int MAX_PAGE = 100;
    /** Reports may span years, not centuries: each month is one query. */
    static final int MAX_MONTHS = 120;

    /** A condition on the range key: below a value, or between two (both included). */
    sealed interface Range {
        record Below(String value) implements Range {}
        record Between(String from, String to) implements Range {}
        record Prefix(String value) implements Range {}

        default boolean test(String key) {
            return switch (this) {
                case Below b -> key.compareTo(b.value()) < 0;
                case Between b -> key.compareTo(b.from()) >= 0 && key.compareTo(b.to()) <= 0;
                case Prefix p -> key.startsWith(p.value());
            };
        }
    }

    /**
     * One query of one partition of an index, in range-key order, after {@code start} (null: from the
     * beginning), at most {@code limit} items.
     */
    record Query(String index, String hashAttribute, String partition, String rangeAttribute, Range range,
                 Map<String, AttributeValue> start, int limit) {}

    /** What one query found, and the key it stopped at when more may follow (null: the partition is done). */
    record Answer(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {}

    /** One query of one partition of an index. */
    abstract Answer query(Query query);

    @Override
    public Page<Dossier> byAgencyAndState(String agencyId, DossierState state, Optional<String> cursor, int limit) {
        var partition = DossierItem.agencyState(agencyId, state);
        return read("agencyState/" + partition, BY_AGENCY_STATE, DossierItem.AGENCY_STATE, List.of(partition), DossierItem.DUE_KEY,
                null, cursor, limit, DossierItem::fromItem);
    }

    /**
     * Open dossiers due on or before {@code lastDay}, earliest first: what the deadline watch reads.
     * Paused ones (a supplement awaited) are among them with the due date they had; their clock is
     * stopped, so the watch leaves them be (the lifecycle refuses to mark them overdue anyway).
     */
    @Override
    public Page<Dossier> openDueBy(LocalDate lastDay, Optional<String> cursor, int limit) {
        var below = lastDay.plusDays(1) + "#"; // every key of lastDay sorts below the next day's
        return read("open/" + lastDay, OPEN_BY_DUE, DossierItem.OPEN_SHARD, List.of(DossierItem.OPEN), DossierItem.DUE_KEY,
                new Range.Below(below), cursor, limit, DossierItem::fromItem);
    }

    @Override
    public Page<Dossier> allOpen(Optional<String> cursor, int limit) {
        return read("open/all", OPEN_BY_DUE, DossierItem.OPEN_SHARD, List.of(DossierItem.OPEN), DossierItem.DUE_KEY, null,
                cursor, limit, DossierItem::fromItem);
    }

    /** The sparse {@code owedWork} index: dossiers owing work, oldest queued first (keys only: the sweep reads each item). */
    @Override
    public Page<vn.motcua.domain.dossier.DossierCode> owingSince(java.time.Instant before, Optional<String> cursor, int limit) {
        return read("owed", OwedItems.INDEX, OwedItems.SHARD, List.of(OwedItems.PARTITION), OwedItems.KEY,
                new Range.Below(DossierItem.timeKey(before, "")), cursor, limit,
                item -> new vn.motcua.domain.dossier.DossierCode(item.get(DossierItem.PK).s().substring(DossierItem.PREFIX.length())));
    }

    @Override
    public Page<Dossier> receivedBetween(LocalDate first, LocalDate last, Optional<String> cursor, int limit) {
        return byMonths("received/", first, last, YearMonth::toString, cursor, limit, DossierItem::fromItem);
    }

    /**
     * Dossiers whose applicant's name, normalised ({@link vn.motcua.domain.dossier.SearchText}), starts with
     * {@code normalisedName}: its first token (the family name) is the partition, the rest a prefix of the key.
     */
    @Override
    public Page<Dossier> byApplicantName(String normalisedName, Optional<String> cursor, int limit) {
        if (normalisedName.isBlank()) throw new IllegalArgumentException("a name to search for");
        var family = vn.motcua.domain.dossier.SearchText.firstToken(normalisedName);
        // the cursor's list names the query by its hash, not the name itself: a cursor may end up in a log
        return read("name/" + Integer.toHexString(normalisedName.hashCode()), BY_APPLICANT_NAME, DossierItem.APPLICANT_FAMILY,
                List.of(family), DossierItem.APPLICANT_NAME, new Range.Prefix(normalisedName), cursor, limit, DossierItem::fromItem);
    }

    @Override
    public Page<Dossier> byApplicantIdNumber(String idNumber, Optional<String> cursor, int limit) {
        return read("id/" + Integer.toHexString(idNumber.hashCode()), BY_APPLICANT_ID, DossierItem.APPLICANT_ID, List.of(idNumber),
                DossierItem.RECEIVED_KEY, null, cursor, limit, DossierItem::fromItem);
    }

    @Override
    public Page<Dossier> byApplicantPhone(String phone, Optional<String> cursor, int limit) {
        return read("phone/" + Integer.toHexString(phone.hashCode()), BY_APPLICANT_PHONE, DossierItem.APPLICANT_PHONE, List.of(phone),
                DossierItem.RECEIVED_KEY, null, cursor, limit, DossierItem::fromItem);
    }

    @Override
    public Page<DeskRefusal> deskRefusalsBetween(LocalDate first, LocalDate last, Optional<String> cursor, int limit) {
        return byMonths("refusals/", first, last, DeskRefusalItem::month, cursor, limit, DeskRefusalItem::fromItem);
    }

    private <T> Page<T> byMonths(String list, LocalDate first, LocalDate last, Function<YearMonth, String> partition,
                                 Optional<String> cursor, int limit, Function<Map<String, AttributeValue>, T> map) {
        if (last.isBefore(first)) throw new IllegalArgumentException("the period ends (" + last + ") before it starts (" + first + ")");
        var months = new ArrayList<String>();
        for (var m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
            if (months.size() == MAX_MONTHS) throw new IllegalArgumentException("a period of at most " + MAX_MONTHS + " months, please");
            months.add(partition.apply(m));
        }
        // Keys start with the local time: "2020-03-02T09:..." sorts between "2020-03-02" and "2020-03-03".
        return read(list + first + "/" + last, BY_RECEIVED_MONTH, DossierItem.RECEIVED_MONTH, months, DossierItem.RECEIVED_KEY,
                new Range.Between(first.toString(), last.plusDays(1).toString()), cursor, limit, map);
    }

    /** Reads one index across {@code partitions} in order, filling a page of {@code limit} items, and says where it stopped. */
    private <T> Page<T> read(String list, String indexName, String hashAttribute, List<String> partitions, String rangeAttribute,
                             Range range, Optional<String> cursorText, int limit, Function<Map<String, AttributeValue>, T> map) {
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " items, not " + limit);
        int p = 0;
        Map<String, AttributeValue> start = null;
        var cursor = Cursor.decode(cursorText, list);
        if (cursor.isPresent()) {
            p = partitions.indexOf(cursor.get().partition());
            if (p < 0) throw new IllegalArgumentException("this cursor does not belong to the list being read");
            start = cursor.get().exclusiveStartKey(hashAttribute);
        }
        var items = new ArrayList<T>();
        while (p < partitions.size()) {
            var partition = partitions.get(p);
            var answer = query(new Query(indexName, hashAttribute, partition, rangeAttribute, range, start, limit - items.size()));
            answer.items().forEach(item -> items.add(map.apply(item)));
            boolean more = answer.lastKey() != null && !answer.lastKey().isEmpty();
            if (items.size() >= limit) {
                Cursor next = more ? Cursor.after(list, partition, answer.lastKey())
                        : p + 1 < partitions.size() ? Cursor.startOf(list, partitions.get(p + 1)) : null;
                return new Page<>(items, Optional.ofNullable(next).map(Cursor::encode));
            }
            if (more) {
                start = answer.lastKey();
            } else {
                p++;
                start = null;
            }
        }
        return new Page<>(items, Optional.empty());
    }

    /** The items of one partition in range-key order, as the index holds them: what {@link InMemoryDossiers} answers a query with. */
    static Answer inMemory(Query query, Iterable<Map<String, AttributeValue>> table) {
        var matching = new ArrayList<Map<String, AttributeValue>>();
        for (var item : table) {
            var hash = item.get(query.hashAttribute());
            var range = item.get(query.rangeAttribute());
            if (hash == null || range == null || !query.partition().equals(hash.s())) continue;
            if (query.range() != null && !query.range().test(range.s())) continue;
            if (query.start() != null && range.s().compareTo(query.start().get(query.rangeAttribute()).s()) <= 0) continue;
            matching.add(item);
        }
        matching.sort((a, b) -> a.get(query.rangeAttribute()).s().compareTo(b.get(query.rangeAttribute()).s()));
        // DynamoDB stops with a LastEvaluatedKey whenever the limit is reached, even on the last item: so does this
        if (matching.size() < query.limit()) return new Answer(matching, null);
        var page = matching.subList(0, query.limit());
        var last = page.get(page.size() - 1);
        // as DynamoDB's LastEvaluatedKey of an index: the table's key and the index's
        var lastKey = Map.of(DossierItem.PK, last.get(DossierItem.PK), query.hashAttribute(), s(query.partition()),
                query.rangeAttribute(), last.get(query.rangeAttribute()));
        return new Answer(List.copyOf(page), lastKey);
    }
}
