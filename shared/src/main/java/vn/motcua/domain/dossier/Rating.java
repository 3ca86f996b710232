package vn.motcua.domain.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The citizen's rating of the service for one returned dossier: 1 (very poor) to 5 (very good) and an optional
 * comment, given once, from the public status page. Counted per department ({@code agencyId}) and month of
 * {@code at} in the office's reports. Anonymous there: the code links it to the dossier, nothing else is kept.
 */
public record Rating(DossierCode code, String agencyId, int score, Optional<String> comment, Instant at) {

    public static final int MIN = 1, MAX = 5;
    public static final int MAX_COMMENT = 500;

    public Rating {
        if (code == null || agencyId == null || agencyId.isBlank() || at == null) throw new IllegalArgumentException("a rating needs its dossier, agency and time");
        if (score < MIN || score > MAX) throw new IllegalArgumentException("a rating is 1 to 5, got " + score);
        comment = comment == null ? Optional.empty() : comment.filter(c -> !c.isBlank());
        if (comment.isPresent() && comment.get().length() > MAX_COMMENT) throw new IllegalArgumentException("comment longer than " + MAX_COMMENT);
    }

    /** The day it was given, in Vietnam. */
    public LocalDate day() { return Dossier.localDate(at); }
}
