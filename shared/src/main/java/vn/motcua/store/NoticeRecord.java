package vn.motcua.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of one notice: sent (with the SES message id), or not sent and why (no email on
 * file, the address refused). Kept beside the dossier in its table, one record per dossier and
 * event ({@code scope} is the dossier code, {@code id} the event id), or per digest and day for
 * the deadline watch's mail to staff.
 *
 * @param notice what was told: the notice's name, e.g. {@code received}, {@code reminder}
 */
public record NoticeRecord(String scope, String id, String notice, Status status, Instant at,
                           Optional<String> messageId, Optional<String> reason) {

    public enum Status { SENT, NOT_SENT }

    public NoticeRecord {
        if (scope == null || id == null || notice == null || status == null || at == null) {
            throw new IllegalArgumentException("a notice record needs its scope, id, notice, status and time");
        }
        messageId = messageId == null ? Optional.empty() : messageId;
        reason = reason == null ? Optional.empty() : reason;
    }

    public static NoticeRecord sent(String scope, String id, String notice, Instant at, String messageId) {
        return new NoticeRecord(scope, id, notice, Status.SENT, at, Optional.of(messageId), Optional.empty());
    }

    public static NoticeRecord notSent(String scope, String id, String notice, Instant at, String reason) {
        return new NoticeRecord(scope, id, notice, Status.NOT_SENT, at, Optional.empty(), Optional.of(reason));
    }
}
