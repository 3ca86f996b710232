package vn.motcua.store;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.edge.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a list stopped: which list, which partition of it (a month, for lists that span months), and
 * DynamoDB's last evaluated key there (empty: start of that partition). Written as base64url JSON:
 * opaque to callers, who only pass it back. Reading one checks it belongs to the list being read, so
 * a cursor from one agency's list cannot open another's.
 */
record Cursor(String list, String partition, Map<String, String> lastKey) {

    Cursor {
        lastKey = Map.copyOf(lastKey);
    }

    /** Every key attribute of the dossier table and its indexes is a string. */
    static Cursor after(String list, String partition, Map<String, AttributeValue> lastEvaluatedKey) {
        var key = new LinkedHashMap<String, String>();
        lastEvaluatedKey.forEach((name, value) -> {
            if (value.s() == null) throw new IllegalStateException("key attribute " + name + " is not a string");
            key.put(name, value.s());
        });
        return new Cursor(list, partition, key);
    }

    static Cursor startOf(String list, String partition) { return new Cursor(list, partition, Map.of()); }

    String encode() {
        var o = Json.object();
        o.put("l", list);
        o.put("p", partition);
        var k = o.putObject("k");
        lastKey.forEach(k::put);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(o).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, when it is one of {@code list}'s; an {@link IllegalArgumentException} (bad input) otherwise. */
    static Optional<Cursor> decode(Optional<String> text, String list) {
        if (text == null || text.isEmpty() || text.get().isBlank()) return Optional.empty();
        Cursor cursor;
        try {
            JsonNode o = Json.tree(Base64.getUrlDecoder().decode(text.get().trim()));
            var key = new LinkedHashMap<String, String>();
            for (var e : o.get("k").properties()) {
                if (!e.getValue().isTextual()) throw new IllegalArgumentException("key value not text");
                key.put(e.getKey(), e.getValue().asText());
            }
            cursor = new Cursor(o.get("l").asText(), o.get("p").asText(), key);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a cursor given by this list: " + abbreviate(text.get()));
        }
        if (!cursor.list.equals(list)) {
            throw new IllegalArgumentException("this cursor belongs to another list: " + abbreviate(text.get()));
        }
        return Optional.of(cursor);
    }

    /** The key to start after, checked to be in the partition being read. */
    Map<String, AttributeValue> exclusiveStartKey(String partitionAttribute) {
        if (lastKey.isEmpty()) return null;
        if (!partition.equals(lastKey.get(partitionAttribute))) {
            throw new IllegalArgumentException("this cursor does not belong to the list being read");
        }
        var key = new LinkedHashMap<String, AttributeValue>();
        lastKey.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return key;
    }

    private static String abbreviate(String text) { return text.length() <= 24 ? text : text.substring(0, 24) + "..."; }
}
