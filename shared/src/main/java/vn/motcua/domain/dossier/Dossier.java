package vn.motcua.domain.dossier;

import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.Procedure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A received dossier [hồ sơ]: one record shared by the desk and the department, changed only by
 * {@link Lifecycle#apply} (which returns a new one) and stored as one item. It snapshots what it
 * needs from the catalog at receipt (agency, time limit), so a later catalog change does not move
 * the deadline of a dossier already running.
 *
 * @param deskId          the desk that received it (giver and receiver of hand-overs on the desk's side)
 * @param appointment     empty when the procedure has no fixed time limit
 * @param supplements     every supplement request (form 02), in order; the last may still be open
 * @param overdue         a flag set by the deadline watch, never a state
 * @param history         every applied event, append only
 * @param appliedEventIds ids of every event applied, receipt included: applying one again changes nothing
 * @param lookupSecret    printed on the receipt; with the code it lets a citizen look the dossier up
 * @param version         increases by one with every applied event, for the store's optimistic lock
 * @param collector       who took the result at the desk, once it is returned there
 * @param rejectedUploads uploads the desk's checks set aside, by upload id, so the desk sees each verdict
 */
public record Dossier(DossierCode code, String procedureCode, String agencyId, String deskId, TimeLimit timeLimit,
                      Applicant applicant, Channel channel, ResultReturn resultReturn, Instant receivedAt,
                      Optional<Appointment> appointment, List<SupplementRequest> supplements, Optional<FeeDue> fee,
                      Optional<Outcome> outcome, Optional<Delivery> delivery, DossierState state, boolean overdue,
                      List<DossierDocument> documents, List<HistoryEntry> history, Set<String> appliedEventIds,
                      String lookupSecret, long version, Optional<Collector> collector, List<RejectedUpload> rejectedUploads) {

    /** Dates on receipts, appointments and deadlines are Vietnamese dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public Dossier {
        if (code == null || procedureCode == null || agencyId == null || deskId == null || timeLimit == null
                || applicant == null || channel == null || resultReturn == null || receivedAt == null
                || state == null || lookupSecret == null) {
            throw new IllegalArgumentException("dossier " + code + " is incomplete");
        }
        appointment = appointment == null ? Optional.empty() : appointment;
        fee = fee == null ? Optional.empty() : fee;
        outcome = outcome == null ? Optional.empty() : outcome;
        delivery = delivery == null ? Optional.empty() : delivery;
        supplements = supplements == null ? List.of() : List.copyOf(supplements);
        documents = documents == null ? List.of() : List.copyOf(documents);
        history = history == null ? List.of() : List.copyOf(history);
        appliedEventIds = appliedEventIds == null ? Set.of() : Set.copyOf(appliedEventIds);
        collector = collector == null ? Optional.empty() : collector;
        rejectedUploads = rejectedUploads == null ? List.of() : List.copyOf(rejectedUploads);
    }

    public Dossier(DossierCode code, String procedureCode, String agencyId, String deskId, TimeLimit timeLimit,
                   Applicant applicant, Channel channel, ResultReturn resultReturn, Instant receivedAt,
                   Optional<Appointment> appointment, List<SupplementRequest> supplements, Optional<FeeDue> fee,
                   Optional<Outcome> outcome, Optional<Delivery> delivery, DossierState state, boolean overdue,
                   List<DossierDocument> documents, List<HistoryEntry> history, Set<String> appliedEventIds,
                   String lookupSecret, long version) {
        this(code, procedureCode, agencyId, deskId, timeLimit, applicant, channel, resultReturn, receivedAt, appointment,
                supplements, fee, outcome, delivery, state, overdue, documents, history, appliedEventIds, lookupSecret, version,
                Optional.empty(), List.of());
    }

    /**
     * What the desk knows when it receives a complete dossier. The appointment date was computed
     * by the caller with the working calendar; it is null exactly when the procedure's time limit
     * is "none fixed".
     */
    public record Intake(String eventId, DossierCode code, Procedure procedure, String deskId, Actor clerk,
                         Instant receivedAt, LocalDate appointment, Applicant applicant, Channel channel,
                         ResultReturn resultReturn, String lookupSecret) {}

    /**
     * Receipt (form 01): the dossier exists from here, in state RECEIVED, and its clock starts.
     * Refused when the citizen asks for the result by post and the procedure does not allow it.
     * A dossier the desk does not receive is a {@link DeskRefusal}, not a dossier.
     */
    public static Decision receive(Intake in) {
        if (in.clerk().isDepartment()) return Refusal.wrongActor(EventKind.RECEIVED);
        var procedure = in.procedure();
        if (in.resultReturn().byPost() && !procedure.resultByPost()) {
            return Refusal.resultByPostNotAllowed(procedure.code());
        }
        boolean noLimit = procedure.timeLimit().unit() == TimeLimit.Unit.NONE_FIXED;
        if (noLimit != (in.appointment() == null)) {
            throw new IllegalArgumentException(noLimit
                    ? "procedure " + procedure.code() + " has no fixed time limit, so no appointment date"
                    : "procedure " + procedure.code() + " has a time limit: the appointment date is required");
        }
        if (in.appointment() != null && in.appointment().isBefore(localDate(in.receivedAt()))) {
            throw new IllegalArgumentException("appointment " + in.appointment() + " before receipt " + in.receivedAt());
        }
        var entry = new HistoryEntry(in.eventId(), EventKind.RECEIVED, in.clerk(), in.receivedAt(), Optional.empty(),
                Optional.empty(), DossierState.RECEIVED, Optional.empty());
        return new Decision.Applied(new Dossier(in.code(), procedure.code(), procedure.agencyId(), in.deskId(),
                procedure.timeLimit(), in.applicant(), in.channel(), in.resultReturn(), in.receivedAt(),
                Optional.ofNullable(in.appointment()).map(Appointment::on), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), DossierState.RECEIVED, false, List.of(), List.of(entry),
                Set.of(in.eventId()), in.lookupSecret(), 1), false);
    }

    // ---- derived views ---------------------------------------------------------------------------

    public static LocalDate localDate(Instant at) { return at.atZone(ZONE).toLocalDate(); }

    /** The clock is paused while a supplement request is open. */
    public Optional<Instant> pausedSince() {
        return supplements.isEmpty() ? Optional.empty()
                : supplements.get(supplements.size() - 1).open()
                ? Optional.of(supplements.get(supplements.size() - 1).requestedAt()) : Optional.empty();
    }

    public int supplementRequestCount() { return supplements.size(); }

    public long supplementRequestsBy(String agency) {
        return supplements.stream().filter(s -> s.agencyId().equals(agency)).count();
    }

    public boolean wasApplied(String eventId) { return appliedEventIds.contains(eventId); }

    /**
     * Early, on time or late for something done on {@code day}. More than one supplement request
     * counts as late whatever the day, with or without a time limit (the national statistics' rule);
     * so does a new date set after a delay. Otherwise no fixed limit counts as on time.
     */
    public Timeliness classify(LocalDate day) {
        if (supplements.size() > 1) return Timeliness.LATE;
        if (appointment.isEmpty()) return Timeliness.ON_TIME;
        var a = appointment.get();
        if (a.rescheduled()) return Timeliness.LATE;
        int c = day.compareTo(a.current());
        return c < 0 ? Timeliness.EARLY : c == 0 ? Timeliness.ON_TIME : Timeliness.LATE;
    }

    /** How the department finished: the classification of the result's hand-over to the desk. */
    public Optional<Timeliness> finished() {
        return history.stream().filter(h -> h.kind() == EventKind.RESULT_READY).findFirst()
                .flatMap(HistoryEntry::handOver).map(HandOver::timeliness);
    }

    /**
     * The process control slip (form 05): one row per hand-over, in order. A transfer's
     * "received" time is when the department accepted it.
     */
    public List<HandOver> processControlSlip() {
        var rows = new ArrayList<HandOver>();
        int awaiting = -1;
        for (var h : history) {
            if (h.handOver().isPresent()) {
                rows.add(h.handOver().get());
                if (h.kind() == EventKind.TRANSFERRED) awaiting = rows.size() - 1;
            } else if (h.kind() == EventKind.ACCEPTED && awaiting >= 0) {
                rows.set(awaiting, rows.get(awaiting).receivedAt(h.at()));
                awaiting = -1;
            }
        }
        return List.copyOf(rows);
    }

    // ---- changing (package-private: only the lifecycle changes a dossier) -----------------------

    Builder toBuilder() { return new Builder(this); }

    /** A mutable copy for the lifecycle to change and seal; every seal appends one history entry. */
    static final class Builder {
        private final Dossier from;
        Optional<Appointment> appointment;
        List<SupplementRequest> supplements;
        Optional<FeeDue> fee;
        Optional<Outcome> outcome;
        Optional<Delivery> delivery;
        DossierState state;
        boolean overdue;
        List<DossierDocument> documents;
        Optional<Collector> collector;
        List<RejectedUpload> rejectedUploads;

        private Builder(Dossier d) {
            from = d;
            appointment = d.appointment;
            supplements = new ArrayList<>(d.supplements);
            fee = d.fee;
            outcome = d.outcome;
            delivery = d.delivery;
            state = d.state;
            overdue = d.overdue;
            documents = new ArrayList<>(d.documents);
            collector = d.collector;
            rejectedUploads = new ArrayList<>(d.rejectedUploads);
        }

        Dossier seal(HistoryEntry entry) {
            var history = new ArrayList<>(from.history);
            history.add(entry);
            var applied = new LinkedHashSet<>(from.appliedEventIds);
            applied.add(entry.eventId());
            return new Dossier(from.code, from.procedureCode, from.agencyId, from.deskId, from.timeLimit, from.applicant,
                    from.channel, from.resultReturn, from.receivedAt, appointment, supplements, fee, outcome, delivery,
                    state, overdue, documents, history, applied, from.lookupSecret, from.version + 1, collector, rejectedUploads);
        }
    }
}
