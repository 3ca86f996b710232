package vn.motcua.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} as SAM deploys it: its own Properties laid over
 * {@code Globals.Function} (mappings merge key by key, anything else the function's own wins).
 * The validator checks it; the local runner runs it.
 */
public record SamFunction(String name, Map<String, Object> properties, Map<String, Object> own) {

    public static final String TYPE = "AWS::Serverless::Function";

    public static List<SamFunction> all(Template template) {
        return template.resourcesOfType(TYPE).stream()
                .map(r -> new SamFunction(r.name(), merge(template.functionGlobals(), r.properties()), r.properties()))
                .toList();
    }

    public String path() { return "Resources." + name; }

    /** Where a property is written: on the function if it says it, else in Globals. */
    public String pathOf(String property) {
        return own.containsKey(property) ? path() + ".Properties." + property : "Globals.Function." + property;
    }

    public Object get(String property) { return properties.get(property); }

    public Map<String, Object> events() { return Template.map(properties.get("Events")); }

    /** The function's Timeout in seconds; 3 when none is given (Lambda's default). */
    public long timeoutSeconds() {
        Object t = properties.get("Timeout");
        if (t instanceof Number n) return n.longValue();
        if (t instanceof String s && s.trim().matches("\\d+")) return Long.parseLong(s.trim());
        return t == null ? 3 : -1;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        var result = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> {
            Object global = result.get(key);
            if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> v) {
                result.put(key, merge((Map<String, Object>) g, (Map<String, Object>) v));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
