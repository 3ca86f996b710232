package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Log;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.store.CodeCounters;
import vn.motcua.store.DossierExistsException;
import vn.motcua.store.Dossiers;
import vn.motcua.store.IdempotencyClaim;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The desk's decisions at intake: receive a complete dossier (form 01), guide the citizen when it is
 * incomplete (form 02, recorded for statistics, nothing else stored), or refuse it with reasons
 * (form 03). The handlers only read the HTTP request and write the answer.
 *
 * <p>Receiving, in order: check the fields, then completeness (neither stores anything but the
 * guidance record); claim the {@code Idempotency-Key} if one came; take the day's next code and bind
 * it (with the receipt's secret) to the key; compute the appointment; store the dossier; queue its
 * routing job. A failure to queue leaves the dossier stored in RECEIVED and the answer says
 * {@code routing: pending}; the sweep re-queues dossiers still RECEIVED.
 */
public record DeskService(Dossiers dossiers, CodeCounters codes, Supplier<ReferenceData.Snapshot> reference,
                          RoutingQueue routing, NotificationQueue notifications, Desk desk, Clock clock) {

    /** The signed-in clerk: the id goes into the history, the label onto the printed forms. */
    public record Clerk(String id, String label) {
        public Actor actor() { return Actor.clerk(id); }
    }

    /** What became of the routing job: on the queue, to be re-queued by the sweep, or already routed (a retry). */
    public enum Routing { QUEUED, PENDING, TRANSFERRED }

    public sealed interface IntakeResult permits Received, Incomplete {}

    /**
     * Received (or, on a retry with the same key and body, received earlier: {@code replayed}). The
     * printable page is the caller's to render ({@link ReceiptPage}): its QR code links to the web
     * app's origin, which only the request knows.
     */
    public record Received(Receipt receipt, Routing routing, boolean replayed) implements IntakeResult {}

    /** Not received: what is missing, and the guidance (form 02 data) given to the citizen. */
    public record Incomplete(List<Checklist.Missing> missing, ObjectNode guidance, String refusalId) implements IntakeResult {}

    /** A refusal recorded (form 03 data); {@code replayed} when the same refusal was recorded before. */
    public record Refused(ObjectNode slip, String refusalId, boolean replayed) {}

    /** Without notices: for callers that do not tell applicants (tests of the desk's own rules). */
    public DeskService(Dossiers dossiers, CodeCounters codes, Supplier<ReferenceData.Snapshot> reference,
                       RoutingQueue routing, Desk desk, Clock clock) {
        this(dossiers, codes, reference, routing, job -> { }, desk, clock);
    }

    // ---- POST /dossiers ------------------------------------------------------------------------

    public IntakeResult receive(Clerk clerk, JsonNode body, Optional<String> idempotencyKey, String requestId) throws BadInput {
        var snapshot = reference.get();
        var request = IntakeRequest.parse(body, snapshot.catalog());
        var key = checkedKey(idempotencyKey);
        var now = clock.instant();

        var missing = Checklist.missing(request);
        if (!missing.isEmpty()) return guide(clerk, request, missing, key, now, requestId);
        appointment(snapshot, desk, now, request.procedure().timeLimit(), request.procedure().code()); // before a code is taken: a missing holiday year stops here

        String hash = request.hash();
        if (key.isEmpty()) return create(clerk, request, snapshot, codeFor(request, snapshot, now), LookupSecret.generate(), now, requestId);

        var claim = dossiers.claimIdempotencyKey(key.get(), hash, now);
        if (claim instanceof IdempotencyClaim.Mismatch) throw keyReused();
        if (claim instanceof IdempotencyClaim.InProgress) throw inProgress();
        if (claim instanceof IdempotencyClaim.Bound bound) {
            var existing = dossiers.find(bound.code());
            if (existing.isPresent()) return replay(clerk, existing.get(), request, snapshot, bound.receiptSecret(), requestId);
            // The first request stopped between binding the code and storing the dossier: finish its work.
            return create(clerk, request, snapshot, bound.code(), bound.receiptSecret().orElseGet(LookupSecret::generate), now, requestId);
        }
        var code = codeFor(request, snapshot, now);
        var secret = LookupSecret.generate();
        var held = dossiers.bindIdempotencyKey(key.get(), hash, code, secret);
        if (!held.equals(code)) throw inProgress(); // a racing retry (after a lease takeover) bound first
        return create(clerk, request, snapshot, code, secret, now, requestId);
    }

    private DossierCode codeFor(IntakeRequest request, ReferenceData.Snapshot snapshot, Instant now) {
        return codes.next(snapshot.catalog().agencyOf(request.procedure()).electronicId(), now);
    }

    private IntakeResult create(Clerk clerk, IntakeRequest request, ReferenceData.Snapshot snapshot, DossierCode code,
                                String secret, Instant now, String requestId) throws BadInput {
        var procedure = request.procedure();
        var appointment = appointment(snapshot, desk, now, procedure.timeLimit(), procedure.code());
        var intake = new Dossier.Intake("receive-" + code.value(), code, procedure, desk.id(), clerk.actor(), now,
                appointment.date().orElse(null), request.applicant(), request.channel(), request.resultReturn(),
                LookupSecret.hash(code, secret));
        var decision = Dossier.receive(intake);
        if (decision instanceof Refusal refusal) {
            throw new BadInput(422, refusal.code().name(), refusal.message(), List.of());
        }
        var dossier = ((Decision.Applied) decision).dossier();
        var record = Receipt.record(request, clerk.label());
        // Before the dossier: a stored dossier always has its receipt to reprint (a retry writes the same record again).
        dossiers.keepReceipt(code, record);
        try {
            // the receipt's notice and the routing job are owed in the very write that stores the dossier (the outbox):
            // if the queues lose them, the deadline watch's sweep sends them again
            dossiers.create(dossier, OutboxChange.owing(OwedWork.notice(receivedNotice(dossier, now)), OwedWork.route(routingJob(code, now))));
        } catch (DossierExistsException e) {
            // A racing retry of the same bound key stored it first: answer as a retry does.
            var stored = dossiers.find(code).orElseThrow(() -> e);
            return replay(clerk, stored, request, snapshot, Optional.of(secret), requestId);
        }
        Log.info("intake.received").with("code", code).with("requestId", requestId).with("procedure", procedure.code()).write();
        var routed = route(code, now, requestId);
        notifyReceived(dossier, now, requestId);
        var receipt = Receipt.of(dossier, record, procedure, snapshot.catalog().agencyOf(procedure), appointment, desk,
                Optional.of(secret), Optional.empty());
        return new Received(receipt, routed, false);
    }

    private Received replay(Clerk clerk, Dossier dossier, IntakeRequest request, ReferenceData.Snapshot snapshot,
                            Optional<String> secret, String requestId) {
        var procedure = request.procedure();
        var appointment = snapshot.calendar().withSameDayCutOff(desk.sameDayCutOff()).appointment(
                dossier.receivedAt().atZone(Dossier.ZONE).toLocalDateTime(), dossier.timeLimit(), Optional.of(desk.openingHours()));
        // The receiver printed is the one the first request kept, which may be another clerk than the one retrying.
        var record = dossiers.receiptRecord(dossier.code()).orElseGet(() -> Receipt.record(request, clerk.label()));
        var receipt = Receipt.of(dossier, record, procedure, snapshot.catalog().agencyOf(procedure), appointment, desk,
                secret, Optional.empty());
        Routing routed = dossier.state() == DossierState.RECEIVED ? route(dossier.code(), clock.instant(), requestId) : Routing.TRANSFERRED;
        notifyReceived(dossier, clock.instant(), requestId); // the first request may have stopped before it; the notifier sends once
        Log.info("intake.replayed").with("code", dossier.code()).with("requestId", requestId).write();
        return new Received(receipt, routed, true);
    }

    /**
     * Queues the receipt's notice (the applicant's email). The lookup secret is not in it: the email says
     * it is printed on the receipt. A failure keeps the dossier: logged, and the sweep re-queues a receipt
     * notice with no record while the dossier is still RECEIVED.
     */
    private void notifyReceived(Dossier dossier, Instant now, String requestId) {
        try {
            notifications.send(receivedNotice(dossier, now));
        } catch (RuntimeException e) {
            Log.warn("intake.notification.pending").with("code", dossier.code()).with("requestId", requestId).error(e).write();
        }
    }

    private static NotificationJob receivedNotice(Dossier dossier, Instant now) {
        return new NotificationJob(dossier.code(), NotificationJob.Kind.RECEIVED, dossier.history().get(0).eventId(), now);
    }

    private static RoutingJob routingJob(DossierCode code, Instant now) {
        return new RoutingJob("route-" + code.value() + "-received", code, RoutingJob.Reason.RECEIVED, now);
    }

    /** Queues the routing job; its id is fixed per dossier, so queuing it again (a retry) routes once. */
    private Routing route(DossierCode code, Instant now, String requestId) {
        try {
            routing.send(routingJob(code, now));
            return Routing.QUEUED;
        } catch (RuntimeException e) {
            Log.warn("intake.routing.pending").with("code", code).with("requestId", requestId).error(e).write();
            return Routing.PENDING;
        }
    }

    private Incomplete guide(Clerk clerk, IntakeRequest request, List<Checklist.Missing> missing, Optional<String> key,
                             Instant now, String requestId) {
        var procedure = request.procedure();
        // Statistics need who was guided for what, not how to reach them: the email stays out.
        var a = request.applicant();
        var applicant = new Applicant(a.name(), a.idNumber(), a.phone(), Optional.empty(), a.address());
        String id = refusalId("guided", key, request.hash());
        var reasons = missing.stream().map(Checklist.Missing::messageVi).toList();
        dossiers.recordDeskRefusal(new DeskRefusal(id, DeskRefusal.Kind.GUIDED_TO_COMPLETE, procedure.code(),
                procedure.agencyId(), applicant, reasons, clerk.actor(), now, clerk.label()));
        Log.info("intake.guided").with("refusalId", id).with("requestId", requestId).with("procedure", procedure.code())
                .with("missing", missing.size()).write();

        ObjectNode form = FormJson.form("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", desk);
        form.put("applicant", a.name());
        form.putObject("procedure").put("code", procedure.code()).put("name", procedure.name().vi());
        form.set("missing", Checklist.toJson(missing));
        form.put("guidance", "Hồ sơ chưa đủ thành phần theo quy định nên chưa được tiếp nhận. Đề nghị ông/bà bổ sung, hoàn thiện "
                + "các giấy tờ nêu trên rồi nộp lại tại " + desk.nameVi() + ".");
        form.put("at", Receipt.TIME_DATE.format(now.atZone(Dossier.ZONE)));
        form.put("clerk", clerk.label());
        var printed = PrintedForms.deskForm("02", desk, Dossier.localDate(now), a.name(), procedure.name().vi(), reasons, clerk.label());
        form.put("legalBasis", printed.basis()).put("citation", printed.citation()).put("html", printed.html());
        return new Incomplete(missing, form, id);
    }

    // ---- POST /dossiers/refusals -----------------------------------------------------------------

    public Refused refuse(Clerk clerk, JsonNode body, Optional<String> idempotencyKey, String requestId) throws BadInput {
        var snapshot = reference.get();
        var request = RefusalRequest.parse(body, snapshot.catalog());
        var key = checkedKey(idempotencyKey);
        var now = clock.instant();
        Procedure procedure = request.procedure();
        String id = refusalId("refused", key, request.hash());
        boolean recorded = dossiers.recordDeskRefusal(new DeskRefusal(id, DeskRefusal.Kind.REFUSED, procedure.code(),
                procedure.agencyId(), request.applicant(), request.reasons(), clerk.actor(), now, clerk.label()));
        Log.info("intake.refused").with("refusalId", id).with("requestId", requestId).with("procedure", procedure.code())
                .with("replayed", !recorded).write();

        var a = request.applicant();
        ObjectNode slip = FormJson.form("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", desk).put("id", id);
        FormJson.applicant(slip, a.name(), a.idNumber(), a.address(), a.phone(), a.email());
        slip.putObject("procedure").put("code", procedure.code()).put("name", procedure.name().vi())
                .put("agency", snapshot.catalog().agencyOf(procedure).name().vi());
        var reasons = slip.putArray("reasons");
        request.reasons().forEach(reasons::add);
        slip.put("text", "Qua xem xét, " + desk.nameVi() + " từ chối tiếp nhận hồ sơ " + procedure.name().vi()
                + " với lý do nêu trên. Xin lỗi ông/bà vì sự bất tiện này.");
        slip.put("at", Receipt.TIME_DATE.format(now.atZone(Dossier.ZONE)));
        slip.put("clerk", clerk.label());
        var printed = PrintedForms.deskForm("03", desk, Dossier.localDate(now), a.name(), procedure.name().vi(), request.reasons(), clerk.label());
        slip.put("legalBasis", printed.basis()).put("citation", printed.citation()).put("html", printed.html());
        return new Refused(slip, id, !recorded);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * The appointment for a dossier received now. A count that needs a year whose holiday table is not
     * loaded answers 503 naming the year: the request is right and the desk cannot fix it (a 4xx would
     * send the clerk looking for a mistake in the form), and a retry helps only once an operator has
     * published that year's table, which the message says. Never a 500 "try again".
     */
    static vn.motcua.domain.calendar.DueDate appointment(ReferenceData.Snapshot snapshot, Desk desk, Instant now,
                                                         vn.motcua.domain.calendar.TimeLimit limit, String procedureCode) throws BadInput {
        try {
            return snapshot.calendar().withSameDayCutOff(desk.sameDayCutOff())
                    .appointment(now.atZone(Dossier.ZONE).toLocalDateTime(), limit, Optional.of(desk.openingHours()));
        } catch (vn.motcua.domain.calendar.YearNotLoadedException e) {
            Log.warn("intake.holiday-table-missing").with("year", e.year()).with("procedure", procedureCode).write();
            throw new BadInput(503, "HOLIDAY_TABLE_MISSING", "Chưa có lịch ngày nghỉ năm " + e.year()
                    + " nên chưa tính được ngày hẹn trả; hồ sơ chưa được tiếp nhận. Đề nghị quản trị hệ thống nạp lịch nghỉ năm "
                    + e.year() + " (infra/seed/calendar/" + e.year() + ".json) rồi tiếp nhận lại.", List.of());
        }
    }

    /** With a key, the same request always records under the same id (a retry counts once); without, a new one. */
    private static String refusalId(String kind, Optional<String> key, String requestHash) {
        return kind + "-" + key.map(k -> IntakeRequest.sha256(k + "\n" + requestHash).substring(0, 32))
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /** An Idempotency-Key is 1 to 255 visible ASCII characters (a UUID, typically); a blank header counts as none. */
    private static Optional<String> checkedKey(Optional<String> key) throws BadInput {
        return IdempotencyKey.checked(key, 255);
    }

    private static BadInput keyReused() {
        return new BadInput(409, "IDEMPOTENCY_KEY_REUSED", "Khóa Idempotency-Key này đã được dùng cho một hồ sơ khác với "
                + "nội dung khác. Nếu đây là hồ sơ mới, hãy gửi với khóa mới.", List.of());
    }

    private static BadInput inProgress() {
        return new BadInput(409, "IDEMPOTENCY_IN_PROGRESS", "Hồ sơ này đang được tiếp nhận ở một yêu cầu trước; "
                + "xin chờ vài giây rồi gửi lại với cùng khóa.", List.of());
    }
}
