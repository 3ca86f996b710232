package vn.motcua.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.jr.ob.JSON;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the contracts' values look on the wire: enum values in lower snake case, instants and dates
 * in ISO 8601, identifiers from a small alphabet. A message is read in three steps: strict JSON
 * ({@link #parse}), its schema, then {@link #bind} to a record shaped as the message; the
 * conversions here run after the schema check, and the few it cannot vouch for answer with BadInput.
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

    /**
     * The message, already checked against its schema, as a record named as its keys. jackson-jr,
     * not the ObjectMapper: it binds without databind's deserializer machinery (a few hundred
     * classes at cold start), and the schema has vouched for every type (jackson-jr alone would
     * read {@code "ba"} into an Integer as 0).
     */
    static <T> T bind(String json, Class<T> shape) {
        try {
            return JSON.std.beanFrom(shape, json);
        } catch (IOException e) {
            throw new IllegalStateException("a " + shape.getSimpleName() + " that passed its schema does not bind: " + e.getMessage(), e);
        }
    }

    static String name(Enum<?> value) { return value.name().toLowerCase(Locale.ROOT); }

    /** A value the schema allows ({@code lower_snake}) as its enum constant. */
    static <E extends Enum<E>> E value(Class<E> type, String text) {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    }

    /** An optional list the message may leave out. */
    static List<String> list(List<String> values) { return values == null ? List.of() : List.copyOf(values); }

    static Instant instant(String text, String path) throws BadInput {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInput("SCHEMA_VIOLATION", "Trường «" + path + "» không phải thời điểm hợp lệ theo ISO 8601.", path);
        }
    }

    static LocalDate date(String text, String path) throws BadInput {
        try {
            return LocalDate.parse(text);
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
