package vn.motcua.domain.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Something that happens to a received dossier, offered to {@link Lifecycle#apply}. Every event
 * has an id (applying the same id twice changes nothing), an actor and a time; the time is "now"
 * for every rule that needs one. Dates that need the working calendar (a resumed due date, a new
 * appointment) are computed by the caller and carried here; the lifecycle checks and records them.
 *
 * <p>Missing words a clerk or officer must supply (a reason, the items to supplement, a tracking
 * number) are not rejected here but refused by the lifecycle, with a message they can act on.
 */
public sealed interface DossierEvent {

    String eventId();

    Actor actor();

    Instant at();

    EventKind kind();

    /** The desk (or the router) hands the dossier to the competent agency. */
    record Transferred(String eventId, Actor actor, Instant at, String toAgency) implements DossierEvent {
        public Transferred { check(eventId, actor, at); }
        @Override public EventKind kind() { return EventKind.TRANSFERRED; }
    }

    /** The department acknowledges the transfer and starts work. */
    record Accepted(String eventId, Actor actor, Instant at) implements DossierEvent {
        public Accepted { check(eventId, actor, at); }
        @Override public EventKind kind() { return EventKind.ACCEPTED; }
    }

    /** Form 02: the department needs more documents; the clock pauses. */
    record SupplementRequested(String eventId, Actor actor, Instant at, List<String> items, String reason)
            implements DossierEvent {
        public SupplementRequested {
            check(eventId, actor, at);
            items = items == null ? List.of() : List.copyOf(items);
        }
        @Override public EventKind kind() { return EventKind.SUPPLEMENT_REQUESTED; }
    }

    /**
     * The supplement arrived; the clock runs again until {@code resumedDueDate}, which the caller
     * computed with the working calendar. Null exactly for procedures without a fixed time limit
     * (a date for such a dossier is the caller's bug and throws).
     */
    record SupplementReceived(String eventId, Actor actor, Instant at, LocalDate resumedDueDate) implements DossierEvent {
        public SupplementReceived { check(eventId, actor, at); }
        @Override public EventKind kind() { return EventKind.SUPPLEMENT_RECEIVED; }
    }

    record FeeRequested(String eventId, Actor actor, Instant at, long amountVnd, Optional<String> note)
            implements DossierEvent {
        public FeeRequested {
            check(eventId, actor, at);
            note = note == null ? Optional.empty() : note;
        }
        @Override public EventKind kind() { return EventKind.FEE_REQUESTED; }
    }

    /** The fee was paid; at the desk with the amount taken and the receipt's number (a department's word has none). */
    record FeePaid(String eventId, Actor actor, Instant at, Optional<FeeReceipt> receipt) implements DossierEvent {
        public FeePaid {
            check(eventId, actor, at);
            receipt = receipt == null ? Optional.empty() : receipt;
        }
        public FeePaid(String eventId, Actor actor, Instant at) { this(eventId, actor, at, Optional.empty()); }
        @Override public EventKind kind() { return EventKind.FEE_PAID; }
    }

    /** The department's decision, approval or refusal with reasons, comes back to the desk. */
    record ResultReady(String eventId, Actor actor, Instant at, Outcome outcome) implements DossierEvent {
        public ResultReady {
            check(eventId, actor, at);
            if (outcome == null) throw new IllegalArgumentException("a result needs its outcome");
        }
        @Override public EventKind kind() { return EventKind.RESULT_READY; }
    }

    /** Form 04: the department will be late, apologises, and sets one new appointment date. */
    record Delayed(String eventId, Actor actor, Instant at, String reason, LocalDate newAppointment) implements DossierEvent {
        public Delayed {
            check(eventId, actor, at);
            if (newAppointment == null) throw new IllegalArgumentException("a delay needs its new appointment date");
        }
        @Override public EventKind kind() { return EventKind.DELAYED; }
    }

    /** The result handed over at the desk, to the applicant or to someone on their behalf ({@code collector}). */
    record ReturnedAtDesk(String eventId, Actor actor, Instant at, Optional<String> note, Optional<Collector> collector)
            implements DossierEvent {
        public ReturnedAtDesk {
            check(eventId, actor, at);
            note = note == null ? Optional.empty() : note;
            collector = collector == null ? Optional.empty() : collector;
        }
        public ReturnedAtDesk(String eventId, Actor actor, Instant at, Optional<String> note) {
            this(eventId, actor, at, note, Optional.empty());
        }
        @Override public EventKind kind() { return EventKind.RETURNED_AT_DESK; }
    }

    record HandedToPost(String eventId, Actor actor, Instant at, String trackingNumber) implements DossierEvent {
        public HandedToPost { check(eventId, actor, at); }
        @Override public EventKind kind() { return EventKind.HANDED_TO_POST; }
    }

    /** The post delivered the result, on {@code deliveredOn} as its tracking says (empty: the day it is recorded). */
    record Delivered(String eventId, Actor actor, Instant at, Optional<LocalDate> deliveredOn) implements DossierEvent {
        public Delivered {
            check(eventId, actor, at);
            deliveredOn = deliveredOn == null ? Optional.empty() : deliveredOn;
        }
        public Delivered(String eventId, Actor actor, Instant at) { this(eventId, actor, at, Optional.empty()); }
        @Override public EventKind kind() { return EventKind.DELIVERED; }
    }

    record WithdrawalRequested(String eventId, Actor actor, Instant at, String reason) implements DossierEvent {
        public WithdrawalRequested { check(eventId, actor, at); }
        @Override public EventKind kind() { return EventKind.WITHDRAWAL_REQUESTED; }
    }

    record Stopped(String eventId, Actor actor, Instant at, Optional<String> note) implements DossierEvent {
        public Stopped {
            check(eventId, actor, at);
            note = note == null ? Optional.empty() : note;
        }
        @Override public EventKind kind() { return EventKind.STOPPED; }
    }

    /** The deadline watch found the appointment date passed. A flag, not a state. */
    record MarkedOverdue(String eventId, Actor actor, Instant at) implements DossierEvent {
        public MarkedOverdue { check(eventId, actor, at); }
        @Override public EventKind kind() { return EventKind.MARKED_OVERDUE; }
    }

    /** A document was scanned or uploaded; one with the same key replaces the earlier version. */
    record DocumentAttached(String eventId, Actor actor, Instant at, DossierDocument document) implements DossierEvent {
        public DocumentAttached {
            check(eventId, actor, at);
            if (document == null) throw new IllegalArgumentException("which document?");
        }
        @Override public EventKind kind() { return EventKind.DOCUMENT_ATTACHED; }
    }

    /**
     * An uploaded file failed the desk's checks (its type, its size) or came too late for the dossier;
     * the file was set aside. Recorded in every state, it changes nothing but the history, so the
     * clerk can see why a scan is missing and upload it again.
     */
    record DocumentRejected(String eventId, Actor actor, Instant at, String fileName, DocumentRejection reason,
                            Optional<String> documentId) implements DossierEvent {
        public DocumentRejected {
            check(eventId, actor, at);
            if (fileName == null || fileName.isBlank() || reason == null) {
                throw new IllegalArgumentException("which file was rejected, and why?");
            }
            documentId = documentId == null ? Optional.empty() : documentId.filter(x -> !x.isBlank());
        }
        public DocumentRejected(String eventId, Actor actor, Instant at, String fileName, DocumentRejection reason) {
            this(eventId, actor, at, fileName, reason, Optional.empty());
        }
        @Override public EventKind kind() { return EventKind.DOCUMENT_REJECTED; }
    }

    /**
     * The department's system refused the callback that delivers the dossier (HTTP {@code status}, a 4xx:
     * retrying would not help). Recorded in history, nothing else changes; the desk calls the department.
     *
     * @param detail what the department answered, shortened; may be empty
     */
    record DeliveryFailed(String eventId, Actor actor, Instant at, String agencyId, int status, String detail)
            implements DossierEvent {
        public DeliveryFailed {
            check(eventId, actor, at);
            if (agencyId == null || agencyId.isBlank()) throw new IllegalArgumentException("delivery to which agency?");
            if (status < 100 || status > 599) throw new IllegalArgumentException("not an HTTP status: " + status);
            detail = detail == null ? "" : detail.strip();
        }
        @Override public EventKind kind() { return EventKind.DELIVERY_FAILED; }
    }

    private static void check(String eventId, Actor actor, Instant at) {
        if (eventId == null || eventId.isBlank()) throw new IllegalArgumentException("an event needs an id");
        if (actor == null) throw new IllegalArgumentException("an event needs an actor");
        if (at == null) throw new IllegalArgumentException("an event needs a time");
    }
}
