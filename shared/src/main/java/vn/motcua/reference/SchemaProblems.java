package vn.motcua.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import vn.motcua.edge.Json;
import vn.motcua.schemas.JsonSchemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An operator file against its JSON Schema ({@code reference/*.schema.json}): each violation becomes
 * one line naming the file and the JSON pointer, worded by the rule's {@code x-message} in the schema
 * when it has one ({@code {text}}: the value as written, {@code {json}}: the value as JSON), else by
 * the generic sentences here. One line per value: a date that is neither in the right form nor a real
 * date is told the first. Loaded only when publishing (the validator is an optional dependency).
 */
final class SchemaProblems {

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    /** When one value breaks several rules, the first of these it breaks is the one told. */
    private static final List<String> FIRST = List.of("type", "enum", "const", "pattern", "format");

    private final JsonSchema schema;
    private final ReferenceFile.Style style;

    SchemaProblems(String resource, ReferenceFile.Style style) {
        this.schema = SCHEMAS.computeIfAbsent(resource, JsonSchemas::load);
        this.style = style;
    }

    /** Records the tree's violations in {@code file} and takes the refused values out of the tree. */
    void check(JsonNode tree, ReferenceFile file) {
        var byPointer = new LinkedHashMap<String, ValidationMessage>();
        var unknownByObject = new LinkedHashMap<String, List<ValidationMessage>>();
        for (var v : schema.validate(tree)) {
            String at = v.getInstanceLocation().toString();
            switch (v.getType()) {
                case "additionalProperties" -> unknownByObject.computeIfAbsent(at, k -> new ArrayList<>()).add(v);
                case "required" -> byPointer.putIfAbsent(ReferenceFile.pointer(at, v.getProperty()), v);
                default -> byPointer.merge(at, v, (a, b) -> rank(b) < rank(a) ? b : a);
            }
        }
        byPointer.forEach((at, v) -> file.problem(at, sentence(v, tree.at(at))));
        unknownByObject.forEach((at, unknown) -> unknownFields(at, unknown, file));

        // the rules after the schema must not see what it refused: a refused value reads as absent
        byPointer.forEach((at, v) -> {
            if (v.getType().equals("not")) ReferenceFile.remove(tree, at, true);
            else if (!v.getType().equals("required") && !v.getType().equals("minItems")) ReferenceFile.remove(tree, at, false);
        });
        unknownByObject.forEach((at, unknown) ->
                unknown.forEach(v -> ReferenceFile.remove(tree, ReferenceFile.pointer(at, v.getProperty()), true)));
    }

    private static int rank(ValidationMessage v) {
        int i = FIRST.indexOf(v.getType());
        return i < 0 ? FIRST.size() : i;
    }

    private void unknownFields(String at, List<ValidationMessage> unknown, ReferenceFile file) {
        var allowed = new TreeSet<String>();
        rule(unknown.get(0)).path("properties").fieldNames().forEachRemaining(allowed::add);
        if (style == ReferenceFile.Style.CATALOG) {
            for (var v : unknown) {
                file.problem(ReferenceFile.pointer(at, v.getProperty()), "unknown field (allowed: " + String.join(", ", allowed)
                        + "; keys starting with _ are comments)");
            }
        } else {
            file.problem(at.isEmpty() ? "/" : at, "unknown field(s) " + unknown.stream().map(ValidationMessage::getProperty).toList()
                    + " (expected " + new ArrayList<>(allowed) + ")");
        }
    }

    private String sentence(ValidationMessage v, JsonNode value) {
        JsonNode rule = rule(v);
        String keyword = v.getType();
        if (keyword.equals("required")) return own(rule.path("properties").path(v.getProperty()), "required", value, "missing");
        if (value.isNull()) return own(rule, "required", value, "missing");
        return own(rule, keyword, value, switch (keyword) {
            case "type" -> "expected " + typeName(rule.path("type").asText()) + ", got " + describe(value);
            case "minimum", "maximum" -> bounds(rule, value);
            case "minItems" -> "must list at least " + rule.path("minItems").asInt();
            case "enum" -> "expected one of " + String.join(", ", rule.path("enum").valueStream().map(JsonNode::asText).toList())
                    + ", got '" + text(value) + "'";
            case "not" -> "not allowed here";
            default -> v.getMessage();
        });
    }

    /** The rule's own sentence ({@code x-message}) if it has one for this keyword. */
    private static String own(JsonNode rule, String keyword, JsonNode value, String otherwise) {
        JsonNode message = rule.path(JsonSchemas.MESSAGE_KEYWORD).path(keyword);
        if (!message.isTextual()) return otherwise;
        return message.asText().replace("{text}", text(value)).replace("{json}", Json.write(value));
    }

    /** The schema object holding the keyword that failed (its location minus the keyword). */
    private JsonNode rule(ValidationMessage v) {
        JsonNodePath fragment = v.getSchemaLocation().getFragment();
        JsonNode node = schema.getSchemaNode();
        for (int i = 0; i < fragment.getNameCount() - 1; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node;
    }

    private static String bounds(JsonNode rule, JsonNode value) {
        var min = rule.get("minimum");
        var max = rule.get("maximum");
        String got = ", got " + value.asText();
        if (min != null && min.asLong() >= 0 && value.asLong() < 0) return "must not be negative" + got;
        if (max == null) return "must be at least " + min.asText() + got;
        if (min == null) return "must be at most " + max.asText() + got;
        return "must be between " + min.asText() + " and " + max.asText() + got;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    private static String typeName(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "an array";
            default -> type;
        };
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the string \"" + value.asText() + "\"";
            case NUMBER -> "the number " + value.asText();
            case BOOLEAN -> value.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
