package vn.motcua.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.edge.BadInput;
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
    ROUTING_JOB("RoutingJob", "routing-job", Map.of()),
    DEPARTMENT_DISPATCH("DepartmentDispatch", "department-dispatch", Map.of()),
    DEPARTMENT_CALLBACK("DepartmentCallback", "department-callback", Map.of()),
    DEPARTMENT_UPDATE("DepartmentUpdate", "department-update", Map.of(
            "agencyId", "Cơ quan gửi được xác định bằng khóa ký và đường dẫn, không ghi trong nội dung thông điệp.",
            "resultReady.reasons", "Khi từ chối giải quyết phải nêu lý do; khi chấp thuận thì không ghi lý do.")),
    NOTIFICATION_JOB("NotificationJob", "notification-job", Map.of());

    /** Where the schemas are packaged. */
    public static final String RESOURCES = "contracts/";
    /** The base of every contract schema's {@code $id}; the host never resolves, the files sit side by side. */
    public static final String BASE = JsonSchemas.BASE + RESOURCES;

    private final String title;
    private final String file;
    private final Map<String, String> hints;

    Contract(String title, String file, Map<String, String> hints) {
        this.title = title;
        this.file = file;
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
    public void preload() { ContractSchemas.preload(this); }

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
}
