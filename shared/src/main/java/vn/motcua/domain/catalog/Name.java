package vn.motcua.domain.catalog;

/** A name in Vietnamese (what the desk prints) and in English (for reports and foreign applicants). */
public record Name(String vi, String en) {
    public Name {
        if (vi == null || vi.isBlank()) throw new IllegalArgumentException("a Vietnamese name is required");
        if (en == null || en.isBlank()) throw new IllegalArgumentException("an English name is required");
    }
}
