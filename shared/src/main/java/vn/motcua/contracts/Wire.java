package vn.motcua.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the contracts' values look on the wire: enum values in lower snake case, instants and dates
 * in ISO 8601, identifiers from a small alphabet. Readers here run after the schema check, so
 * they only convert; the few conversions the schema cannot vouch for still answer with BadInput.
 */
final class Wire {

    /** Same rule as {@code common.schema.json#/$defs/id}. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    /**
     * Duplicate keys are refused: a signed body whose fields one parser reads first-wins and
     * another last-wins would mean two things. Trailing content after the object is refused too.
     * Built on first read (a holder): the senders' checks below must not build the ObjectMapper.
     */
    private static final class Strict {
        static final ObjectReader READER = Json.mapper().reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private Wire() {}

    static JsonNode parse(String text) throws BadInput {
        if (text == null || text.isBlank()) {
            throw new BadInput("EMPTY_BODY", "Thông điệp không có nội dung.", "body");
        }
        try {
            return Strict.READER.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation() == null ? "" : " (dòng " + e.getLocation().getLineNr() + ", cột " + e.getLocation().getColumnNr() + ")";
            var message = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "Nội dung gửi lên có một trường xuất hiện hai lần" + where + ": " + e.getOriginalMessage().substring("Duplicate field ".length()) + "."
                    : "Nội dung gửi lên không phải JSON hợp lệ" + where + ".";
            throw new BadInput("MALFORMED_JSON", message, "body");
        }
    }

    static String name(Enum<?> value) { return value.name().toLowerCase(Locale.ROOT); }

    static <E extends Enum<E>> E value(Class<E> type, JsonNode node, String field) {
        return Enum.valueOf(type, node.get(field).asText().toUpperCase(Locale.ROOT));
    }

    static String text(JsonNode node, String field) { return node.get(field).asText(); }

    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static List<String> texts(JsonNode node, String field) {
        var out = new ArrayList<String>();
        node.path(field).forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    static Instant instant(JsonNode node, String field, String path) throws BadInput {
        try {
            return OffsetDateTime.parse(node.get(field).asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInput("SCHEMA_VIOLATION", "Trường «" + path + "» không phải thời điểm hợp lệ theo ISO 8601.", path);
        }
    }

    static LocalDate date(JsonNode node, String field, String path) throws BadInput {
        try {
            return LocalDate.parse(node.get(field).asText());
        } catch (DateTimeParseException e) {
            throw new BadInput("SCHEMA_VIOLATION", "Trường «" + path + "» không phải ngày hợp lệ theo ISO 8601 (YYYY-MM-DD).", path);
        }
    }

    static void strings(ObjectNode parent, String field, List<String> values) {
        var array = parent.putArray(field);
        values.forEach(array::add);
    }

    // ---- checks for the Java side, so a sender cannot write what a reader would refuse ----------

    static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-200 of [A-Za-z0-9._:-], starting with a letter or digit: " + value);
        }
        return value;
    }

    static <T> T required(T value, String what) {
        if (value == null) throw new IllegalArgumentException(what + " is required");
        return value;
    }

    static String text(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return value;
    }

    static List<String> texts(List<String> values, String what) {
        if (values == null || values.isEmpty()) throw new IllegalArgumentException(what + " must list at least one");
        values.forEach(v -> text(v, what));
        return List.copyOf(values);
    }
}
