package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the process control slip (form 05): who gave the dossier (or its result) to whom,
 * when it was given and received, whether that was early, on time or late, and notes.
 * Giver and receiver are agency ids, the desk's id, or {@link #APPLICANT} / {@link #POSTAL_SERVICE}.
 * A transfer is received when the department accepts it; until then {@code receivedAt} is empty.
 */
public record HandOver(String giver, String receiver, Instant givenAt, Optional<Instant> receivedAt,
                       Timeliness timeliness, Optional<String> notes) {

    public static final String APPLICANT = "applicant";
    public static final String POSTAL_SERVICE = "postal-service";

    public HandOver {
        receivedAt = receivedAt == null ? Optional.empty() : receivedAt;
        notes = notes == null ? Optional.empty() : notes;
    }

    HandOver receivedAt(Instant at) { return new HandOver(giver, receiver, givenAt, Optional.of(at), timeliness, notes); }
}
