package vn.motcua.contracts;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.util.Optional;

/**
 * Anything that changed a dossier -> notification queue -> notifier: tell the applicant. No
 * personal data: the notifier reads the dossier. Idempotency: {@link #idempotencyKey()}, one
 * email per dossier and event.
 */
public record NotificationJob(DossierCode dossierCode, Kind eventKind, String eventId, Instant queuedAt) {

    /** What happened, as the applicant hears it (a refused result is its own notice). */
    public enum Kind {
        RECEIVED, TRANSFERRED, ACCEPTED, SUPPLEMENT_REQUESTED, SUPPLEMENT_RECEIVED, FEE_REQUESTED, FEE_PAID,
        RESULT_READY, REFUSED, DELAYED, OVERDUE, RETURNED, HANDED_TO_POST, DELIVERED, WITHDRAWN, STOPPED;

        /**
         * The notice an applied event calls for, if any. Receipt is not a {@link DossierEvent}
         * (intake builds the job itself with {@link #RECEIVED}); an attached document is no news.
         */
        public static Optional<Kind> of(DossierEvent event) {
            return Optional.ofNullable(switch (event.kind()) {
                case RECEIVED -> RECEIVED;
                case TRANSFERRED -> TRANSFERRED;
                case ACCEPTED -> ACCEPTED;
                case SUPPLEMENT_REQUESTED -> SUPPLEMENT_REQUESTED;
                case SUPPLEMENT_RECEIVED -> SUPPLEMENT_RECEIVED;
                case FEE_REQUESTED -> FEE_REQUESTED;
                case FEE_PAID -> FEE_PAID;
                case RESULT_READY -> ((DossierEvent.ResultReady) event).outcome() instanceof Outcome.Refused ? REFUSED : RESULT_READY;
                case DELAYED -> DELAYED;
                case MARKED_OVERDUE -> OVERDUE;
                case RETURNED_AT_DESK -> RETURNED;
                case HANDED_TO_POST -> HANDED_TO_POST;
                case DELIVERED -> DELIVERED;
                case WITHDRAWAL_REQUESTED -> WITHDRAWN;
                case STOPPED -> STOPPED;
                case DOCUMENT_ATTACHED, DOCUMENT_REJECTED, DELIVERY_FAILED -> null;
            });
        }
    }

    public NotificationJob {
        Wire.required(dossierCode, "dossierCode");
        Wire.required(eventKind, "eventKind");
        Wire.id(eventId, "eventId");
        Wire.required(queuedAt, "queuedAt");
    }

    /** The job for an event just applied to the dossier, or empty when it is no news for the applicant. */
    public static Optional<NotificationJob> after(DossierCode dossier, DossierEvent event, Instant queuedAt) {
        return Kind.of(event).map(kind -> new NotificationJob(dossier, kind, event.eventId(), queuedAt));
    }

    /** One email per dossier and event. */
    public String idempotencyKey() { return dossierCode.value() + "/" + eventId; }

    /** The message as it is written (notification-job.schema.json). */
    record OnWire(String dossierCode, String eventKind, String eventId, String queuedAt) {}

    public static NotificationJob parse(String json) throws BadInput {
        var w = Contract.NOTIFICATION_JOB.read(json, OnWire.class);
        return new NotificationJob(new DossierCode(w.dossierCode()), Wire.value(Kind.class, w.eventKind()), w.eventId(),
                Wire.instant(w.queuedAt(), "queuedAt"));
    }

    public String toJson() {
        return Json.write(Json.object()
                .put("dossierCode", dossierCode.value())
                .put("eventKind", Wire.name(eventKind))
                .put("eventId", eventId)
                .put("queuedAt", queuedAt.toString()));
    }
}
