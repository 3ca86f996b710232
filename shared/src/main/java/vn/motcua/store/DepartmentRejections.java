package vn.motcua.store;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static vn.motcua.store.DossierItem.s;

/**
 * Refused department calls and messages ({@link DepartmentRejection}) in the dossier table, one item
 * each: {@code pk} = {@code DEPARTMENT_REJECTION#<id>}, the JSON {@code body}, and on the
 * {@code byReceivedMonth} index the partition {@code DEPARTMENT_REJECTION#yyyy-MM} with the time as sort
 * key, the same way desk refusals are kept: a month of them is one query, never a scan, and never
 * mixed with a month of dossiers. An operator reads them with {@link #between}, or by hand:
 *
 * <pre>
 * aws dynamodb query --table-name motcua-dev-dossiers --index-name byReceivedMonth \
 *   --key-condition-expression "receivedMonth = :m" \
 *   --expression-attribute-values '{":m":{"S":"DEPARTMENT_REJECTION#2026-11"}}'
 * </pre>
 *
 * Writing the same id again overwrites it with the same content: a redelivered message refused
 * twice is one record.
 */
public record DepartmentRejections(DynamoDbClient db, String table) implements Rejections {

    static final String PREFIX = "DEPARTMENT_REJECTION#";
    static final String ITEM_KIND = "DEPARTMENT_REJECTION";

    public DepartmentRejections {
        if (table == null || table.isBlank()) throw new IllegalArgumentException("which table?");
    }

    @Override
    public void record(DepartmentRejection r) {
        var item = new LinkedHashMap<String, AttributeValue>();
        item.put(DossierItem.PK, s(PREFIX + r.id()));
        item.put(DossierItem.KIND, s(ITEM_KIND));
        item.put(DossierItem.RECEIVED_MONTH, s(PREFIX + DossierItem.month(r.at())));
        item.put(DossierItem.RECEIVED_KEY, s(DossierItem.timeKey(r.at(), r.id())));
        item.put(DossierItem.AGENCY, s(r.agencyId()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(r.expiresAt().getEpochSecond())));
        var o = Json.object();
        o.put("id", r.id());
        o.put("agency", r.agencyId());
        o.put("at", r.at().toString());
        o.put("stage", r.stage().name());
        o.put("code", r.code());
        o.put("message", r.message());
        r.messageId().ifPresent(v -> o.put("messageId", v));
        r.dossierCode().ifPresent(v -> o.put("dossierCode", v));
        r.requestId().ifPresent(v -> o.put("requestId", v));
        item.put(DossierItem.BODY, s(Json.write(o)));
        db.putItem(p -> p.tableName(table).item(item));
    }

    /** The rejection recorded under {@code id}. */
    @Override
    public Optional<DepartmentRejection> find(String id) {
        var item = db.getItem(g -> g.tableName(table).key(Map.of(DossierItem.PK, s(PREFIX + id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** The rejections from {@code first} to {@code last} (days in Vietnam, both included), oldest first, at most {@code limit}. */
    @Override
    public List<DepartmentRejection> between(LocalDate first, LocalDate last, int limit) {
        var out = new ArrayList<DepartmentRejection>();
        for (var m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)) && out.size() < limit; m = m.plusMonths(1)) {
            Map<String, AttributeValue> start = null;
            do {
                var query = QueryRequest.builder().tableName(table).indexName(DossierRepository.BY_RECEIVED_MONTH)
                        .keyConditionExpression("#h = :h AND #r BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#h", DossierItem.RECEIVED_MONTH, "#r", DossierItem.RECEIVED_KEY))
                        .expressionAttributeValues(Map.of(":h", s(PREFIX + m), ":from", s(first.toString()),
                                ":to", s(last.plusDays(1).toString())))
                        .limit(limit - out.size());
                if (start != null) query.exclusiveStartKey(start);
                var answer = db.query(query.build());
                answer.items().forEach(item -> out.add(fromItem(item)));
                start = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey() : null;
            } while (start != null && out.size() < limit);
        }
        return out;
    }

    static DepartmentRejection fromItem(Map<String, AttributeValue> item) {
        var pk = DossierItem.string(item, DossierItem.PK, "?");
        JsonNode body;
        try {
            body = Json.tree(DossierItem.string(item, DossierItem.BODY, pk));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored item " + pk + ": body is not JSON", e);
        }
        return new DepartmentRejection(body.path("id").asText(), body.path("agency").asText(), Instant.parse(body.path("at").asText()),
                DepartmentRejection.Stage.valueOf(body.path("stage").asText()), body.path("code").asText(), body.path("message").asText(),
                optional(body, "messageId"), optional(body, "dossierCode"), optional(body, "requestId"));
    }

    private static Optional<String> optional(JsonNode body, String field) {
        var v = body.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
