package vn.motcua.local.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml, loaded once into plain maps, lists, scalars and {@link Intrinsic} values, with the
 * line of every value kept so that a problem can be reported as {@code template.yaml:42 (Resources.X.Properties.Y)}.
 * The local stack, the runner and the validation test all read the system from here.
 */
public final class Template {

    private final Path file;
    private final Map<String, Object> root;
    private final Map<String, Integer> lines;
    /** The template as written, loops unexpanded, and the lines of its paths. */
    private final Source source;
    private final Map<String, Integer> sourceLines;
    private final Map<String, String> parameterValues;

    private Template(Source source, Map<String, Integer> sourceLines, Map<String, String> parameterValues) {
        this.source = source;
        this.sourceLines = sourceLines;
        this.parameterValues = Map.copyOf(parameterValues);
        this.file = source.file();
        if (ForEachExpansion.usedIn(source.root())) {
            var expandedLines = new HashMap<String, Integer>();
            @SuppressWarnings("unchecked")
            var expanded = (Map<String, Object>) ForEachExpansion.expand(source, source.root(), parameterValues, sourceLines, expandedLines);
            sourceLines.forEach(expandedLines::putIfAbsent);
            this.root = Collections.unmodifiableMap(expanded);
            this.lines = Collections.unmodifiableMap(expandedLines);
        } else {
            this.root = source.root();
            this.lines = sourceLines;
        }
    }

    /** The file and its root as written, before {@code Fn::ForEach} is expanded. */
    record Source(Path file, Map<String, Object> root) {}

    public static Template load(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TemplateException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static Template parse(Path file, String yaml) {
        Node node;
        try (Reader reader = new StringReader(yaml)) {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            node = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new TemplateException(file + ":" + line + ": not valid YAML: " + e.getProblem(), e);
        } catch (IOException e) {
            throw new TemplateException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (!(node instanceof MappingNode)) {
            throw new TemplateException(file + ": the template must be a YAML mapping");
        }
        var lines = new HashMap<String, Integer>();
        @SuppressWarnings("unchecked")
        var root = (Map<String, Object>) new Converter(file, lines).convert(node, "");
        return new Template(new Source(file, Collections.unmodifiableMap(root)), Collections.unmodifiableMap(lines), Map.of());
    }

    /**
     * The same template with its {@code Fn::ForEach} loops expanded over these parameter values instead of
     * the defaults (as a deployment with {@code --parameter-overrides} would); itself when nothing changes.
     */
    public Template withParameters(Map<String, String> values) {
        if (values.equals(parameterValues) || !ForEachExpansion.usedIn(source.root())) return this;
        return new Template(source, sourceLines, values);
    }

    /** The root as written, loops unexpanded (everything else reads {@link #root()}, expanded). */
    public Map<String, Object> sourceRoot() { return source.root(); }

    public Path file() { return file; }

    /** The root with every {@code Fn::ForEach} expanded, as CloudFormation sees it after AWS::LanguageExtensions. */
    public Map<String, Object> root() { return root; }

    /** The Resources section, in template order. */
    public Map<String, Resource> resources() {
        var result = new LinkedHashMap<String, Resource>();
        map(root.get("Resources")).forEach((name, body) -> result.put(name, new Resource(name, map(body))));
        return result;
    }

    /** One resource by logical id. */
    public java.util.Optional<Resource> resource(String logicalId) {
        Object body = map(root.get("Resources")).get(logicalId);
        return body instanceof Map<?, ?> ? java.util.Optional.of(new Resource(logicalId, map(body))) : java.util.Optional.empty();
    }

    public Map<String, Object> parameters() { return map(root.get("Parameters")); }

    /** {@code Globals.Function}, or an empty map. */
    public Map<String, Object> functionGlobals() { return map(map(root.get("Globals")).get("Function")); }

    public List<Resource> resourcesOfType(String type) {
        return resources().values().stream().filter(r -> type.equals(r.type())).toList();
    }

    /** {@code template.yaml:LINE (a.b.c)} for a dotted path; the line of the nearest parent that has one. */
    public String where(String path) {
        String p = path;
        while (!p.isEmpty() && !lines.containsKey(p)) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        Integer line = lines.get(p);
        return file.getFileName() + (line == null ? "" : ":" + line) + " (" + path + ")";
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** One resource: its logical id, Type and Properties. */
    public record Resource(String name, Map<String, Object> body) {
        public String type() { return String.valueOf(body.get("Type")); }
        public Map<String, Object> properties() { return map(body.get("Properties")); }
        public String path() { return "Resources." + name; }
    }

    /** Turns SnakeYAML nodes into values, intrinsics included, remembering each path's line. */
    private static final class Converter {
        private final Path file;
        private final Map<String, Integer> lines;

        Converter(Path file, Map<String, Integer> lines) {
            this.file = file;
            this.lines = lines;
        }

        Object convert(Node node, String path) {
            lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
            String tag = node.getTag().getValue();
            if (tag.startsWith("!")) {
                return shortForm(tag.substring(1), node, path);
            }
            if (node instanceof MappingNode mapping) {
                var result = new LinkedHashMap<String, Object>();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        throw new TemplateException(file + ":" + (tuple.getKeyNode().getStartMark().getLine() + 1)
                                + ": keys must be plain strings");
                    }
                    String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    lines.put(childPath, key.getStartMark().getLine() + 1);
                    result.put(key.getValue(), convert(tuple.getValueNode(), childPath));
                }
                return longForm(result);
            }
            if (node instanceof SequenceNode sequence) {
                var result = new ArrayList<Object>();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    result.add(convert(sequence.getValue().get(i), path + "[" + i + "]"));
                }
                return result;
            }
            return scalar((ScalarNode) node);
        }

        private Object scalar(ScalarNode node) {
            String v = node.getValue();
            if (node.getTag().equals(Tag.INT)) {
                try { return Long.parseLong(v); } catch (NumberFormatException e) { return v; }
            }
            if (node.getTag().equals(Tag.FLOAT)) {
                try { return Double.parseDouble(v); } catch (NumberFormatException e) { return v; }
            }
            if (node.getTag().equals(Tag.BOOL)) {
                return switch (v.toLowerCase()) {
                    case "true", "yes", "on" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
            }
            if (node.getTag().equals(Tag.NULL)) return null;
            return v;
        }

        private Object shortForm(String name, Node node, String path) {
            // A tagged node is converted as its untagged self, then wrapped as the function.
            Object argument;
            if (node instanceof ScalarNode s) {
                argument = s.getValue();
            } else if (node instanceof SequenceNode seq) {
                var items = new ArrayList<Object>();
                for (int i = 0; i < seq.getValue().size(); i++) items.add(convert(seq.getValue().get(i), path + "[" + i + "]"));
                argument = items;
            } else {
                node.setTag(Tag.MAP); // read the mapping as plain data, then wrap it below
                argument = convert(node, path);
            }
            String function = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
            return intrinsic(function, argument, path);
        }

        private Object longForm(Map<String, Object> map) {
            if (map.size() == 1) {
                String key = map.keySet().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, map.get(key), "");
                }
            }
            return map;
        }

        private Intrinsic intrinsic(String function, Object argument, String path) {
            switch (function) {
                case "Ref":
                    // AWS::LanguageExtensions allows an intrinsic here; ForEachExpansion resolves the static ones
                    if (!(argument instanceof String)) return new Intrinsic.Other(function, argument);
                    return new Intrinsic.Ref(String.valueOf(argument));
                case "Fn::GetAtt": {
                    if (argument instanceof List<?> l && l.size() == 2 && !(l.get(0) instanceof String && l.get(1) instanceof String)) {
                        return new Intrinsic.Other(function, argument);
                    }
                    if (argument instanceof String s) {
                        int dot = s.indexOf('.');
                        if (dot > 0) return new Intrinsic.GetAtt(s.substring(0, dot), s.substring(dot + 1));
                    } else if (argument instanceof List<?> l && l.size() == 2) {
                        return new Intrinsic.GetAtt(String.valueOf(l.get(0)), String.valueOf(l.get(1)));
                    }
                    throw new TemplateException(file + ":" + lines.getOrDefault(path, 0)
                            + ": !GetAtt takes Resource.Attribute, got " + argument);
                }
                case "Fn::Sub": {
                    if (argument instanceof String s) return new Intrinsic.Sub(s, Map.of());
                    if (argument instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s) {
                        return new Intrinsic.Sub(s, map(l.get(1)));
                    }
                    throw new TemplateException(file + ":" + lines.getOrDefault(path, 0)
                            + ": !Sub takes a string or [string, {variables}], got " + argument);
                }
                default:
                    return new Intrinsic.Other(function, argument);
            }
        }
    }
}
