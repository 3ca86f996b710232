package vn.motcua.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A department's call or message that was refused, kept so an operator can see what a department's
 * system got wrong (a log line is not enough: logs expire and are not a record). Nothing in it is
 * personal data: ids and the refusal's code and words.
 *
 * @param id          unique; a message refused twice (a redelivery) keeps one record
 * @param agencyId    the agency the call claimed to come from (the path): for an unsigned call it is a claim, not a fact
 * @param stage       where it was refused: {@link Stage#ENDPOINT} (answered 4xx) or {@link Stage#APPLY} (the updates function)
 * @param code        English code, the one the department got ({@code BAD_SIGNATURE}, {@code ILLEGAL_TRANSITION})
 * @param message     Vietnamese words, as answered
 * @param messageId   the department's messageId when the body could be read
 * @param dossierCode the dossier it was about, when the body could be read
 * @param requestId   the API request (or the queue message) it came in, to find it in the logs
 */
public record DepartmentRejection(String id, String agencyId, Instant at, Stage stage, String code, String message,
                                  Optional<String> messageId, Optional<String> dossierCode, Optional<String> requestId) {

    public enum Stage { ENDPOINT, APPLY }

    /**
     * How long a refusal is kept ({@code expiresAt}, which TTL deletes on AWS): as long as the door remembers a message id,
     * so a department can still ask what became of it; not for ever, so refused traffic cannot grow the table without end.
     */
    public static final java.time.Duration RETENTION = SeenMessages.RETENTION;

    /** When the record may go. */
    public Instant expiresAt() { return at.plus(RETENTION); }

    public DepartmentRejection {
        if (id == null || id.isBlank() || agencyId == null || agencyId.isBlank() || at == null || stage == null
                || code == null || code.isBlank() || message == null) {
            throw new IllegalArgumentException("a department rejection needs id, agency, time, stage, code and message");
        }
        messageId = messageId == null ? Optional.empty() : messageId;
        dossierCode = dossierCode == null ? Optional.empty() : dossierCode;
        requestId = requestId == null ? Optional.empty() : requestId;
    }
}
