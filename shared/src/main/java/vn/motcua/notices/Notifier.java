package vn.motcua.notices;

import vn.motcua.contracts.NotificationJob;
import vn.motcua.edge.Log;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;
import vn.motcua.store.Dossiers;
import vn.motcua.store.SentNotices;
import vn.motcua.store.NoticeRecord;
import vn.motcua.store.UnknownDossierException;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Tells the applicant what happened to their dossier: one email per dossier and event
 * ({@link NotificationJob#idempotencyKey()}), recorded in the {@link SentNotices}.
 * <ul>
 *   <li>a kind the applicant does not hear of (transferred, accepted, fee paid...): {@link Result#NO_NOTICE}, nothing written;</li>
 *   <li>already sent or recorded as not sent: {@link Result#DUPLICATE};</li>
 *   <li>no email on file, or SES refused the message: recorded as not sent, {@link Result#NOT_SENT}, no retry;</li>
 *   <li>sent: recorded with SES's message id, {@link Result#SENT};</li>
 *   <li>anything temporary (SES throttled or down, another delivery sending right now, the store busy): throws,
 *       and the queue retries, then dead-letters after its maxReceiveCount.</li>
 * </ul>
 */
public record Notifier(Dossiers dossiers, SentNotices ledger, Supplier<NoticeModel> model, NoticeTemplates templates,
                       Mailer mailer, Clock clock) {

    public enum Result { SENT, NOT_SENT, DUPLICATE, NO_NOTICE }

    /** Another delivery of the same job holds the claim: retry after its lease. */
    public static final class InProgress extends RuntimeException {
        InProgress(String key) { super("notice " + key + " is being sent by another delivery"); }
    }

    /**
     * Handles the job, then marks its outbox entry done (the change that owed the notice recorded it in its own
     * write): whatever the outcome short of a retry, the notice is no longer owed (no news is never owed). Marking is idempotent; a
     * failure to mark throws, the message is retried and finds the ledger's record (DUPLICATE), then marks.
     */
    public Result handle(NotificationJob job) {
        var result = send(job);
        if (result != Result.NO_NOTICE) dossiers.settle(job.dossierCode(), OutboxChange.settling(OwedWork.key(OwedWork.NOTICE, job.eventId())));
        return result;
    }

    private Result send(NotificationJob job) {
        var code = job.dossierCode();
        var notice = NoticeModel.noticeFor(job.eventKind());
        if (notice.isEmpty()) {
            log("notice.none", job).write();
            return Result.NO_NOTICE;
        }
        var dossier = dossiers.find(code).orElseThrow(() -> new UnknownDossierException(code));
        // The job is queued after the event is stored, and the read is consistent: a missing entry is a bug upstream.
        var entry = dossier.history().stream().filter(h -> h.eventId().equals(job.eventId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("event " + job.eventId() + " is not in the history of " + code));

        String scope = code.value(), id = job.eventId(), name = notice.get();
        var claim = ledger.claim(scope, id, name, clock.instant());
        if (claim instanceof SentNotices.Claim.Done) {
            log("notice.duplicate", job).write();
            return Result.DUPLICATE;
        }
        if (claim instanceof SentNotices.Claim.InProgress) throw new InProgress(job.idempotencyKey());
        long token = ((SentNotices.Claim.Claimed) claim).token();

        var address = dossier.applicant().email();
        if (address.isEmpty()) {
            ledger.record(NoticeRecord.notSent(scope, id, name, clock.instant(), "NO_EMAIL"), token);
            log("notice.not_sent", job).with("reason", "NO_EMAIL").write();
            return Result.NOT_SENT;
        }
        String messageId;
        try {
            var rendered = templates.render(name, model.get().of(dossier, entry));
            messageId = mailer.send(rendered.to(address.get()));
        } catch (Mailer.Rejected e) {
            ledger.record(NoticeRecord.notSent(scope, id, name, clock.instant(), e.reason()), token);
            log("notice.not_sent", job).with("reason", e.reason()).write();
            return Result.NOT_SENT;
        } catch (RuntimeException e) {
            ledger.release(scope, id, token); // the next delivery may send at once
            throw e;
        }
        if (!ledger.record(NoticeRecord.sent(scope, id, name, clock.instant(), messageId), token)) {
            log("notice.claim_lost", job).with("messageId", messageId).write(); // we outlived the lease: a second email is possible
        }
        log("notice.sent", job).with("messageId", messageId).write();
        return Result.SENT;
    }

    private static Log log(String event, NotificationJob job) {
        return Log.info(event).with("code", job.dossierCode()).with("eventId", job.eventId()).with("kind", job.eventKind().name());
    }
}
