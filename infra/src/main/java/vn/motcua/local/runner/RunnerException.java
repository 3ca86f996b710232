package vn.motcua.local.runner;

/** The local run cannot go on; the message says what to do. */
public final class RunnerException extends RuntimeException {
    public RunnerException(String message) { super(message); }
    public RunnerException(String message, Throwable cause) { super(message, cause); }
}
