package vn.motcua.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one ObjectMapper. Events and answers go through the tree model (no reflection over POJOs on
 * the hot path), which keeps cold starts short and lets the edge name the exact field that is wrong.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode read(InputStream in) {
        try {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("event is not JSON: " + e.getMessage(), e);
        }
    }

    /** Parses text that came from outside; malformed JSON is the caller's 400, not our 500. */
    public static JsonNode parse(String text) throws BadInput {
        if (text == null || text.isBlank()) {
            throw new BadInput("EMPTY_BODY", "Yêu cầu không có nội dung.", "body");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInput("MALFORMED_JSON", "Nội dung gửi lên không phải JSON hợp lệ (dòng "
                    + e.getLocation().getLineNr() + ", cột " + e.getLocation().getColumnNr() + ").", "body");
        }
    }

    public static ObjectNode object() { return MAPPER.createObjectNode(); }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a field, or null when it is absent, null or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
