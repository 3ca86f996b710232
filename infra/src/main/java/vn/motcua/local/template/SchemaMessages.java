package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the schema validator's messages into the few that matter, in plain words.
 * <ul>
 * <li>CloudFormation converts {@code '120'} to a number and {@code 5} to a string where the
 *     property needs it; such "wrong type" messages are dropped.</li>
 * <li>For an {@code anyOf}/{@code oneOf} the validator reports every alternative's complaints;
 *     only those of the alternative that came closest are kept (fewest complaints, and not one
 *     that is of the wrong kind altogether).</li>
 * </ul>
 */
final class SchemaMessages {

    private final SchemaLibrary schemas;

    SchemaMessages(SchemaLibrary schemas) {
        this.schemas = schemas;
    }

    List<ValidationMessage> relevant(List<ValidationMessage> messages) {
        var kept = new ArrayList<ValidationMessage>();
        for (ValidationMessage m : messages) {
            if (!coercible(m)) kept.add(m);
        }
        List<ValidationMessage> closest = closestAlternatives(kept, 0);
        return closest.stream()
                // the "0 alternatives are valid" summary, once its closest alternative's own complaints are kept
                .filter(m -> !(m.getType().equals("oneOf") && hasChildren(m, closest)))
                .toList();
    }

    private static boolean coercible(ValidationMessage m) {
        if (!m.getType().equals("type")) return false;
        JsonNode value = m.getInstanceNode();
        String expected = String.valueOf(m.getArguments().length > 1 ? m.getArguments()[1] : "");
        if (value == null) return false;
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (expected.contains("integer") && text.matches("-?\\d+")) return true;
            if (expected.contains("number") && text.matches("-?\\d+(\\.\\d+)?")) return true;
            return expected.contains("boolean") && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"));
        }
        return expected.contains("string") && (value.isNumber() || value.isBoolean());
    }

    private static boolean hasChildren(ValidationMessage summary, List<ValidationMessage> all) {
        String prefix = summary.getEvaluationPath().toString() + "/";
        return all.stream().anyMatch(m -> m.getEvaluationPath().toString().startsWith(prefix));
    }

    /**
     * Groups the messages by the first anyOf/oneOf on their evaluation path at or after token
     * {@code from} (and by the value it applied to), keeps the closest alternative of each, and
     * goes on inside it.
     */
    private List<ValidationMessage> closestAlternatives(List<ValidationMessage> messages, int from) {
        var result = new ArrayList<ValidationMessage>();
        Map<String, Map<Integer, List<ValidationMessage>>> sites = new LinkedHashMap<>();
        Map<String, Integer> siteDepth = new LinkedHashMap<>();
        for (ValidationMessage m : messages) {
            List<String> tokens = tokens(m);
            int at = -1;
            for (int i = from; i < tokens.size() - 1; i++) {
                if ((tokens.get(i).equals("anyOf") || tokens.get(i).equals("oneOf")) && tokens.get(i + 1).matches("\\d+")) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                result.add(m);
                continue;
            }
            String site = String.join("/", tokens.subList(0, at + 1)) + " @ " + instancePrefix(m, tokens.subList(0, at));
            sites.computeIfAbsent(site, k -> new LinkedHashMap<>())
                    .computeIfAbsent(Integer.parseInt(tokens.get(at + 1)), k -> new ArrayList<>()).add(m);
            siteDepth.put(site, at + 2);
        }
        sites.forEach((site, branches) -> {
            var best = branches.values().stream()
                    .min(Comparator.comparingInt((List<ValidationMessage> b) -> wrongKind(b, siteDepth.get(site)) ? 1 : 0)
                            .thenComparingInt(List::size))
                    .orElseThrow();
            result.addAll(closestAlternatives(best, siteDepth.get(site)));
        });
        return result;
    }

    /** An alternative whose complaint is about the value itself (a string where it wanted an object). */
    private static boolean wrongKind(List<ValidationMessage> branch, int depth) {
        return branch.stream().anyMatch(m -> (m.getType().equals("type") || m.getType().equals("enum") || m.getType().equals("const"))
                && tokens(m).subList(depth, tokens(m).size()).stream().noneMatch(SchemaMessages::entersValue));
    }

    private static List<String> tokens(ValidationMessage m) {
        var path = m.getEvaluationPath();
        var tokens = new ArrayList<String>();
        for (int i = 0; i < path.getNameCount(); i++) tokens.add(String.valueOf(path.getElement(i)));
        return tokens;
    }

    /** Evaluation path keywords that step from a value into one of its members or items. */
    private static boolean entersValue(String token) {
        return token.equals("properties") || token.equals("patternProperties") || token.equals("additionalProperties")
                || token.equals("items") || token.equals("additionalItems");
    }

    /** The instance location the schema at {@code evaluation} applied to: one step per keyword that enters a member. */
    private static String instancePrefix(ValidationMessage m, List<String> evaluation) {
        int steps = 0;
        for (int i = 0; i < evaluation.size(); i++) {
            String t = evaluation.get(i);
            if (t.equals("properties") || t.equals("patternProperties")) {
                steps++;
                i++;
            } else if (t.equals("additionalProperties") || t.equals("additionalItems")) {
                steps++;
            } else if (t.equals("items")) {
                steps++;
                if (i + 1 < evaluation.size() && evaluation.get(i + 1).matches("\\d+")) i++;
            } else if (t.equals("definitions") || t.equals("dependencies")) {
                i++;
            }
        }
        var location = m.getInstanceLocation();
        var sb = new StringBuilder();
        for (int i = 0; i < Math.min(steps, location.getNameCount()); i++) sb.append('/').append(location.getElement(i));
        return sb.toString();
    }

    /** The path suffix the problem should point at: the property itself for unknown or missing ones. */
    static String member(ValidationMessage m) {
        return switch (m.getType()) {
            case "additionalProperties" -> m.getProperty() == null ? "" : "." + m.getProperty();
            default -> "";
        };
    }

    String describe(ValidationMessage m) {
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        JsonNode value = m.getInstanceNode();
        return switch (m.getType()) {
            case "additionalProperties" -> unknownProperty(m);
            case "required" -> "missing required property '" + m.getProperty() + "'";
            case "type" -> "must be " + kind(String.valueOf(args.length > 1 ? args[1] : "?"))
                    + ", not " + kind(String.valueOf(args.length > 0 ? args[0] : "?")) + shown(value);
            case "enum" -> "must be one of " + allowed(m.getSchemaNode()) + shown(value);
            case "const" -> "must be " + m.getSchemaNode() + shown(value);
            case "maximum" -> "must be at most " + m.getSchemaNode() + shown(value);
            case "minimum" -> "must be at least " + m.getSchemaNode() + shown(value);
            case "maxLength" -> "must be at most " + m.getSchemaNode() + " characters long" + shown(value);
            case "minLength" -> "must be at least " + m.getSchemaNode() + " characters long" + shown(value);
            case "pattern" -> "must match the pattern " + m.getSchemaNode() + shown(value);
            case "maxItems" -> "must have at most " + m.getSchemaNode() + " items";
            case "minItems" -> "must have at least " + m.getSchemaNode() + " items";
            case "uniqueItems" -> "must not repeat an item";
            case "not" -> excluded(m);
            case "dependencies" -> m.getError();
            case "oneOf" -> "matches more than one of the forms this property can take; make it unambiguous";
            default -> m.getError();
        };
    }

    private String unknownProperty(ValidationMessage m) {
        String name = m.getProperty();
        JsonNode parent = schemas.nodeAt(parentLocation(m));
        var names = new ArrayList<String>();
        parent.path("properties").fieldNames().forEachRemaining(names::add);
        var patterns = new ArrayList<String>();
        parent.path("patternProperties").fieldNames().forEachRemaining(patterns::add);
        if (names.isEmpty() && !patterns.isEmpty()) {
            return "'" + name + "' is not an allowed name here (names must match " + String.join(" or ", patterns) + ")";
        }
        return "unknown property '" + name + "'" + Text.didYouMean(name, names);
    }

    private static com.networknt.schema.SchemaLocation parentLocation(ValidationMessage m) {
        var location = m.getSchemaLocation();
        var fragment = location.getFragment();
        var parent = new com.networknt.schema.SchemaLocation(location.getAbsoluteIri(), fragment.getParent());
        return parent;
    }

    private String excluded(ValidationMessage m) {
        List<String> tokens = tokens(m);
        int d = tokens.lastIndexOf("dependencies");
        if (d >= 0 && d + 1 < tokens.size()) {
            var others = new ArrayList<String>();
            for (JsonNode branch : m.getSchemaNode().path("anyOf")) others.add(branch.path("required").path(0).asText());
            return "'" + tokens.get(d + 1) + "' cannot be used together with " + others.stream().map(o -> "'" + o + "'").collect(Collectors.joining(" or "));
        }
        return m.getError();
    }

    private static String kind(String jsonType) {
        String t = jsonType.replace("[", "").replace("]", "");
        return Arrays.stream(t.split(",\\s*")).map(k -> switch (k) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "null" -> "empty";
            default -> k;
        }).collect(Collectors.joining(" or "));
    }

    private static String allowed(JsonNode values) {
        var list = new ArrayList<String>();
        values.forEach(v -> list.add(v.isTextual() ? v.asText() : v.toString()));
        return String.join(", ", list);
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isContainerNode() || value.isMissingNode()) return "";
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() > 60 ? "" : " (found " + text + ")";
    }
}
