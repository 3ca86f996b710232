package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static vn.motcua.store.DossierItem.n;
import static vn.motcua.store.DossierItem.s;

/**
 * The message ids each department has sent to the updates endpoint: the replay guard at the edge.
 * One item per agency and message id ({@code pk} = {@code DEPARTMENT_MESSAGE#<agency>#<messageId>}),
 * claimed with a conditional put, holding the hash of the signed body and whether it reached the
 * updates queue. Scoped by agency: two departments may use the same message id.
 *
 * <p>The claim is taken before the message is queued and marked queued after: when queueing fails,
 * the department's retry of the same body is queued then (not refused as a replay), so nothing is
 * lost; a copy queued twice is harmless, since the updates function applies an event id once.
 * Kept {@link #RETENTION} (TTL on {@code expiresAt}); the dossier's applied event ids guard forever.
 */
public record DepartmentMessages(DynamoDbClient db, String table) implements SeenMessages {

    static final String PREFIX = "DEPARTMENT_MESSAGE#";
    static final String ITEM_KIND = "DEPARTMENT_MESSAGE";

    public DepartmentMessages {
        if (table == null || table.isBlank()) throw new IllegalArgumentException("which table?");
    }

    @Override
    public Claim claim(String agencyId, String messageId, String dossierCode, String bodyHash, Instant receivedAt) {
        var key = key(agencyId, messageId);
        var item = Map.of(DossierItem.PK, key.get(DossierItem.PK), DossierItem.KIND, s(ITEM_KIND), DossierItem.AGENCY, s(agencyId),
                DossierItem.CODE, s(dossierCode), "bodyHash", s(bodyHash), "receivedAt", s(receivedAt.toString()),
                "expiresAt", n(receivedAt.plus(RETENTION).getEpochSecond()));
        try {
            db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", DossierItem.PK)));
            return new Claim.New();
        } catch (ConditionalCheckFailedException seen) {
            var held = db.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
            var pk = key.get(DossierItem.PK).s();
            var first = Instant.parse(DossierItem.string(held, "receivedAt", pk));
            if (!bodyHash.equals(DossierItem.string(held, "bodyHash", pk))) return new Claim.Reused(first);
            var queued = held.get("queuedAt");
            return queued == null ? new Claim.NotYetQueued(first) : new Claim.AlreadyQueued(first);
        }
    }

    /** The message reached the updates queue. */
    @Override
    public void markQueued(String agencyId, String messageId, Instant at) {
        db.updateItem(u -> u.tableName(table).key(key(agencyId, messageId)).updateExpression("SET queuedAt = :at")
                .expressionAttributeValues(Map.of(":at", s(at.toString()))));
    }

    /** The message {@code messageId} of {@code agencyId}, if the door has seen it (in the last {@link #RETENTION}). */
    @Override
    public Optional<Seen> find(String agencyId, String messageId) {
        var key = key(agencyId, messageId);
        var held = db.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
        if (held == null || held.isEmpty()) return Optional.empty();
        var pk = key.get(DossierItem.PK).s();
        var queued = held.get("queuedAt");
        return Optional.of(new Seen(DossierItem.string(held, DossierItem.CODE, pk), Instant.parse(DossierItem.string(held, "receivedAt", pk)),
                Optional.ofNullable(queued).map(v -> Instant.parse(v.s()))));
    }

    private static Map<String, AttributeValue> key(String agencyId, String messageId) {
        return Map.of(DossierItem.PK, s(PREFIX + agencyId + "#" + messageId));
    }
}
