package vn.motcua.local.stack;

/**
 * The local stack cannot start or is misused; the message says what to do (install Node.js, run
 * {@code npm ci} in infra/, free a port). Callers with a console print the message, not the trace.
 */
public final class LocalStackException extends RuntimeException {
    public LocalStackException(String message) { super(message); }
    public LocalStackException(String message, Throwable cause) { super(message, cause); }
}
