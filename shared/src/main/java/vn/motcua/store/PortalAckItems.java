package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.portal.PortalAcks;
import vn.motcua.portal.PortalChange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static vn.motcua.store.DossierItem.s;

/**
 * The portal's answers ({@link PortalAcks}) in the dossier table: one item {@code PORTAL#<code>#<seq>} per change,
 * outside every index, written with the claim pattern of {@link NoticeLedger}. A dossier's records are one batch read
 * of the keys 1..n its history names.
 */
public record PortalAckItems(DynamoDbClient db, String table) implements PortalAcks {

    static final String PREFIX = "PORTAL#";

    public PortalAckItems {
        if (table == null || table.isBlank()) throw new IllegalArgumentException("which table?");
    }

    static String pk(DossierCode code, int seq) { return PREFIX + code.value() + "#" + PortalChange.id(seq); }

    private static Map<String, AttributeValue> key(DossierCode code, int seq) { return Map.of(DossierItem.PK, s(pk(code, seq))); }

    @Override
    public Claim claim(PortalChange change, Instant now, Duration lease) {
        var item = Map.of(DossierItem.PK, s(pk(change.code(), change.seq())), DossierItem.KIND, s("PORTAL_SYNC"),
                "portalStatus", DossierItem.n(change.status()), "changedAt", s(change.changedAt().toString()), "sentAt", s(now.toString()),
                "sentAtMs", DossierItem.n(now.toEpochMilli()), "outcome", s(Outcome.SENDING.name()));
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                db.putItem(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk) OR (#o = :sending AND #sent < :stale)")
                        .expressionAttributeNames(Map.of("#pk", DossierItem.PK, "#o", "outcome", "#sent", "sentAtMs"))
                        .expressionAttributeValues(Map.of(":sending", s(Outcome.SENDING.name()), ":stale", DossierItem.n(now.minus(lease).toEpochMilli()))));
                return new Claim.Claimed(now);
            } catch (ConditionalCheckFailedException taken) {
                var held = db.getItem(g -> g.tableName(table).key(key(change.code(), change.seq())).consistentRead(true)).item();
                if (held == null || held.isEmpty()) continue; // released in between
                var ack = fromItem(change.code(), change.seq(), held);
                if (ack.outcome() == Outcome.SENDING) return new Claim.Busy(ack.sentAt());
                return new Claim.Done(ack);
            }
        }
        throw new IllegalStateException("portal claim " + pk(change.code(), change.seq()) + " kept changing under us");
    }

    @Override
    public void answer(PortalChange change, Instant sentAt, Outcome outcome, String answer, Instant at) {
        try {
            db.updateItem(u -> u.tableName(table).key(key(change.code(), change.seq()))
                    .updateExpression("SET #o = :outcome, answer = :answer, answeredAt = :at")
                    .conditionExpression("#o = :sending AND #sent = :sentAt")
                    .expressionAttributeNames(Map.of("#o", "outcome", "#sent", "sentAtMs"))
                    .expressionAttributeValues(Map.of(":outcome", s(outcome.name()), ":answer", s(answer == null ? "" : answer),
                            ":at", s(at.toString()), ":sending", s(Outcome.SENDING.name()), ":sentAt", DossierItem.n(sentAt.toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            // taken over by another sender after our lease: its answer stands (the portal got the same record twice)
        }
    }

    @Override
    public void release(PortalChange change, Instant sentAt) {
        try {
            db.deleteItem(d -> d.tableName(table).key(key(change.code(), change.seq()))
                    .conditionExpression("#o = :sending AND #sent = :sentAt")
                    .expressionAttributeNames(Map.of("#o", "outcome", "#sent", "sentAtMs"))
                    .expressionAttributeValues(Map.of(":sending", s(Outcome.SENDING.name()), ":sentAt", DossierItem.n(sentAt.toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            // another sender's now
        }
    }

    @Override
    public Map<Integer, Ack> of(DossierCode code, int lastSeq) {
        var acks = new TreeMap<Integer, Ack>();
        var keys = IntStream.rangeClosed(1, lastSeq).mapToObj(seq -> key(code, seq)).toList();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + 100))).consistentRead(true).build());
            while (!request.isEmpty()) {
                var pending = request;
                var answer = db.batchGetItem(b -> b.requestItems(pending));
                for (var item : answer.responses().getOrDefault(table, List.of())) {
                    String pk = item.get(DossierItem.PK).s();
                    int seq = Integer.parseInt(pk.substring(pk.lastIndexOf('#') + 1));
                    acks.put(seq, fromItem(code, seq, item));
                }
                request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
            }
        }
        return acks;
    }

    static Ack fromItem(DossierCode code, int seq, Map<String, AttributeValue> item) {
        String pk = pk(code, seq);
        var answeredAt = item.get("answeredAt");
        var answer = item.get("answer");
        return new Ack(code, seq, (int) DossierItem.number(item, "portalStatus", pk), Instant.parse(DossierItem.string(item, "changedAt", pk)),
                Instant.parse(DossierItem.string(item, "sentAt", pk)), Optional.ofNullable(answeredAt == null ? null : Instant.parse(answeredAt.s())),
                Outcome.valueOf(DossierItem.string(item, "outcome", pk)), answer == null ? "" : answer.s());
    }
}
