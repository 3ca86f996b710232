package vn.motcua.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.schemas.JsonSchemas;

import java.util.Map;

/**
 * The messages that cross a boundary, each described by a JSON Schema published in
 * {@code shared/src/main/resources/contracts/} (and packaged, so it is what we validate with).
 * Reading a message is: strict JSON (no duplicate keys), then the schema, then the Java type.
 *
 * <p>This enum holds no validator types: writing a message needs only Jackson, and the optional
 * json-schema-validator jar is loaded the first time a message is read.
 */
public enum Contract {
    ROUTING_JOB("RoutingJob", "routing-job", RoutingJob.OnWire.class, Map.of()),
    DEPARTMENT_DISPATCH("DepartmentDispatch", "department-dispatch", DepartmentDispatch.OnWire.class, Map.of()),
    DEPARTMENT_CALLBACK("DepartmentCallback", "department-callback", DepartmentCallback.OnWire.class, Map.of()),
    DEPARTMENT_UPDATE("DepartmentUpdate", "department-update", DepartmentUpdate.OnWire.class, Map.of(
            "agencyId", "Cơ quan gửi được xác định bằng khóa ký và đường dẫn, không ghi trong nội dung thông điệp.",
            "resultReady.reasons", "Khi từ chối giải quyết phải nêu lý do; khi chấp thuận thì không ghi lý do.")),
    NOTIFICATION_JOB("NotificationJob", "notification-job", NotificationJob.OnWire.class, Map.of());

    /** Where the schemas are packaged. */
    public static final String RESOURCES = "contracts/";
    /** The base of every contract schema's {@code $id}; the host never resolves, the files sit side by side. */
    public static final String BASE = JsonSchemas.BASE + RESOURCES;

    private final String title;
    private final String file;
    private final Class<? extends Record> shape;
    private final Map<String, String> hints;

    Contract(String title, String file, Class<? extends Record> shape, Map<String, String> hints) {
        this.title = title;
        this.file = file;
        this.shape = shape;
        this.hints = hints;
    }

    /** The message's name, as the schema's title says it. */
    public String title() { return title; }

    public String fileName() { return file + ".schema.json"; }

    /** The schema's {@code $id}. */
    public String id() { return BASE + fileName(); }

    /** The schema's class-path resource. */
    public String resource() { return RESOURCES + fileName(); }

    /** A sentence to add to any complaint about a field, for fields whose rule needs explaining. */
    String hint(String field) { return hints.get(field); }

    /**
     * Loads the schema and runs it once over its own example, so the cost (a few hundred
     * milliseconds on a cold JVM) falls in the function's init phase rather than on the first
     * message. Call it from the handler's constructor; calling it again costs nothing.
     */
    public void preload() {
        var example = ContractSchemas.preload(this);
        Wire.bind(Json.write(example), shape); // the binder's set-up (reflection over the record) in the init phase too
    }

    /**
     * Reads text from outside as this message: JSON without duplicate keys, valid against the
     * schema. Anything else is a {@link BadInput} ({@code MALFORMED_JSON}, {@code SCHEMA_VIOLATION})
     * naming every field at fault, in Vietnamese.
     */
    public JsonNode read(String json) throws BadInput {
        JsonNode node = Wire.parse(json);
        ContractSchemas.check(this, node);
        return node;
    }

    /** {@link #read(String)}, then bound to the record shaped as the message (its {@code OnWire}). */
    <T extends Record> T read(String json, Class<T> shape) throws BadInput {
        if (shape != this.shape) throw new IllegalArgumentException(shape + " is not the shape of " + title);
        read(json);
        return Wire.bind(json, shape);
    }
}
