package vn.motcua.departments;

import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.domain.dossier.RefusalCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Log;
import vn.motcua.outbox.Owes;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.DepartmentRejection;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Rejections;
import vn.motcua.store.UnknownDossierException;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The updates function's work on one queued department update: the answer becomes the dossier event
 * {@code department:<agency>:<messageId>} by the agency the endpoint verified, applied once through
 * the repository (which retries a write that lost a race, so two updates racing on one dossier are
 * both applied or refused on their merits), then a notification job goes out.
 *
 * <p>Refusals are final: another department's dossier, an unknown dossier, an illegal move, a body
 * that is not a DepartmentUpdate are recorded ({@link Rejections}) and the message is done,
 * with no retry that could only be refused again; the one exception is an illegal move on its first
 * {@link #OUT_OF_ORDER_ATTEMPTS} - 1 deliveries, which may be only an update that overtook another. What may succeed later throws, so the queue redelivers:
 * a busy dossier, the table or the notification queue failing. A message without its agency attribute
 * cannot have come from the endpoint: it throws too, and ends in the dead-letter queue.
 */
public record UpdateApplier(Dossiers dossiers, Rejections rejections, NotificationQueue notifications, Clock clock,
                            Lifecycle lifecycle) {

    /**
     * How many times an update the state machine refuses as illegal is tried before the refusal is
     * final. Updates of one dossier can overtake each other in a standard queue (an "accepted" and a
     * "result ready" sent a second apart): a refusal on the first tries may be only that. Below the
     * queue's maxReceiveCount, so the refusal is recorded rather than dead-lettered.
     */
    public static final int OUT_OF_ORDER_ATTEMPTS = 3;

    /** A refusal that may be only the order of arrival: thrown to have the message tried again. */
    public static final class OutOfOrder extends RuntimeException {
        OutOfOrder(String dossier, String messageId, int receiveCount) {
            super("update " + messageId + " is not legal yet for dossier " + dossier + " (delivery " + receiveCount
                    + " of " + OUT_OF_ORDER_ATTEMPTS + "): an earlier update may still be on its way", null, false, false);
        }
    }

    /** What became of a message. */
    public enum Result { APPLIED, DUPLICATE, REFUSED }

    /**
     * @param attributes the queue message's attributes: {@link DepartmentUpdate#AGENCY_ATTRIBUTE} and
     *                   {@link UpdatesQueue#RECEIVED_AT_ATTRIBUTE}
     * @param queueMessageId for the record, to find the message in the logs
     * @param receiveCount   how many times the queue has handed this message out, this time included
     */
    public Result apply(String body, Map<String, String> attributes, String queueMessageId, int receiveCount) {
        String agency = attributes.get(DepartmentUpdate.AGENCY_ATTRIBUTE);
        if (agency == null || agency.isBlank()) {
            throw new IllegalArgumentException("message " + queueMessageId + " has no " + DepartmentUpdate.AGENCY_ATTRIBUTE
                    + " attribute: it did not come through the updates endpoint");
        }
        Instant receivedAt = receivedAt(attributes.get(UpdatesQueue.RECEIVED_AT_ATTRIBUTE));
        DepartmentUpdate update;
        try {
            update = DepartmentUpdate.parse(body);
        } catch (BadInput | IllegalArgumentException e) {
            String code = e instanceof BadInput b ? b.code() : "SCHEMA_VIOLATION";
            refuse("queue:" + queueMessageId, agency, code, e.getMessage(), null, null, queueMessageId);
            return Result.REFUSED;
        }
        var event = update.toEvent(Actor.department(agency), receivedAt);
        var code = update.dossierCode();
        String recordId = rejectionId(agency, update.messageId());
        var now = clock.instant();
        Decision decision;
        try {
            // the applicant's notice is owed in the change's own write (the outbox); the queue is the fast path
            decision = dossiers.apply(code, event, lifecycle, Owes.change(Owes.notice(code, event, now)));
        } catch (UnknownDossierException e) {
            refuse(recordId, agency, "UNKNOWN_DOSSIER", "Không có hồ sơ mã " + code.value() + ".", update.messageId(), code.value(), queueMessageId);
            return Result.REFUSED;
        }
        if (decision instanceof Refusal refusal) {
            if (refusal.code() == RefusalCode.ILLEGAL_TRANSITION && receiveCount < OUT_OF_ORDER_ATTEMPTS) {
                // Perhaps out of order: the update the department sent before this one (accepted, say)
                // may not be applied yet. Back to the queue, to be tried after the visibility timeout.
                throw new OutOfOrder(code.value(), update.messageId(), receiveCount);
            }
            // the department reads its refusals back: another department's dossier is not named to it
            String words = refusal.code() == RefusalCode.WRONG_AGENCY ? UpdateInbox.WRONG_AGENCY_WORDS : refusal.message();
            refuse(recordId, agency, refusal.code().name(), words, update.messageId(), code.value(), queueMessageId);
            return Result.REFUSED;
        }
        var applied = (Decision.Applied) decision;
        // Also after a duplicate: the first delivery may have died before sending; the notifier sends once per event id.
        NotificationJob.after(code, event, now).ifPresent(notifications::send);
        Log.info("department.update.applied").with("agencyId", agency).with("messageId", update.messageId())
                .with("dossier", code.value()).with("updateKind", event.kind().name()).with("state", applied.dossier().state().name())
                .with("duplicate", applied.duplicate()).with("queueMessageId", queueMessageId).write();
        return applied.duplicate() ? Result.DUPLICATE : Result.APPLIED;
    }

    /** Where the refusal of {@code agency}'s message {@code messageId} is recorded, when it is refused here. */
    public static String rejectionId(String agency, String messageId) { return "apply:" + DepartmentUpdate.eventId(agency, messageId); }

    private void refuse(String id, String agency, String code, String message, String messageId, String dossierCode, String queueMessageId) {
        rejections.record(new DepartmentRejection(id, agency, clock.instant(), DepartmentRejection.Stage.APPLY, code, message,
                Optional.ofNullable(messageId), Optional.ofNullable(dossierCode), Optional.ofNullable(queueMessageId)));
        Log.warn("department.update.refused").with("agencyId", agency).with("code", code).with("messageId", messageId)
                .with("dossier", dossierCode).with("queueMessageId", queueMessageId).write();
    }

    /** The endpoint's receipt time; a message without one (sent by hand to the queue) is judged as of now. */
    private Instant receivedAt(String text) {
        if (text == null || text.isBlank()) return clock.instant();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
