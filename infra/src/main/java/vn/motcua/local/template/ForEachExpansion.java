package vn.motcua.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Fn::ForEach} expanded the way the {@code AWS::LanguageExtensions} transform does before SAM and
 * CloudFormation see the template, so that everything downstream (the validator, the local stack, the
 * runner) reads the same resources AWS creates:
 * <pre>
 *   'Fn::ForEach::Loop':
 *     - Identifier
 *     - !Ref CommaDelimitedListParameter      # or a literal list
 *     - 'OutputKey${Identifier}': OutputValue  # or &amp;{Identifier}: the value less its non-alphanumerics
 * </pre>
 * In the output key both {@code ${Identifier}} and {@code &{Identifier}} are replaced; in the output value
 * {@code ${Identifier}} (in strings and {@code !Sub} texts) and {@code !Ref Identifier} are. AWS does not
 * replace {@code &{Identifier}} in a value (cloudformation-coverage-roadmap#2150), so here it is an error
 * rather than a template that works locally and fails on deploy. To name a generated resource from a value,
 * use an intrinsic inside {@code Ref}/{@code Fn::GetAtt} (which the transform allows and resolves):
 * {@code !GetAtt [!Join ['', [Queue, !Join ['', !Split ['-', !Ref Identifier]]]], Arn]}.
 * Such static {@code Fn::Join}/{@code Fn::Split}/{@code Fn::Select}/{@code Fn::Sub} inside {@code Ref} and
 * {@code Fn::GetAtt} are resolved here too, everywhere in the template.
 */
final class ForEachExpansion {

    static final String PREFIX = "Fn::ForEach::";
    static final String TRANSFORM = "AWS::LanguageExtensions";

    private final Template.Source source;
    private final Map<String, String> parameterValues;
    private final Map<String, Integer> rawLines;
    private final Map<String, Integer> lines;
    private boolean used;

    private ForEachExpansion(Template.Source source, Map<String, String> parameterValues, Map<String, Integer> rawLines,
                             Map<String, Integer> lines) {
        this.source = source;
        this.parameterValues = parameterValues;
        this.rawLines = rawLines;
        this.lines = lines;
    }

    /**
     * The root with every loop expanded, and the lines of the expanded paths (each generated value keeps the
     * line of the fragment it came from).
     *
     * @param parameterValues overrides of the parameters' defaults (a loop over {@code !Ref Param} uses them)
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> expand(Template.Source source, Map<String, Object> root, Map<String, String> parameterValues,
                                      Map<String, Integer> rawLines, Map<String, Integer> lines) {
        var expansion = new ForEachExpansion(source, parameterValues, rawLines, lines);
        var result = (Map<String, Object>) expansion.value(root, "", "", Map.of());
        if (expansion.used) expansion.requireTransform(root);
        return result;
    }

    /** Whether the template uses {@code Fn::ForEach} anywhere. */
    static boolean usedIn(Object value) {
        var found = new boolean[1];
        TemplateValues.walk(value, "", (path, v) -> {
            if (v instanceof Map<?, ?> m && m.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith(PREFIX))) found[0] = true;
            if (v instanceof Intrinsic.Other o && o.function().startsWith(PREFIX)) found[0] = true;
        });
        return found[0];
    }

    private void requireTransform(Map<String, Object> root) {
        Object transform = root.get("Transform");
        List<Object> transforms = transform instanceof List<?> l ? Template.list(l) : transform == null ? List.of() : List.of(transform);
        int at = transforms.indexOf(TRANSFORM);
        int sam = transforms.indexOf("AWS::Serverless-2016-10-31");
        if (at < 0) {
            throw error("Transform", "Fn::ForEach needs the " + TRANSFORM + " transform: Transform: [" + TRANSFORM
                    + ", AWS::Serverless-2016-10-31]");
        }
        if (sam >= 0 && sam < at) {
            throw error("Transform", TRANSFORM + " must come before AWS::Serverless-2016-10-31, so the loops are expanded before SAM reads the functions");
        }
    }

    // ------------------------------------------------------------------ walking

    private Object value(Object value, String from, String to, Map<String, String> bindings) {
        Integer line = rawLines.get(from);
        if (line != null) lines.putIfAbsent(to, line);
        if (value instanceof Map<?, ?> map) return map(map, from, to, bindings);
        if (value instanceof List<?> list) {
            var result = new ArrayList<Object>();
            for (int i = 0; i < list.size(); i++) result.add(value(list.get(i), from + "[" + i + "]", to + "[" + i + "]", bindings));
            return result;
        }
        if (value instanceof String s) return text(s, from, bindings);
        if (value instanceof Intrinsic intrinsic) return intrinsic(intrinsic, from, to, bindings);
        return value;
    }

    private Map<String, Object> map(Map<?, ?> map, String from, String to, Map<String, String> bindings) {
        var result = new LinkedHashMap<String, Object>();
        for (var entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String keyFrom = child(from, key);
            if (key.startsWith(PREFIX)) {
                loop(key, entry.getValue(), keyFrom, to, bindings, result);
            } else {
                String outKey = outputKey(key, bindings);
                put(result, outKey, value(entry.getValue(), keyFrom, child(to, outKey), bindings), keyFrom);
            }
        }
        return result;
    }

    private void loop(String key, Object argument, String from, String to, Map<String, String> bindings, Map<String, Object> into) {
        used = true;
        var args = Template.list(argument);
        if (key.length() == PREFIX.length() || args.size() != 3 || !(args.get(0) instanceof String identifier)
                || identifier.isBlank()) {
            throw error(from, key + " takes [Identifier, Collection, {OutputKey: OutputValue}] and a loop name after Fn::ForEach::");
        }
        if (bindings.containsKey(identifier)) throw error(from, key + ": identifier " + identifier + " is already used by an outer loop");
        List<String> collection = collection(args.get(1), from + "[1]", bindings);
        Map<String, Object> fragment = fragment(args.get(2), from + "[2]");
        for (String item : collection) {
            var inner = new LinkedHashMap<>(bindings);
            inner.put(identifier, item);
            for (var e : fragment.entrySet()) {
                String fragmentFrom = child(from + "[2]", e.getKey());
                if (e.getKey().startsWith(PREFIX)) {
                    loop(e.getKey(), e.getValue(), fragmentFrom, to, inner, into);
                    continue;
                }
                if (!e.getKey().contains("${" + identifier + "}") && !e.getKey().contains("&{" + identifier + "}")) {
                    throw error(fragmentFrom, "the output key '" + e.getKey() + "' of " + key + " must contain ${" + identifier
                            + "} or &{" + identifier + "}, or every iteration writes the same key");
                }
                String outKey = outputKey(e.getKey(), inner);
                put(into, outKey, value(e.getValue(), fragmentFrom, child(to, outKey), inner), fragmentFrom);
            }
        }
    }

    private List<String> collection(Object value, String path, Map<String, String> bindings) {
        if (value instanceof List<?> list) {
            var items = new ArrayList<String>();
            for (Object item : list) {
                Object resolved = value(item, path, path, bindings);
                if (!(resolved instanceof String || resolved instanceof Number || resolved instanceof Boolean)) {
                    throw error(path, "a Fn::ForEach collection holds plain values, got " + resolved);
                }
                items.add(String.valueOf(resolved));
            }
            return items;
        }
        if (value instanceof Intrinsic.Ref ref) {
            var declared = Template.map(Template.map(source.root().get("Parameters")).get(ref.target()));
            if (declared.isEmpty()) throw error(path, "the collection !Ref " + ref.target() + " is not a parameter of the template");
            String type = String.valueOf(declared.get("Type"));
            if (!type.equals("CommaDelimitedList") && !type.startsWith("List<")) {
                throw error(path, "the collection !Ref " + ref.target() + " must be a CommaDelimitedList parameter, it is a " + type);
            }
            String text = parameterValues.containsKey(ref.target()) ? parameterValues.get(ref.target())
                    : declared.containsKey("Default") ? String.valueOf(declared.get("Default")) : null;
            if (text == null) throw error(path, "parameter " + ref.target() + " has no Default and no value was given");
            var items = new ArrayList<String>();
            for (String part : text.split(",", -1)) {
                String item = part.trim();
                if (item.isEmpty()) throw error(path, "parameter " + ref.target() + " has an empty item: '" + text + "'");
                if (items.contains(item)) throw error(path, "parameter " + ref.target() + " lists '" + item + "' twice");
                items.add(item);
            }
            return items;
        }
        throw error(path, "a Fn::ForEach collection is a list or !Ref to a CommaDelimitedList parameter, got " + value);
    }

    /** The fragment as a map: a one-key map whose key is a nested loop was read as an intrinsic. */
    private Map<String, Object> fragment(Object value, String path) {
        if (value instanceof Map<?, ?> m) return Template.map(m);
        if (value instanceof Intrinsic.Other o && o.function().startsWith(PREFIX)) {
            var single = new LinkedHashMap<String, Object>();
            single.put(o.function(), o.argument());
            return single;
        }
        throw error(path, "the third item of Fn::ForEach is the fragment {OutputKey: OutputValue}, got " + value);
    }

    private Object intrinsic(Intrinsic intrinsic, String from, String to, Map<String, String> bindings) {
        if (intrinsic instanceof Intrinsic.Ref ref) {
            return bindings.containsKey(ref.target()) ? bindings.get(ref.target()) : ref;
        }
        if (intrinsic instanceof Intrinsic.GetAtt att) {
            return new Intrinsic.GetAtt(text(att.resource(), from, bindings), text(att.attribute(), from, bindings));
        }
        if (intrinsic instanceof Intrinsic.Sub sub) {
            var variables = new LinkedHashMap<String, Object>();
            sub.variables().forEach((k, v) -> variables.put(k, value(v, from + "[1]." + k, to + "[1]." + k, bindings)));
            return new Intrinsic.Sub(text(sub.text(), from, bindings), variables);
        }
        var other = (Intrinsic.Other) intrinsic;
        if (other.function().startsWith(PREFIX)) {
            var single = new LinkedHashMap<String, Object>();
            single.put(other.function(), other.argument());
            return map(single, from, to, bindings);
        }
        Object argument = value(other.argument(), from, to, bindings);
        if (other.function().equals("Ref")) {
            String target = staticText(argument);
            if (target == null) return new Intrinsic.Other("Ref", argument);
            return bindings.containsKey(target) ? bindings.get(target) : new Intrinsic.Ref(target);
        }
        if (other.function().equals("Fn::GetAtt")) {
            var args = Template.list(argument);
            String resource = args.size() == 2 ? staticText(args.get(0)) : null;
            String attribute = args.size() == 2 ? staticText(args.get(1)) : null;
            if (resource != null && attribute != null) return new Intrinsic.GetAtt(resource, attribute);
        }
        return new Intrinsic.Other(other.function(), argument);
    }

    // ------------------------------------------------------------------ text

    private static final Pattern PLACEHOLDER = Pattern.compile("([$&])\\{([^}!][^}]*)}");

    /** {@code ${Id}} replaced in a value; {@code &{Id}} refused (AWS leaves it in values). */
    private String text(String text, String path, Map<String, String> bindings) {
        if (bindings.isEmpty() || text.indexOf('{') < 0) return text;
        Matcher m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).trim();
            String replacement = m.group();
            if (bindings.containsKey(name)) {
                if (m.group(1).equals("&")) {
                    throw error(path, "&{" + name + "} is replaced in a Fn::ForEach output key only, not in a value (on AWS it"
                            + " stays as written): use ${" + name + "}, or to name a generated resource"
                            + " !GetAtt [!Join ['', [Prefix, !Join ['', !Split ['-', !Ref " + name + "]]]], Arn]");
                }
                replacement = bindings.get(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String outputKey(String key, Map<String, String> bindings) {
        String result = key;
        for (var b : bindings.entrySet()) {
            result = result.replace("${" + b.getKey() + "}", b.getValue())
                    .replace("&{" + b.getKey() + "}", b.getValue().replaceAll("[^A-Za-z0-9]", ""));
        }
        return result;
    }

    /** The value of a static expression (a string, or Fn::Join/Split/Select/Sub over strings), or null. */
    static String staticText(Object value) {
        Object v = staticValue(value);
        return v instanceof String s ? s : null;
    }

    private static Object staticValue(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) return String.valueOf(value);
        if (value instanceof List<?> list) {
            var items = new ArrayList<Object>();
            for (Object item : list) {
                Object v = staticValue(item);
                if (v == null) return null;
                items.add(v);
            }
            return items;
        }
        if (value instanceof Intrinsic.Sub sub && sub.variables().isEmpty() && !sub.text().contains("${")) return sub.text();
        if (!(value instanceof Intrinsic.Other other)) return null;
        var args = Template.list(staticValue(other.argument()));
        switch (other.function()) {
            case "Fn::Join":
                if (args.size() == 2 && args.get(0) instanceof String sep && args.get(1) instanceof List<?> parts
                        && parts.stream().allMatch(p -> p instanceof String)) {
                    return String.join(sep, parts.stream().map(String::valueOf).toList());
                }
                return null;
            case "Fn::Split":
                if (args.size() == 2 && args.get(0) instanceof String sep && !sep.isEmpty() && args.get(1) instanceof String s) {
                    return new ArrayList<Object>(List.of(s.split(Pattern.quote(sep), -1)));
                }
                return null;
            case "Fn::Select":
                if (args.size() == 2 && args.get(0) instanceof String i && i.matches("\\d+") && args.get(1) instanceof List<?> items
                        && Integer.parseInt(i) < items.size()) {
                    return items.get(Integer.parseInt(i));
                }
                return null;
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------ helpers

    private void put(Map<String, Object> into, String key, Object value, String from) {
        if (into.containsKey(key)) {
            throw error(from, "'" + key + "' is written twice (by a Fn::ForEach and another entry, or by two iterations)");
        }
        into.put(key, value);
    }

    private TemplateException error(String rawPath, String message) {
        String p = rawPath;
        while (!p.isEmpty() && !rawLines.containsKey(p)) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        Integer line = rawLines.get(p);
        return new TemplateException(source.file().getFileName() + (line == null ? "" : ":" + line) + " (" + rawPath + "): " + message);
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
