package vn.motcua.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Structured logs: one JSON object per line on stdout, which Lambda ships to CloudWatch as is.
 * Only identifiers go in (dossier code, request id, message id, agency id): never names, citizen ids,
 * phones or emails. Callers add fields by name, so a review can see every field that is logged.
 */
public final class Log {
    private static volatile PrintStream out = System.out;

    private final ObjectNode line = Json.object();

    private Log(String level, String event) {
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
    }

    public static Log info(String event) { return new Log("INFO", event); }
    public static Log warn(String event) { return new Log("WARN", event); }
    public static Log error(String event) { return new Log("ERROR", event); }

    /** The line's own fields: a caller's field of the same name would overwrite the event's name (it did once). */
    private static final java.util.Set<String> OWN = java.util.Set.of("time", "level", "event");

    private static String checked(String field) {
        if (OWN.contains(field)) throw new IllegalArgumentException("log field «" + field + "» is the line's own; name it for what it is");
        return field;
    }

    public Log with(String field, Object value) {
        checked(field);
        if (value != null) line.put(field, value instanceof JsonNode node ? Json.write(node) : String.valueOf(value)); // a node's toString() builds a mapper
        return this;
    }

    public Log with(String field, long value) {
        line.put(checked(field), value);
        return this;
    }

    public Log error(Throwable t) {
        if (t != null) {
            line.put("error", t.getClass().getName());
            line.put("detail", String.valueOf(t.getMessage()));
            var frames = t.getStackTrace();
            if (frames.length > 0) line.put("at", frames[0].toString());
        }
        return this;
    }

    public void write() {
        out.println(Json.write(line));
    }

    /** A line of another shape (an EMF metric, {@link Metrics}), on the same stream. */
    static void raw(com.fasterxml.jackson.databind.node.ObjectNode line) { out.println(Json.write(line)); }

    /** Tests read the lines back. */
    public static void redirect(PrintStream stream) { out = stream == null ? System.out : stream; }
}
