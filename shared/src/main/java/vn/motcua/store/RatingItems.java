package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.Rating;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static vn.motcua.store.DossierItem.n;
import static vn.motcua.store.DossierItem.s;

/**
 * The ratings in the dossier table, beside each dossier: one item {@code RATING#<code>}, written once with a
 * conditional put (a second rating of the same dossier is refused by the store, whatever races). For the reports
 * each item also carries the keys of the {@code byAgencyState} index, {@code agencyState = RATING#<agencyId>} (never
 * a dossier's: those are {@code <agencyId>#<STATE>}) and {@code dueKey = <day given>#<code>}, so an agency's ratings
 * of a period are one query of that index, no scan and no new index.
 */
public record RatingItems(DynamoDbClient db, String table) implements Ratings {

    static final String PREFIX = "RATING#";

    public RatingItems {
        if (table == null || table.isBlank()) throw new IllegalArgumentException("which table?");
    }

    static String pk(DossierCode code) { return PREFIX + code.value(); }

    @Override
    public boolean add(Rating r) {
        var item = new HashMap<String, AttributeValue>(Map.of(DossierItem.PK, s(pk(r.code())), DossierItem.KIND, s("RATING"),
                "code", s(r.code().value()), "agencyId", s(r.agencyId()), "score", n(r.score()), "at", s(r.at().toString()),
                "agencyState", s(PREFIX + r.agencyId()), "dueKey", s(r.day() + "#" + r.code().value())));
        r.comment().ifPresent(c -> item.put("comment", s(c)));
        try {
            db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", DossierItem.PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Rating> find(DossierCode code) {
        var item = db.getItem(g -> g.tableName(table).key(Map.of(DossierItem.PK, s(pk(code)))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<Rating> givenBetween(String agencyId, LocalDate from, LocalDate to) {
        var result = new ArrayList<Rating>();
        Map<String, AttributeValue> start = null;
        do {
            var after = start;
            var page = db.query(q -> {
                q.tableName(table).indexName(DossierLists.BY_AGENCY_STATE)
                        .keyConditionExpression("agencyState = :a AND dueKey BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":a", s(PREFIX + agencyId), ":from", s(from.toString()), ":to", s(to + "#~")));
                if (after != null) q.exclusiveStartKey(after);
            });
            page.items().forEach(i -> result.add(fromItem(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return result;
    }

    private static Rating fromItem(Map<String, AttributeValue> item) {
        var pk = DossierItem.string(item, DossierItem.PK, "?");
        var comment = item.get("comment");
        return new Rating(new DossierCode(DossierItem.string(item, "code", pk)), DossierItem.string(item, "agencyId", pk),
                (int) DossierItem.number(item, "score", pk), Optional.ofNullable(comment == null ? null : comment.s()),
                Instant.parse(DossierItem.string(item, "at", pk)));
    }
}
