package vn.motcua.domain.catalog;

/**
 * One line of a procedure's document list [thành phần hồ sơ], as the desk checks it and as the
 * receipt (form 01) lists it.
 */
public record RequiredDocument(String name, Form form, int count, boolean required) {

    /** What the applicant must bring: the original, a copy, or either. */
    public enum Form {
        ORIGINAL("bản chính"),
        COPY("bản sao"),
        EITHER("bản chính hoặc bản sao");

        private final String vietnamese;

        Form(String vietnamese) { this.vietnamese = vietnamese; }

        public String inVietnamese() { return vietnamese; }
    }

    public RequiredDocument {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a document needs a name");
        if (form == null) throw new IllegalArgumentException("document '" + name + "' needs a form");
        if (count < 1) throw new IllegalArgumentException("document '" + name + "' needs a count of at least 1");
    }
}
