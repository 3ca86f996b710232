package vn.motcua.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.jr.ob.JSON;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.util.List;

/**
 * One operator file (a catalog file, a holiday table) on its way in: strict JSON (a key given twice
 * is an error, not a silent override), then, when publishing, its JSON Schema ({@link SchemaProblems}),
 * then bound to records with jackson-jr. Every problem is a line {@code <file> <JSON pointer>: <what
 * is wrong>} added to a shared list, so one pass reports everything; a value the schema refused is
 * taken out before binding, so the rules that follow see only values of the right shape.
 *
 * <p>Why jackson-jr rather than the ObjectMapper: in a fresh JVM that had already read an event (as
 * a function has), binding the seed catalog and three holiday tables loaded 318 more classes with
 * jackson-jr, 899 with the ObjectMapper, and 207 with the hand-written readers this replaced; each
 * function reads this data on its first request. The schema validator (931 classes, mapper
 * included) runs only when publishing: what is stored passed it, so a function binds the stored copy
 * and applies the rules without it. jackson-jr coerces a mistyped scalar quietly ({@code "ba"} into
 * an Integer gives 0), which is why a file from outside goes through the schema first.
 */
final class ReferenceFile {

    /** How problems are worded: the catalog and the holiday tables each keep the wording operators know. */
    enum Style {
        /** {@code agencies.json (root): ...}; an unknown key is named at its own pointer. */
        CATALOG,
        /** {@code 2030.json: ...}; the unknown keys of an object are listed together at the object. */
        HOLIDAY_TABLE;

        String root() { return this == CATALOG ? "(root)" : "/"; }

        String fileProblem(String file, String message) {
            return this == CATALOG ? file + " (root): " + message : file + ": " + message;
        }

        String empty() { return this == CATALOG ? "the file is empty" : notAnObject(); }

        String notAnObject() { return this == CATALOG ? "expected a JSON object at the top" : "the file must hold one JSON object"; }

        String notJson(JsonProcessingException e) {
            var at = e.getLocation();
            if (this == CATALOG) {
                return "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                        + ": " + e.getOriginalMessage();
            }
            return "not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
    }

    private final String file;
    private final Style style;
    private final List<String> problems;

    ReferenceFile(String file, Style style, List<String> problems) {
        this.file = file;
        this.style = style;
        this.problems = problems;
    }

    String file() { return file; }

    /** Records a problem at a JSON pointer ({@code ""} is the whole file). */
    void problem(String pointer, String message) {
        problems.add(file + " " + (pointer.isEmpty() ? style.root() : pointer) + ": " + message);
    }

    /** Checks the tree against its schema ({@code reference/...schema.json}): problems recorded, refused values taken out. */
    void check(JsonNode tree, String schema) {
        new SchemaProblems(schema, style).check(tree, this);
    }

    /** The file as a tree (strict: no key twice); null after recording why it is not one JSON object. */
    JsonNode tree(String text) {
        if (text == null || text.isBlank()) {
            problems.add(style.fileProblem(file, style.empty()));
            return null;
        }
        try {
            var tree = Json.treeWithoutDuplicates(text);
            if (tree.isObject()) return tree;
            problems.add(style.fileProblem(file, style.notAnObject()));
        } catch (JsonProcessingException e) {
            problems.add(style.fileProblem(file, style.notJson(e)));
        }
        return null;
    }

    /** The tree bound to {@code type}, a record whose components are named as the file's keys; unknown keys are ignored. */
    <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return JSON.std.beanFrom(type, Json.write(tree));
        } catch (IOException e) {
            // only a file the schema did not check can get here (a stored copy changed by hand)
            problems.add(style.fileProblem(file, "cannot be read: " + e.getMessage()));
            return null;
        }
    }

    /** Takes the value at {@code pointer} out of the tree: a key is removed, an array element becomes null. */
    static void remove(JsonNode tree, String pointer, boolean key) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) return;
        var parent = tree.at(pointer.substring(0, slash));
        var name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            if (key) o.remove(name);
            else o.putNull(name);
        } else if (parent instanceof ArrayNode a) {
            int index = Integer.parseInt(name);
            if (index < a.size()) a.set(index, a.nullNode());
        }
    }

    static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** {@code /agencies/3} for element 3 of {@code agencies}. */
    static String at(String array, int index) {
        return "/" + array + "/" + index;
    }

    /** Trimmed text; null for absent or blank (the schema has already said whether that was allowed). */
    static String text(String value) {
        if (value == null) return null;
        var text = value.strip();
        return text.isEmpty() ? null : text;
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
