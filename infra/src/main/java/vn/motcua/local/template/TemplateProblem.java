package vn.motcua.local.template;

/**
 * One thing wrong with (or worth knowing about) the template: where it is and what it is.
 * {@code where} reads {@code template.yaml:42 (Resources.X.Properties.Y)}.
 */
public record TemplateProblem(Severity severity, String path, String where, String what) {

    public enum Severity {
        /** The template is wrong: deploying or running it would fail or break a project rule. */
        ERROR,
        /** Something the validator could not check (a type without a schema, an S3 CodeUri...). */
        NOTE
    }

    static TemplateProblem error(Template template, String path, String what) {
        return new TemplateProblem(Severity.ERROR, path, template.where(path), what);
    }

    static TemplateProblem note(Template template, String path, String what) {
        return new TemplateProblem(Severity.NOTE, path, template.where(path), what);
    }

    public boolean isError() { return severity == Severity.ERROR; }

    @Override
    public String toString() {
        return (severity == Severity.NOTE ? "note: " : "") + where + ": " + what;
    }
}
