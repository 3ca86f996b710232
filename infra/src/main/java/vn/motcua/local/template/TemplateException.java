package vn.motcua.local.template;

/** A template that cannot be used; the message names the file, the line and the problem. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) { super(message); }
    public TemplateException(String message, Throwable cause) { super(message, cause); }
}
