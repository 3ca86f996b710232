package vn.motcua.edge;

import java.util.List;

/**
 * Input from outside that cannot be accepted: an English code for programs, a Vietnamese message
 * for the clerk, and the fields at fault. The edge answers it as a 4xx; nothing is stored.
 */
public class BadInput extends Exception {
    /** The code of a route the function does not serve (an API mapping the function does not know). */
    public static final String NO_SUCH_ROUTE = "NO_SUCH_ROUTE";

    private final String code;
    private final List<FieldError> fields;
    private final int status;

    public BadInput(String code, String messageVi, String field) {
        this(400, code, messageVi, field == null ? List.of() : List.of(new FieldError(field, messageVi)));
    }

    public BadInput(int status, String code, String messageVi, List<FieldError> fields) {
        super(messageVi, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = List.copyOf(fields);
    }

    /** 404 for a route key the function does not serve; the same code and words from every function. */
    public static BadInput noSuchRoute(String routeKey) {
        return new BadInput(404, NO_SUCH_ROUTE, "Không có chức năng này: " + routeKey + ".", List.of());
    }

    public String code() { return code; }
    public int status() { return status; }
    public List<FieldError> fields() { return fields; }

    /** One field at fault: its path in the request ({@code applicant.phone}) and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
