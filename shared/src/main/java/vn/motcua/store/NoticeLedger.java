package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.HistoryEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static vn.motcua.store.DossierItem.n;
import static vn.motcua.store.DossierItem.s;

/**
 * The notices sent (or not) for each dossier and event, in the dossier table beside the dossier:
 * one item {@code NOTICE#<scope>#<id>} each, outside every index. The same claim pattern as
 * {@code Idempotency-Key}s: a sender first claims the notice with one conditional put, sends, then
 * records the outcome with one conditional update guarded by its claim. A second delivery of the
 * same job finds the record (done) or a live claim (in progress: retry later); a claim older than
 * the lease belongs to a sender that died and is taken over.
 *
 * <p>Kept apart from the dossier item on purpose: the dossier is written whole by
 * {@link DossierRepository#apply} under its version, and a notice written into it would either be
 * lost by the next event or make every event race the notifier. Reading a dossier's notices is one
 * batch read of the keys its history names ({@link #of(Dossier)}).
 *
 * <p>Residual risk, stated: a sender that crashes after SES accepted the mail and before recording
 * leaves a claim; after the lease the next delivery sends again. At most one duplicate email, never none.
 */
public record NoticeLedger(DynamoDbClient db, String table, Duration lease) implements SentNotices {

    static final String PREFIX = "NOTICE#";
    static final String STATUS = "status", CLAIMED = "CLAIMED", CLAIMED_AT = "claimedAtMs";

    /** @param lease longer than the sender's timeout, shorter than its queue's visibility timeout */
    public NoticeLedger {
        if (table == null || table.isBlank()) throw new IllegalArgumentException("which table?");
        if (lease.isNegative()) throw new IllegalArgumentException("a lease is not negative");
    }

    public NoticeLedger(DynamoDbClient db, String table) { this(db, table, Duration.ofSeconds(60)); }

    static String pk(String scope, String id) { return PREFIX + scope + "#" + id; }

    @Override
    public Claim claim(String scope, String id, String notice, Instant now) {
        var pk = pk(scope, id);
        long token = now.toEpochMilli();
        var item = Map.of(DossierItem.PK, s(pk), DossierItem.KIND, s("NOTICE"), "scope", s(scope), "noticeId", s(id),
                "notice", s(notice), STATUS, s(CLAIMED), CLAIMED_AT, n(token));
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                db.putItem(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk) OR (#st = :claimed AND #at < :stale)")
                        .expressionAttributeNames(Map.of("#pk", DossierItem.PK, "#st", STATUS, "#at", CLAIMED_AT))
                        .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":stale", n(token - lease.toMillis()))));
                return new Claim.Claimed(token);
            } catch (ConditionalCheckFailedException taken) {
                var held = db.getItem(g -> g.tableName(table).key(Map.of(DossierItem.PK, s(pk))).consistentRead(true)).item();
                if (held == null || held.isEmpty()) continue; // released in between: claim again
                if (CLAIMED.equals(DossierItem.string(held, STATUS, pk))) {
                    return new Claim.InProgress(Instant.ofEpochMilli(DossierItem.number(held, CLAIMED_AT, pk)));
                }
                return new Claim.Done(fromItem(held));
            }
        }
        throw new IllegalStateException("notice claim " + pk + " kept changing under us");
    }

    /**
     * Records the outcome of a claimed notice. False when the claim was taken over meanwhile (this
     * sender outlived its lease): the other sender's record stands.
     */
    @Override
    public boolean record(NoticeRecord record, long token) {
        var values = new HashMap<String, AttributeValue>(Map.of(":claimed", s(CLAIMED), ":token", n(token),
                ":status", s(record.status().name()), ":at", s(record.at().toString())));
        var set = new StringBuilder("SET #st = :status, #when = :at");
        record.messageId().ifPresent(id -> { values.put(":mid", s(id)); set.append(", messageId = :mid"); });
        record.reason().ifPresent(r -> { values.put(":why", s(r)); set.append(", reason = :why"); });
        try {
            db.updateItem(u -> u.tableName(table).key(Map.of(DossierItem.PK, s(pk(record.scope(), record.id()))))
                    .updateExpression(set.toString())
                    .conditionExpression("#st = :claimed AND #claimedAt = :token")
                    .expressionAttributeNames(Map.of("#st", STATUS, "#when", "at", "#claimedAt", CLAIMED_AT))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives a claim back after a failed send, so the queue's next delivery can claim it at once. */
    @Override
    public void release(String scope, String id, long token) {
        try {
            db.deleteItem(d -> d.tableName(table).key(Map.of(DossierItem.PK, s(pk(scope, id))))
                    .conditionExpression("#st = :claimed AND #claimedAt = :token")
                    .expressionAttributeNames(Map.of("#st", STATUS, "#claimedAt", CLAIMED_AT))
                    .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":token", n(token))));
        } catch (ConditionalCheckFailedException e) {
            // taken over or decided by another sender: theirs now
        }
    }

    /** The decided notice for {@code scope}/{@code id}, if any (a live claim is not one). */
    @Override
    public Optional<NoticeRecord> find(String scope, String id) {
        var pk = pk(scope, id);
        var item = db.getItem(g -> g.tableName(table).key(Map.of(DossierItem.PK, s(pk))).consistentRead(true)).item();
        if (item == null || item.isEmpty() || CLAIMED.equals(DossierItem.string(item, STATUS, pk))) return Optional.empty();
        return Optional.of(fromItem(item));
    }

    /** The decided notices of a dossier, in the order of its history (one batch read per 100 events). */
    @Override
    public List<NoticeRecord> of(Dossier dossier) {
        var scope = dossier.code().value();
        var order = new LinkedHashMap<String, NoticeRecord>();
        dossier.history().stream().map(HistoryEntry::eventId).forEach(id -> order.put(pk(scope, id), null));
        var pks = new ArrayList<>(order.keySet());
        for (int i = 0; i < pks.size(); i += 100) {
            var keys = pks.subList(i, Math.min(pks.size(), i + 100)).stream()
                    .map(pk -> Map.of(DossierItem.PK, s(pk))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                var pending = request;
                var answer = db.batchGetItem(b -> b.requestItems(pending));
                for (var item : answer.responses().getOrDefault(table, List.of())) {
                    if (!CLAIMED.equals(item.get(STATUS).s())) order.put(item.get(DossierItem.PK).s(), fromItem(item));
                }
                request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
            }
        }
        return order.values().stream().filter(r -> r != null).toList();
    }

    private static NoticeRecord fromItem(Map<String, AttributeValue> item) {
        var pk = DossierItem.string(item, DossierItem.PK, "?");
        var mid = item.get("messageId");
        var why = item.get("reason");
        return new NoticeRecord(DossierItem.string(item, "scope", pk), DossierItem.string(item, "noticeId", pk),
                DossierItem.string(item, "notice", pk), NoticeRecord.Status.valueOf(DossierItem.string(item, STATUS, pk)),
                Instant.parse(DossierItem.string(item, "at", pk)),
                Optional.ofNullable(mid == null ? null : mid.s()), Optional.ofNullable(why == null ? null : why.s()));
    }
}
