package vn.motcua.notices;

import vn.motcua.contracts.NotificationJob;
import vn.motcua.edge.Log;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;
import vn.motcua.store.Dossiers;
import vn.motcua.store.SentNotices;
import vn.motcua.store.NoticeRecord;
import vn.motcua.store.UnknownDossierException;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Tells the applicant what happened to their dossier, by email and, with their consent, by SMS: one message per
 * dossier, event and channel ({@link NotificationJob#idempotencyKey()}), each recorded in the {@link SentNotices}
 * (the email under the event id, the SMS under {@code sms:<event id>}). Per channel:
 * <ul>
 *   <li>a kind the applicant does not hear of (transferred, accepted, fee paid...): {@link Result#NO_NOTICE}, nothing written;</li>
 *   <li>already sent or recorded as not sent: {@link Result#DUPLICATE};</li>
 *   <li>no email on file, or SES refused the message; SNS refused the number: recorded as not sent, {@link Result#NOT_SENT}, no retry;</li>
 *   <li>no SMS for this notice in the data, or no consent: {@link Result#NO_NOTICE}, nothing written;</li>
 *   <li>sent: recorded with the provider's message id, {@link Result#SENT};</li>
 *   <li>anything temporary (SES or SNS throttled or down, another delivery sending right now, the store busy): throws,
 *       and the queue retries, then dead-letters after its maxReceiveCount.</li>
 * </ul>
 * The channels are independent: each is claimed, sent and recorded on its own, and a temporary failure of one is
 * thrown only after the other had its turn. The retry then finds the other one recorded ({@link Result#DUPLICATE}):
 * an SNS outage neither blocks nor repeats the email, and an SES outage neither blocks nor repeats the SMS.
 */
public record Notifier(Dossiers dossiers, SentNotices ledger, Supplier<NoticeModel> model, NoticeTemplates templates,
                       Mailer mailer, SmsTemplates smsTexts, Texter texter, Clock clock) {

    public enum Result { SENT, NOT_SENT, DUPLICATE, NO_NOTICE }

    /** What each channel did with one job. */
    public record Delivery(Result email, Result sms) {}

    /** The ledger id of a notice's SMS: beside the email's (the event id), never equal to one. */
    public static String smsId(String eventId) { return "sms:" + eventId; }

    /** Email only (no SMS texts, no texter): the notifier before SMS, as some tests build it. */
    public Notifier(Dossiers dossiers, SentNotices ledger, Supplier<NoticeModel> model, NoticeTemplates templates,
                    Mailer mailer, Clock clock) {
        this(dossiers, ledger, model, templates, mailer, SmsTemplates.parse("none", "{\"notices\":{}}"), sms -> {
            throw new IllegalStateException("no SMS texts, so no SMS");
        }, clock);
    }

    /** Another delivery of the same job holds the claim: retry after its lease. */
    public static final class InProgress extends RuntimeException {
        InProgress(String key) { super("notice " + key + " is being sent by another delivery"); }
    }

    /** The email's result ({@link #deliver} has both channels'). */
    public Result handle(NotificationJob job) {
        return deliver(job).email();
    }

    /**
     * Sends the job's notice on both channels, then marks its outbox entry done (the change that owed the notice
     * recorded it in its own write): whatever the outcome short of a retry, the notice is no longer owed (no news is
     * never owed). Marking is idempotent; a failure to mark throws, the message is retried and finds the ledger's
     * records (DUPLICATE on each channel), then marks.
     */
    public Delivery deliver(NotificationJob job) {
        var delivery = send(job);
        if (delivery.email() != Result.NO_NOTICE || delivery.sms() != Result.NO_NOTICE) {
            dossiers.settle(job.dossierCode(), OutboxChange.settling(OwedWork.key(OwedWork.NOTICE, job.eventId())));
        }
        return delivery;
    }

    private Delivery send(NotificationJob job) {
        var code = job.dossierCode();
        var notice = NoticeModel.noticeFor(job.eventKind());
        if (notice.isEmpty()) {
            log("notice.none", job).write();
            return new Delivery(Result.NO_NOTICE, Result.NO_NOTICE);
        }
        var dossier = dossiers.find(code).orElseThrow(() -> new UnknownDossierException(code));
        // The job is queued after the event is stored, and the read is consistent: a missing entry is a bug upstream.
        var entry = dossier.history().stream().filter(h -> h.eventId().equals(job.eventId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("event " + job.eventId() + " is not in the history of " + code));
        String name = notice.get();

        Result email = null, sms = null;
        RuntimeException failed = null;
        try {
            email = email(job, dossier, entry, name);
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            sms = sms(job, dossier, entry, name);
        } catch (RuntimeException e) {
            if (failed == null) failed = e;
            else failed.addSuppressed(e);
        }
        if (failed != null) throw failed; // the queue retries the message; the channel that went through is recorded
        return new Delivery(email, sms);
    }

    private Result email(NotificationJob job, Dossier dossier, HistoryEntry entry, String name) {
        String scope = dossier.code().value(), id = job.eventId();
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
            log("notice.failed", job).with("error", e.getClass().getSimpleName()).write();
            throw e;
        }
        if (!ledger.record(NoticeRecord.sent(scope, id, name, clock.instant(), messageId), token)) {
            log("notice.claim_lost", job).with("messageId", messageId).write(); // we outlived the lease: a second email is possible
        }
        log("notice.sent", job).with("messageId", messageId).write();
        return Result.SENT;
    }

    private Result sms(NotificationJob job, Dossier dossier, HistoryEntry entry, String name) {
        if (!smsTexts.names().contains(name) || !dossier.applicant().smsConsent()) return Result.NO_NOTICE;
        String scope = dossier.code().value(), id = smsId(job.eventId()), notice = name;
        var claim = ledger.claim(scope, id, notice, clock.instant());
        if (claim instanceof SentNotices.Claim.Done) {
            smsLog("sms.duplicate", job).write();
            return Result.DUPLICATE;
        }
        if (claim instanceof SentNotices.Claim.InProgress) throw new InProgress("sms:" + job.idempotencyKey());
        long token = ((SentNotices.Claim.Claimed) claim).token();
        String messageId;
        try {
            var text = smsTexts.render(name, model.get().of(dossier, entry)).orElseThrow();
            messageId = texter.send(new Sms(Sms.e164(dossier.applicant().phone()), text));
        } catch (Mailer.Rejected e) {
            ledger.record(NoticeRecord.notSent(scope, id, notice, clock.instant(), e.reason()), token);
            smsLog("sms.not_sent", job).with("reason", e.reason()).write();
            return Result.NOT_SENT;
        } catch (RuntimeException e) {
            ledger.release(scope, id, token);
            smsLog("sms.failed", job).with("error", e.getClass().getSimpleName()).write();
            throw e;
        }
        if (!ledger.record(NoticeRecord.sent(scope, id, notice, clock.instant(), messageId), token)) {
            smsLog("sms.claim_lost", job).with("messageId", messageId).write();
        }
        smsLog("sms.sent", job).with("messageId", messageId).write();
        return Result.SENT;
    }

    private static Log log(String event, NotificationJob job) {
        return Log.info(event).with("code", job.dossierCode()).with("eventId", job.eventId()).with("kind", job.eventKind().name());
    }

    private static Log smsLog(String event, NotificationJob job) { return log(event, job).with("channel", "sms"); }
}
