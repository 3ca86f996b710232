package vn.motcua.domain.dossier;

import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.Delayed;
import vn.motcua.domain.dossier.DossierEvent.Delivered;
import vn.motcua.domain.dossier.DossierEvent.DocumentAttached;
import vn.motcua.domain.dossier.DossierEvent.DocumentRejected;
import vn.motcua.domain.dossier.DossierEvent.FeePaid;
import vn.motcua.domain.dossier.DossierEvent.FeeRequested;
import vn.motcua.domain.dossier.DossierEvent.HandedToPost;
import vn.motcua.domain.dossier.DossierEvent.MarkedOverdue;
import vn.motcua.domain.dossier.DossierEvent.ResultReady;
import vn.motcua.domain.dossier.DossierEvent.ReturnedAtDesk;
import vn.motcua.domain.dossier.DossierEvent.Stopped;
import vn.motcua.domain.dossier.DossierEvent.SupplementReceived;
import vn.motcua.domain.dossier.DossierEvent.SupplementRequested;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.DossierEvent.WithdrawalRequested;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The life of a received dossier: which event may happen in which state (the table below, the
 * only place that says so), and the rules an event must also pass. {@link #apply} returns the new
 * dossier or a refusal with Vietnamese words; it never changes the dossier it was given.
 */
public final class Lifecycle {

    /**
     * Every legal move: state, event kind, next state. Anything not here is refused as
     * ILLEGAL_TRANSITION. Rows whose next state is the same state change data, not the state.
     * Withdrawal is possible from every open state; once the result is ready, it is too late.
     */
    static final String TABLE = """
            RECEIVED              TRANSFERRED            -> TRANSFERRED
            RECEIVED              WITHDRAWAL_REQUESTED   -> WITHDRAWAL_REQUESTED
            RECEIVED              MARKED_OVERDUE         -> RECEIVED
            RECEIVED              DOCUMENT_ATTACHED      -> RECEIVED
            RECEIVED              DOCUMENT_REJECTED      -> RECEIVED

            TRANSFERRED           ACCEPTED               -> IN_PROCESS
            TRANSFERRED           WITHDRAWAL_REQUESTED   -> WITHDRAWAL_REQUESTED
            TRANSFERRED           MARKED_OVERDUE         -> TRANSFERRED
            TRANSFERRED           DOCUMENT_ATTACHED      -> TRANSFERRED
            TRANSFERRED           DOCUMENT_REJECTED      -> TRANSFERRED
            TRANSFERRED           DELIVERY_FAILED        -> TRANSFERRED

            IN_PROCESS            SUPPLEMENT_REQUESTED   -> SUPPLEMENT_REQUESTED
            IN_PROCESS            FEE_REQUESTED          -> FEE_REQUESTED
            IN_PROCESS            RESULT_READY           -> RESULT_READY
            IN_PROCESS            DELAYED                -> IN_PROCESS
            IN_PROCESS            WITHDRAWAL_REQUESTED   -> WITHDRAWAL_REQUESTED
            IN_PROCESS            MARKED_OVERDUE         -> IN_PROCESS
            IN_PROCESS            DOCUMENT_ATTACHED      -> IN_PROCESS
            IN_PROCESS            DOCUMENT_REJECTED      -> IN_PROCESS
            IN_PROCESS            DELIVERY_FAILED        -> IN_PROCESS

            SUPPLEMENT_REQUESTED  SUPPLEMENT_RECEIVED    -> IN_PROCESS
            SUPPLEMENT_REQUESTED  WITHDRAWAL_REQUESTED   -> WITHDRAWAL_REQUESTED
            SUPPLEMENT_REQUESTED  DOCUMENT_ATTACHED      -> SUPPLEMENT_REQUESTED
            SUPPLEMENT_REQUESTED  DOCUMENT_REJECTED      -> SUPPLEMENT_REQUESTED
            SUPPLEMENT_REQUESTED  DELIVERY_FAILED        -> SUPPLEMENT_REQUESTED

            FEE_REQUESTED         FEE_PAID               -> IN_PROCESS
            FEE_REQUESTED         WITHDRAWAL_REQUESTED   -> WITHDRAWAL_REQUESTED
            FEE_REQUESTED         MARKED_OVERDUE         -> FEE_REQUESTED
            FEE_REQUESTED         DOCUMENT_ATTACHED      -> FEE_REQUESTED
            FEE_REQUESTED         DOCUMENT_REJECTED      -> FEE_REQUESTED
            FEE_REQUESTED         DELIVERY_FAILED        -> FEE_REQUESTED

            WITHDRAWAL_REQUESTED  STOPPED                -> STOPPED
            WITHDRAWAL_REQUESTED  DOCUMENT_ATTACHED      -> WITHDRAWAL_REQUESTED
            WITHDRAWAL_REQUESTED  DOCUMENT_REJECTED      -> WITHDRAWAL_REQUESTED
            WITHDRAWAL_REQUESTED  DELIVERY_FAILED        -> WITHDRAWAL_REQUESTED

            RESULT_READY          RETURNED_AT_DESK       -> RETURNED
            RESULT_READY          HANDED_TO_POST         -> RETURNED
            RESULT_READY          DOCUMENT_ATTACHED      -> RESULT_READY
            RESULT_READY          DOCUMENT_REJECTED      -> RESULT_READY
            RESULT_READY          DELIVERY_FAILED        -> RESULT_READY

            RETURNED              DELIVERED              -> RETURNED
            RETURNED              DOCUMENT_REJECTED      -> RETURNED

            STOPPED               DOCUMENT_REJECTED      -> STOPPED
            """;
    // Not in the table on purpose: MARKED_OVERDUE while a supplement is awaited (the clock is paused),
    // and after the result is ready (the department has finished; the citizen collecting late is not
    // the administration being late). STOPPED and RETURNED (but for the parcel's delivery) are final;
    // DOCUMENT_REJECTED is allowed everywhere because it only records a fact (an upload set aside),
    // and an upload link issued before the dossier closed may still be used after. DELIVERY_FAILED
    // only records that a department's system refused a callback, in any state a callback can be
    // pending in; once the dossier is returned or stopped, nobody needs to hear of it.

    private static final Map<DossierState, Map<EventKind, DossierState>> NEXT = parse(TABLE);

    /**
     * The rules marked "verify" in the domain notes, kept as settings.
     *
     * @param supplementRequestsPerAgency how many supplement requests one agency may make (Decree 107/2021: one)
     * @param delayNoticeDays             how many days before the due date a delay must be announced at the
     *                                    latest (1: the day before; the due date itself is too late)
     */
    public record Policy(int supplementRequestsPerAgency, int delayNoticeDays) {
        public static final Policy STANDARD = new Policy(1, 1);

        public Policy {
            if (supplementRequestsPerAgency < 1) throw new IllegalArgumentException("at least one supplement request");
            if (delayNoticeDays < 0) throw new IllegalArgumentException("negative notice");
        }
    }

    private final Policy policy;

    public Lifecycle(Policy policy) { this.policy = policy; }

    public static Lifecycle standard() { return new Lifecycle(Policy.STANDARD); }

    public Policy policy() { return policy; }

    /** The table as data: the next state, or empty when the event is illegal in that state. */
    public static Optional<DossierState> next(DossierState state, EventKind kind) {
        return Optional.ofNullable(NEXT.getOrDefault(state, Map.of()).get(kind));
    }

    /** Every row of the table. */
    public static List<Transition> transitions() {
        return NEXT.entrySet().stream().flatMap(s -> s.getValue().entrySet().stream()
                .map(e -> new Transition(s.getKey(), e.getKey(), e.getValue()))).toList();
    }

    public record Transition(DossierState from, EventKind on, DossierState to) {}

    /**
     * Applies one event. In order: another department is refused outright (it must not even learn
     * whether an id was applied); an id already applied returns the dossier unchanged
     * ({@code duplicate}); then who may do it; then the table; then the event's own rules.
     * Every applied event appends exactly one history entry and raises the version by one.
     */
    public Decision apply(Dossier dossier, DossierEvent event) {
        var actor = event.actor();
        if (actor.isDepartment() && !actor.id().equals(dossier.agencyId())) return Refusal.wrongAgency(dossier, actor.id());
        if (dossier.wasApplied(event.eventId())) return new Decision.Applied(dossier, true);
        var side = event.kind().side();
        if (side == EventKind.Side.DEPARTMENT && !actor.isDepartment()
                || side == EventKind.Side.DESK && actor.isDepartment()) {
            return Refusal.wrongActor(event.kind());
        }
        var next = next(dossier.state(), event.kind());
        if (next.isEmpty()) return Refusal.illegalTransition(dossier, event.kind());
        var change = new Change(dossier, event, next.get());
        return rules(change, event);
    }

    /** One event's effect under construction. */
    private static final class Change {
        final Dossier dossier;
        final DossierEvent event;
        final Dossier.Builder builder;
        Optional<String> reason = Optional.empty();
        Optional<HandOver> handOver = Optional.empty();

        Change(Dossier dossier, DossierEvent event, DossierState next) {
            this.dossier = dossier;
            this.event = event;
            this.builder = dossier.toBuilder();
            this.builder.state = next;
        }

        Change because(String why) {
            reason = Optional.ofNullable(why).filter(w -> !w.isBlank());
            return this;
        }

        Change handOver(String giver, String receiver, Optional<Instant> receivedAt, Optional<String> notes) {
            var at = event.at();
            handOver = Optional.of(new HandOver(giver, receiver, at, receivedAt,
                    dossier.classify(Dossier.localDate(at)), notes));
            return this;
        }

        Decision done() {
            var entry = new HistoryEntry(event.eventId(), event.kind(), event.actor(), event.at(), reason,
                    Optional.of(dossier.state()), builder.state, handOver);
            return new Decision.Applied(builder.seal(entry), false);
        }
    }

    private Decision rules(Change c, DossierEvent event) {
        var d = c.dossier;
        var b = c.builder;
        if (event instanceof Transferred e) {
            if (!e.toAgency().equals(d.agencyId())) return Refusal.transferToWrongAgency(d, e.toAgency());
            return c.handOver(d.deskId(), e.toAgency(), Optional.empty(), Optional.empty()).done();
        }
        if (event instanceof Accepted) {
            return c.done();
        }
        if (event instanceof SupplementRequested e) {
            if (e.items().stream().allMatch(String::isBlank)) return Refusal.itemsRequired();
            if (blank(e.reason())) return Refusal.reasonRequired("lý do yêu cầu bổ sung hồ sơ");
            if (d.supplementRequestsBy(e.actor().id()) >= policy.supplementRequestsPerAgency()) {
                return Refusal.secondSupplement(d, policy.supplementRequestsPerAgency());
            }
            var items = e.items().stream().filter(i -> !i.isBlank()).map(String::trim).toList();
            b.supplements.add(new SupplementRequest(e.actor().id(), e.at(), items, e.reason().trim(), Optional.empty()));
            return c.because(e.reason().trim() + " (cần bổ sung: " + String.join("; ", items) + ")").done();
        }
        if (event instanceof SupplementReceived e) {
            if (d.appointment().isPresent()) {
                var current = d.appointment().get().current();
                if (e.resumedDueDate() == null) return Refusal.dueDateRequired();
                if (e.resumedDueDate().isBefore(current)) return Refusal.dueDateEarlier(e.resumedDueDate(), current);
                b.appointment = Optional.of(d.appointment().get().resumedUntil(e.resumedDueDate()));
            } else if (e.resumedDueDate() != null) {
                throw new IllegalArgumentException("dossier " + d.code() + " has no fixed time limit: no due date to resume");
            }
            int last = b.supplements.size() - 1;
            b.supplements.set(last, b.supplements.get(last).received(e.at()));
            return c.done();
        }
        if (event instanceof FeeRequested e) {
            if (e.amountVnd() <= 0) return Refusal.feeInvalid();
            b.fee = Optional.of(new FeeDue(e.amountVnd(), e.note(), e.at(), Optional.empty()));
            return c.because(e.note().orElse(null)).done();
        }
        if (event instanceof FeePaid e) {
            if (e.receipt().isPresent() && d.fee().isPresent() && e.receipt().get().amountVnd() != d.fee().get().amountVnd()) {
                return Refusal.feeAmountMismatch(e.receipt().get().amountVnd(), d.fee().get().amountVnd());
            }
            b.fee = d.fee().map(f -> new FeeDue(f.amountVnd(), f.note(), f.requestedAt(), Optional.of(e.at()), e.receipt()));
            return c.because(e.receipt().map(r -> "Biên lai số " + r.number()).orElse(null)).done();
        }
        if (event instanceof ResultReady e) {
            String why = null;
            if (e.outcome() instanceof Outcome.Refused r) {
                var reasons = r.reasons().stream().filter(x -> !x.isBlank()).map(String::trim).toList();
                if (reasons.isEmpty()) return Refusal.reasonRequired("lý do từ chối giải quyết hồ sơ");
                b.outcome = Optional.of(new Outcome.Refused(reasons, r.documentRefs()));
                why = String.join("; ", reasons);
            } else {
                b.outcome = Optional.of(e.outcome());
            }
            return c.because(why).handOver(d.agencyId(), d.deskId(), Optional.of(e.at()), Optional.empty()).done();
        }
        if (event instanceof Delayed e) {
            if (blank(e.reason())) return Refusal.reasonRequired("lý do chậm trả kết quả");
            if (d.appointment().isEmpty()) return Refusal.noAppointment(d);
            var a = d.appointment().get();
            if (a.rescheduled()) return Refusal.secondDelay(d, a.current());
            if (!e.newAppointment().isAfter(a.current())) return Refusal.delayNotLater(e.newAppointment(), a.current());
            var today = Dossier.localDate(e.at());
            var latest = a.current().minusDays(policy.delayNoticeDays());
            if (today.isAfter(latest)) return Refusal.delayAfterDue(latest, a.current(), today);
            b.appointment = Optional.of(a.delayed(new Appointment.Delay(e.reason().trim(), e.at(), d.agencyId(),
                    a.current(), e.newAppointment())));
            return c.because(e.reason().trim()).done();
        }
        if (event instanceof ReturnedAtDesk e) {
            b.collector = e.collector();
            var notes = e.collector().map(Collector::note).or(e::note);
            return c.because(notes.orElse(null))
                    .handOver(d.deskId(), HandOver.APPLICANT, Optional.of(e.at()), notes).done();
        }
        if (event instanceof HandedToPost e) {
            if (!d.resultReturn().byPost()) return Refusal.collectAtDesk(d);
            if (blank(e.trackingNumber())) return Refusal.trackingRequired();
            var tracking = e.trackingNumber().trim();
            b.delivery = Optional.of(new Delivery(tracking, e.at(), Optional.empty()));
            return c.handOver(d.deskId(), HandOver.POSTAL_SERVICE, Optional.of(e.at()),
                    Optional.of("Số hiệu bưu gửi " + tracking)).done();
        }
        if (event instanceof Delivered e) {
            if (d.delivery().isEmpty()) return Refusal.notSentByPost(d);
            var delivery = d.delivery().get();
            if (delivery.delivered()) return Refusal.alreadyDelivered(d, delivery.deliveryDay().orElseThrow());
            if (e.deliveredOn().isPresent()) {
                var on = e.deliveredOn().get();
                var handed = Dossier.localDate(delivery.handedAt());
                var today = Dossier.localDate(e.at());
                if (on.isBefore(handed) || on.isAfter(today)) return Refusal.deliveryDateOutside(on, handed, today);
            }
            b.delivery = Optional.of(new Delivery(delivery.trackingNumber(), delivery.handedAt(), Optional.of(e.at()), e.deliveredOn()));
            return c.because(e.deliveredOn().map(on -> "Ngày phát: " + Refusal.date(on)).orElse(null)).done();
        }
        if (event instanceof WithdrawalRequested e) {
            if (blank(e.reason())) return Refusal.reasonRequired("lý do rút hồ sơ");
            return c.because(e.reason().trim()).done();
        }
        if (event instanceof Stopped e) {
            return c.because(e.note().orElse(null)).done();
        }
        if (event instanceof MarkedOverdue e) {
            if (d.appointment().isEmpty()) return Refusal.noAppointment(d);
            if (d.overdue()) return Refusal.alreadyOverdue(d);
            var due = d.appointment().get().current();
            if (!Dossier.localDate(e.at()).isAfter(due)) return Refusal.notYetDue(d, due);
            b.overdue = true;
            return c.done();
        }
        if (event instanceof DocumentAttached e) {
            b.documents.removeIf(doc -> doc.key().equals(e.document().key()));
            b.documents.add(e.document());
            return c.because(e.document().name()).done();
        }
        if (event instanceof DossierEvent.DeliveryFailed e) {
            return c.because("Hệ thống của cơ quan " + e.agencyId() + " từ chối nhận hồ sơ (HTTP " + e.status() + ")"
                    + (e.detail().isEmpty() ? "" : ": " + e.detail())
                    + ". Bộ phận Một cửa cần liên hệ cơ quan để chuyển lại hồ sơ.").done();
        }
        if (event instanceof DocumentRejected e) {
            e.documentId().ifPresent(id -> b.rejectedUploads.add(new RejectedUpload(id, e.fileName(), e.reason(), e.at())));
            return c.because(e.reason().name() + ": «" + e.fileName() + "» " + e.reason().words()).done();
        }
        throw new IllegalStateException("no rules for " + event.kind());
    }

    private static boolean blank(String text) { return text == null || text.isBlank(); }

    private static Map<DossierState, Map<EventKind, DossierState>> parse(String table) {
        var next = new EnumMap<DossierState, Map<EventKind, DossierState>>(DossierState.class);
        for (var line : table.strip().split("\n")) {
            if (line.isBlank()) continue;
            var cells = line.trim().split("\\s+");
            if (cells.length != 4 || !cells[2].equals("->")) throw new IllegalStateException("bad table row: " + line);
            var from = DossierState.valueOf(cells[0]);
            var on = EventKind.valueOf(cells[1]);
            var to = DossierState.valueOf(cells[3]);
            var row = next.computeIfAbsent(from, s -> new EnumMap<>(EventKind.class));
            if (row.put(on, to) != null) throw new IllegalStateException("two rows for " + from + " " + on);
        }
        return next;
    }
}
