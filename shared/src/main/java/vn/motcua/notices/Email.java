package vn.motcua.notices;

/** One email, rendered and addressed: personal data, so it never goes into a log. */
public record Email(String to, String subject, String html, String text) {
    public Email {
        if (to == null || to.isBlank()) throw new IllegalArgumentException("an email needs its recipient");
        if (subject == null || html == null || text == null) throw new IllegalArgumentException("an email needs subject, HTML and text");
    }
}
