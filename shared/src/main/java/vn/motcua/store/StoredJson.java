package vn.motcua.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reading and writing the JSON bodies of stored items, field by field (the tree model, no reflection
 * over domain records: renaming a record component must not silently change what is stored).
 * A stored body that does not read is our bug or a damaged item, so the error names the item and
 * the JSON pointer of the field.
 *
 * <p>Why this is not binding, unlike the reference files and the contracts: a dossier body is read on
 * every request, its layout names differ from the domain's on purpose ({@code agency}, {@code tracking},
 * actors as {@code ROLE:id}), so binding would need a second set of records plus this mapping anyway;
 * the ObjectMapper costs about 700 classes more at cold start than this reader (measured for the
 * reference files: 899 against 207), and jackson-jr, though lighter, names no JSON pointer in its
 * errors and reads a mistyped number quietly ({@code "ba"} as 0), where no schema check runs first.
 */
record StoredJson(JsonNode node, String item, String pointer) {
    // node: what is read here; item: the stored item's key; pointer: where the node sits in the item's body

    static StoredJson parse(String json, String item) {
        try {
            var tree = Json.tree(json);
            if (tree == null || !tree.isObject()) throw new IllegalStateException("not a JSON object");
            return new StoredJson(tree, item, "");
        } catch (Exception e) {
            throw new IllegalStateException("stored item " + item + ": body is not readable JSON: " + e.getMessage(), e);
        }
    }

    IllegalStateException problem(String field, String what) {
        return new IllegalStateException("stored item " + item + ": " + pointer + "/" + field + " " + what);
    }

    boolean has(String field) {
        var v = node.get(field);
        return v != null && !v.isNull();
    }

    String text(String field) {
        var v = node.get(field);
        if (v == null || !v.isTextual()) throw problem(field, "is missing or not text");
        return v.asText();
    }

    Optional<String> optText(String field) { return has(field) ? Optional.of(text(field)) : Optional.empty(); }

    long number(String field) {
        var v = node.get(field);
        if (v == null || !v.canConvertToLong()) throw problem(field, "is missing or not a whole number");
        return v.asLong();
    }

    boolean bool(String field) {
        var v = node.get(field);
        if (v == null || !v.isBoolean()) throw problem(field, "is missing or not true/false");
        return v.asBoolean();
    }

    Instant instant(String field) {
        var t = text(field);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw problem(field, "is not an instant: " + t);
        }
    }

    Optional<Instant> optInstant(String field) { return has(field) ? Optional.of(instant(field)) : Optional.empty(); }

    LocalDate date(String field) {
        var t = text(field);
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw problem(field, "is not a date: " + t);
        }
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        var t = text(field);
        try {
            return Enum.valueOf(type, t);
        } catch (IllegalArgumentException e) {
            throw problem(field, "is not a " + type.getSimpleName() + ": " + t);
        }
    }

    StoredJson object(String field) {
        var v = node.get(field);
        if (v == null || !v.isObject()) throw problem(field, "is missing or not an object");
        return new StoredJson(v, item, pointer + "/" + field);
    }

    Optional<StoredJson> optObject(String field) { return has(field) ? Optional.of(object(field)) : Optional.empty(); }

    /** An absent list reads as empty: bodies leave empty lists out. */
    <T> List<T> list(String field, Function<StoredJson, T> each) {
        if (!has(field)) return List.of();
        var v = node.get(field);
        if (!v.isArray()) throw problem(field, "is not a list");
        var out = new ArrayList<T>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) throw problem(field + "/" + i, "is not an object");
            out.add(each.apply(new StoredJson(v.get(i), item, pointer + "/" + field + "/" + i)));
        }
        return out;
    }

    List<String> texts(String field) {
        if (!has(field)) return List.of();
        var v = node.get(field);
        if (!v.isArray()) throw problem(field, "is not a list");
        var out = new ArrayList<String>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw problem(field + "/" + i, "is not text");
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** Wraps a domain constructor's refusal of what was read, with the place it was read from. */
    <T> T build(String what, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored item " + item + ": " + (pointer.isEmpty() ? "/" : pointer)
                    + " is not a valid " + what + ": " + e.getMessage(), e);
        }
    }

    // ---- shared shapes ------------------------------------------------------------------------

    /** An actor as one short string, {@code ROLE:id}: roles hold no colon, ids may. */
    static String actor(Actor a) { return a.role().name() + ":" + a.id(); }

    Actor actor(String field) {
        var t = text(field);
        int colon = t.indexOf(':');
        if (colon < 0) throw problem(field, "is not ROLE:id: " + t);
        try {
            return new Actor(Actor.Role.valueOf(t.substring(0, colon)), t.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw problem(field, "is not an actor: " + t);
        }
    }

    static ObjectNode applicant(Applicant a) {
        var o = Json.object();
        o.put("name", a.name());
        o.put("idNumber", a.idNumber());
        o.put("phone", a.phone());
        a.email().ifPresent(e -> o.put("email", e));
        o.put("address", a.address());
        if (a.smsConsent()) o.put("smsConsent", true);
        return o;
    }

    Applicant applicant(String field) {
        var a = object(field);
        return a.build("applicant", () -> new Applicant(a.text("name"), a.text("idNumber"), a.text("phone"),
                a.optText("email"), a.text("address"), a.has("smsConsent") && a.bool("smsConsent")));
    }

    static ArrayNode texts(List<String> values) {
        var array = Json.array();
        values.forEach(array::add);
        return array;
    }

    /** Puts a list only when it has elements, to keep bodies short. */
    static void putList(ObjectNode into, String field, ArrayNode list) {
        if (!list.isEmpty()) into.set(field, list);
    }
}
