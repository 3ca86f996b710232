package vn.motcua.aws;

/**
 * A signed call made without a service module ({@link SsmParameters}, {@link SesEmails}) that failed:
 * the service's answer (status and error code), or status 0 when none came (connection refused, timeout).
 */
public final class AwsCallFailed extends RuntimeException {
    private final String operation;
    private final int status;
    private final String code;

    AwsCallFailed(String operation, int status, String code, Throwable cause) {
        super(operation + " failed: " + (status == 0 ? "no answer" : "HTTP " + status) + (code == null ? "" : " " + code), cause);
        this.operation = operation;
        this.status = status;
        this.code = code;
    }

    public String operation() { return operation; }

    /** The HTTP status, 0 when the service did not answer. */
    public int status() { return status; }

    /** The service's error code ({@code MessageRejected}, {@code ThrottlingException}, ...), or null. */
    public String code() { return code; }
}
