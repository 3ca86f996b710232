package vn.motcua.domain.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import vn.motcua.edge.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of an operator's JSON file: every read names its field by JSON pointer, and a
 * bad or missing value becomes a problem in a shared list instead of an exception, so one pass
 * reports everything wrong. Keys starting with {@code _} are comments and are ignored; any other
 * unknown key is a problem (a typo like {@code timelimit} must not be silently dropped).
 */
final class JsonFields {

    /** The problems found in one or more files, each prefixed with its file. */
    static final class Problems {
        private final List<String> lines = new ArrayList<>();

        void add(String source, String pointer, String message) {
            lines.add(source + " " + (pointer.isEmpty() ? "(root)" : pointer) + ": " + message);
        }

        boolean any() { return !lines.isEmpty(); }

        List<String> lines() { return lines; }
    }

    private final JsonNode json;
    private final String source;
    private final String pointer;
    private final Problems problems;

    private JsonFields(JsonNode json, String source, String pointer, Problems problems) {
        this.json = json;
        this.source = source;
        this.pointer = pointer;
        this.problems = problems;
    }

    /** The root object of a file, or empty (with a problem) when the text is not a JSON object. */
    static Optional<JsonFields> root(String text, String source, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.add(source, "", "the file is empty");
            return Optional.empty();
        }
        try {
            var node = Json.tree(text);
            if (node == null || !node.isObject()) {
                problems.add(source, "", "expected a JSON object at the top");
                return Optional.empty();
            }
            return Optional.of(new JsonFields(node, source, "", problems));
        } catch (JsonProcessingException e) {
            var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            problems.add(source, "", "not valid JSON" + where + ": " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    String pointer() { return pointer; }

    String pointer(String field) { return pointer + "/" + field.replace("~", "~0").replace("/", "~1"); }

    void problem(String field, String message) { problems.add(source, pointer(field), message); }

    void problemHere(String message) { problems.add(source, pointer, message); }

    /** Unknown keys are typos until proven otherwise. */
    boolean has(String field) {
        var value = json.get(field);
        return value != null && !value.isNull();
    }

    void onlyFields(Set<String> allowed) {
        json.fieldNames().forEachRemaining(name -> {
            if (!name.startsWith("_") && !allowed.contains(name)) {
                problem(name, "unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList())
                        + "; keys starting with _ are comments)");
            }
        });
    }

    private JsonNode present(String field) {
        var value = json.get(field);
        if (value == null || value.isNull()) {
            problem(field, "missing");
            return null;
        }
        return value;
    }

    private boolean expect(String field, JsonNode value, JsonNodeType type, String what) {
        if (value.getNodeType() != type) {
            problem(field, "expected " + what + ", got " + describe(value));
            return false;
        }
        return true;
    }

    /** A required, non-blank string, trimmed; null after recording a problem. */
    String text(String field) {
        var value = present(field);
        if (value == null || !expect(field, value, JsonNodeType.STRING, "a string")) return null;
        var text = value.asText().trim();
        if (text.isEmpty()) {
            problem(field, "must not be blank");
            return null;
        }
        return text;
    }

    /** An optional string: absent or null gives empty; blank is a problem (say nothing rather than ""). */
    Optional<String> optionalText(String field) {
        var value = json.get(field);
        if (value == null || value.isNull()) return Optional.empty();
        return Optional.ofNullable(text(field));
    }

    Boolean bool(String field) {
        var value = present(field);
        if (value == null || !expect(field, value, JsonNodeType.BOOLEAN, "true or false")) return null;
        return value.asBoolean();
    }

    boolean bool(String field, boolean absent) {
        var value = json.get(field);
        if (value == null || value.isNull()) return absent;
        var read = bool(field);
        return read == null ? absent : read;
    }

    /** A whole number in [min, max]; null after recording a problem. */
    Long whole(String field, long min, long max) {
        var value = present(field);
        if (value == null) return null;
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(field, "expected a whole number, got " + describe(value));
            return null;
        }
        long number = value.asLong();
        if (number < min || number > max) {
            problem(field, number < 0 && min >= 0 ? "must not be negative, got " + number
                    : max == Long.MAX_VALUE ? "must be at least " + min + ", got " + number
                    : "must be between " + min + " and " + max + ", got " + number);
            return null;
        }
        return number;
    }

    JsonFields object(String field) {
        var value = present(field);
        if (value == null || !expect(field, value, JsonNodeType.OBJECT, "an object")) return null;
        return new JsonFields(value, source, pointer(field), problems);
    }

    /** A required array whose elements are objects; elements that are not objects are problems and skipped. */
    List<JsonFields> objects(String field) {
        var value = present(field);
        if (value == null || !expect(field, value, JsonNodeType.ARRAY, "an array")) return List.of();
        var items = new ArrayList<JsonFields>();
        for (int i = 0; i < value.size(); i++) {
            var item = value.get(i);
            var itemPointer = pointer(field) + "/" + i;
            if (!item.isObject()) {
                problems.add(source, itemPointer, "expected an object, got " + describe(item));
            } else {
                items.add(new JsonFields(item, source, itemPointer, problems));
            }
        }
        return items;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the string \"" + value.asText() + "\"";
            case NUMBER -> "the number " + value.asText();
            case BOOLEAN -> value.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase();
        };
    }
}
