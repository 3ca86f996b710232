package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** Ways of looking at the values a {@link Template} loaded: walking them with their paths, and as JSON. */
final class TemplateValues {

    private TemplateValues() {}

    interface Visitor {
        void visit(String path, Object value);
    }

    /**
     * Visits {@code value} and everything under it, depth first, with the dotted path of each
     * ({@code a.b[0].c}, the paths {@link Template#where} understands). The arguments of
     * intrinsic functions are visited too, so a {@code !Ref} inside a {@code !Join} is found.
     */
    static void walk(Object value, String path, Visitor visitor) {
        visitor.visit(path, value);
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, child(path, String.valueOf(k)), visitor));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) walk(list.get(i), path + "[" + i + "]", visitor);
        } else if (value instanceof Intrinsic.Sub sub) {
            sub.variables().forEach((k, v) -> walk(v, path + "[1]." + k, visitor));
        } else if (value instanceof Intrinsic.Other other) {
            walkArgument(other.argument(), path, visitor);
        }
    }

    private static void walkArgument(Object argument, String path, Visitor visitor) {
        if (argument instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) walk(list.get(i), path + "[" + i + "]", visitor);
        } else if (argument instanceof Map<?, ?> || argument instanceof Intrinsic) {
            walk(argument, path, visitor);
        }
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value as JSON, intrinsic functions in their long form ({@code {"Ref": "X"}}), as CloudFormation sees them. */
    static JsonNode toJson(Object value) {
        var f = JsonNodeFactory.instance;
        if (value == null) return f.nullNode();
        if (value instanceof String s) return f.textNode(s);
        if (value instanceof Boolean b) return f.booleanNode(b);
        if (value instanceof Long l) return f.numberNode(l);
        if (value instanceof Integer i) return f.numberNode(i);
        if (value instanceof Double d) return f.numberNode(d);
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = f.arrayNode();
            list.forEach(v -> node.add(toJson(v)));
            return node;
        }
        if (value instanceof Intrinsic intrinsic) {
            ObjectNode node = f.objectNode();
            if (intrinsic instanceof Intrinsic.Ref ref) {
                node.put("Ref", ref.target());
            } else if (intrinsic instanceof Intrinsic.GetAtt att) {
                node.set("Fn::GetAtt", f.arrayNode().add(att.resource()).add(att.attribute()));
            } else if (intrinsic instanceof Intrinsic.Sub sub) {
                node.set("Fn::Sub", sub.variables().isEmpty()
                        ? f.textNode(sub.text())
                        : f.arrayNode().add(sub.text()).add(toJson(sub.variables())));
            } else if (intrinsic instanceof Intrinsic.Other other) {
                node.set(other.function(), toJson(other.argument()));
            }
            return node;
        }
        return f.textNode(String.valueOf(value));
    }
}
