package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Collector;
import vn.motcua.domain.dossier.FeeReceipt;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Log;
import vn.motcua.outbox.OwedWork;
import vn.motcua.outbox.Owes;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.store.Dossiers;
import vn.motcua.store.ReferenceData;
import vn.motcua.store.UnknownDossierException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The desk's actions on a received dossier, each one event through the standard lifecycle:
 * <ul>
 *   <li>{@code supplement-received}: the citizen brought what form 02 asked for; the due date is resumed
 *       with the working calendar and the dossier is queued (RESUBMITTED) to go back to its department;</li>
 *   <li>{@code fee-paid} {@code {"amountVnd":200000,"receiptNumber":"..."}}: the amount taken (the amount the
 *       department asked for) and the number of the receipt the desk gave;</li>
 *   <li>{@code returned} {@code {"method":"at_desk","collector":{"name","idNumber","onBehalfOf"?}}} (who took the
 *       result; {@code onBehalfOf} absent when the applicant came in person) or
 *       {@code {"method":"by_post","trackingNumber":"..."}};</li>
 *   <li>{@code delivered} {@code {"deliveredOn":"yyyy-MM-dd"}}: the day the post delivered the result;</li>
 *   <li>{@code withdrawal} {@code {"reason":"..."}}.</li>
 * </ul>
 * The event id is {@code desk:<code>:<action>:<Idempotency-Key>}, so a double click with the same key
 * applies once and answers the same dossier. Without a key the request id stands in: a second click
 * is then a new event, which the lifecycle refuses (409) because the dossier has already moved.
 */
public record DeskActions(Dossiers dossiers, Supplier<ReferenceData.Snapshot> reference, RoutingQueue routing,
                          NotificationQueue notifications, Clock clock) {

    /** The request's body, read only by the actions that have one (a malformed body is a 400). */
    @FunctionalInterface
    public interface Body {
        JsonNode read() throws BadInput;
    }

    /**
     * Done: applied now, or before ({@code replayed}); {@code routing} says, after a supplement, whether the
     * dossier went back on the routing queue ({@code queued}, {@code pending}, {@code done}); {@code dossier}
     * is the desk's full view of it afterwards.
     */
    public record Done(String action, boolean replayed, Optional<String> routing, ObjectNode dossier) {}

    private static final Lifecycle LIFECYCLE = Lifecycle.standard();
    /** Ten billion đồng: far above any fee in the catalog, low enough that a stray digit is caught. */
    private static final long MAX_FEE_VND = 10_000_000_000L;
    private static final Pattern RECEIPT_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/.\\-]{0,29}");

    /**
     * @param action the last segment of the route ({@code fee-paid}); an unknown one is {@code NO_SUCH_ROUTE}
     * @throws BadInput 400 for a field, 404 for an unknown dossier, 409 with the lifecycle's code for a refused move
     */
    public Done act(String clerkId, DossierCode code, String action, Body body, Optional<String> idempotencyKey, String requestId)
            throws BadInput {
        var actor = Actor.clerk(clerkId);
        var now = clock.instant();
        // API Gateway's request ids are base64: '=', '+', '/' are not id characters for the message contracts
        String eventId = "desk:" + code.value() + ":" + action + ":" + IdempotencyKey.checked(idempotencyKey, 200)
                .orElse("request-" + requestId.replaceAll("[^A-Za-z0-9._:-]", "-"));

        var dossier = dossiers.find(code).orElseThrow(() -> notFound(code));
        DossierEvent event = switch (action) {
            case "supplement-received" -> supplementReceived(dossier, eventId, actor, now);
            case "fee-paid" -> new DossierEvent.FeePaid(eventId, actor, now, Optional.of(feeReceipt(body.read())));
            case "returned" -> returned(body.read(), eventId, actor, now);
            case "delivered" -> new DossierEvent.Delivered(eventId, actor, now, Optional.of(deliveredOn(body.read())));
            case "withdrawal" -> new DossierEvent.WithdrawalRequested(eventId, actor, now, reason(body.read()));
            default -> throw BadInput.noSuchRoute(action);
        };

        // what the change owes goes into its own write (the outbox): the notice, and the routing job after a supplement
        // (back to the department) or a withdrawal request (the router tells the department, or stops the dossier)
        var job = event instanceof DossierEvent.SupplementReceived ? Optional.of(resubmission(dossier, now))
                : event instanceof DossierEvent.WithdrawalRequested ? Optional.of(withdrawal(dossier, now)) : Optional.<RoutingJob>empty();
        var owes = Owes.change(Owes.notice(code, event, now), job.map(OwedWork::route).stream().toArray(OwedWork[]::new));
        Decision decision;
        try {
            decision = dossiers.apply(code, event, LIFECYCLE, owes);
        } catch (UnknownDossierException e) {
            throw notFound(code);
        }
        if (decision instanceof Refusal refusal) {
            Log.info("desk.action.refused").with("code", code).with("action", action).with("refusal", refusal.code().name())
                    .with("requestId", requestId).write();
            throw new BadInput(409, refusal.code().name(), refusal.message(), List.of());
        }
        var applied = (Decision.Applied) decision;
        var after = applied.dossier();
        Log.info("desk.action").with("code", code).with("action", action).with("replayed", applied.duplicate())
                .with("requestId", requestId).write();

        Optional<String> routed = job.map(j -> route(after, j, requestId));
        queueNotice(code, event, now, requestId);
        var view = new DossierView(reference.get().catalog()).full(after, LocalDate.now(clock.withZone(Dossier.ZONE)));
        return new Done(action, applied.duplicate(), routed, view);
    }

    /**
     * The due date moves on by the working days the citizen took (from the day form 02 was issued to
     * today); a procedure without a fixed time limit has no date to move.
     */
    private DossierEvent supplementReceived(Dossier dossier, String eventId, Actor actor, Instant now) {
        LocalDate resumed = null;
        var paused = dossier.pausedSince();
        if (dossier.appointment().isPresent() && paused.isPresent()) {
            resumed = reference.get().calendar().resumedDue(dossier.appointment().get().current(),
                    Dossier.localDate(paused.get()), Dossier.localDate(now));
        } else if (dossier.appointment().isPresent()) {
            // Not paused: the lifecycle refuses the move (or recognises a retry); keep the date as it is.
            resumed = dossier.appointment().get().current();
        }
        return new DossierEvent.SupplementReceived(eventId, actor, now, resumed);
    }

    /** The routing job of this supplement round (the count does not change when the supplement arrives). */
    private static RoutingJob resubmission(Dossier dossier, Instant now) {
        return new RoutingJob("route-" + dossier.code().value() + "-resubmitted-" + dossier.supplementRequestCount(),
                dossier.code(), RoutingJob.Reason.RESUBMITTED, now);
    }

    /** The withdrawal's routing job: one per dossier ({@code route-<code>-withdrawn}), so a retry queues the same job. */
    private static RoutingJob withdrawal(Dossier dossier, Instant now) {
        return new RoutingJob("route-" + dossier.code().value() + "-withdrawn", dossier.code(), RoutingJob.Reason.WITHDRAWN, now);
    }

    /**
     * Queues the job to the router: a supplement back to its department, a withdrawal to be told to it (or the dossier
     * stopped when no department holds it yet). The job id is fixed, so a retry queues the same job and the router acts
     * once. A failure keeps the change, "pending": the job is owed in the dossier's own write and the sweep sends it.
     */
    private String route(Dossier dossier, RoutingJob job, String requestId) {
        var expected = job.reason() == RoutingJob.Reason.WITHDRAWN ? DossierState.WITHDRAWAL_REQUESTED : DossierState.IN_PROCESS;
        if (dossier.state() != expected) return "done";
        try {
            routing.send(job);
            return "queued";
        } catch (RuntimeException e) {
            Log.warn("desk.action.routing.pending").with("code", dossier.code()).with("requestId", requestId).error(e).write();
            return "pending";
        }
    }

    /**
     * Queues the applicant's notice for the applied event (a replay too: the notifier sends once per event).
     * A failure keeps the change: the clerk's request succeeds and the failure is logged.
     */
    private void queueNotice(DossierCode code, DossierEvent event, Instant now, String requestId) {
        try {
            NotificationJob.after(code, event, now).ifPresent(notifications::send);
        } catch (RuntimeException e) {
            Log.warn("desk.action.notification.pending").with("code", code).with("eventId", event.eventId())
                    .with("requestId", requestId).error(e).write();
        }
    }

    private static DossierEvent returned(JsonNode body, String eventId, Actor actor, Instant now) throws BadInput {
        String method = text(body, "method");
        if ("at_desk".equals(method)) {
            return new DossierEvent.ReturnedAtDesk(eventId, actor, now, Optional.empty(), Optional.of(collector(body.get("collector"))));
        }
        if ("by_post".equals(method)) {
            String tracking = text(body, "trackingNumber");
            if (tracking == null || tracking.isBlank()) {
                throw new BadInput("TRACKING_NUMBER_REQUIRED", "Cần ghi số hiệu bưu gửi khi chuyển kết quả qua bưu chính.", "trackingNumber");
            }
            if (tracking.strip().length() > 40 || !tracking.strip().matches("[A-Za-z0-9-]+")) {
                throw new BadInput("INVALID_TRACKING_NUMBER", "Số hiệu bưu gửi chỉ gồm chữ cái không dấu, chữ số và dấu gạch ngang "
                        + "(tối đa 40 ký tự), ví dụ EB123456789VN.", "trackingNumber");
            }
            return new DossierEvent.HandedToPost(eventId, actor, now, tracking.strip());
        }
        throw new BadInput("INVALID_RETURN_METHOD", "Cách trả kết quả phải là «at_desk» (tại quầy) hoặc «by_post» (qua bưu chính).", "method");
    }

    /** The amount in whole đồng and the receipt's number, both required: what the desk's fee book records. */
    private static FeeReceipt feeReceipt(JsonNode body) throws BadInput {
        var problems = new ArrayList<BadInput.FieldError>();
        JsonNode amount = body == null || !body.isObject() ? null : body.get("amountVnd");
        if (body == null || !body.isObject()) throw new BadInput("INVALID_BODY", "Nội dung yêu cầu phải là một đối tượng JSON.", "body");
        if (amount == null || amount.isNull()) {
            problems.add(new BadInput.FieldError("amountVnd", "Cần nhập số tiền người nộp đã nộp (đồng)."));
        } else if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() <= 0 || amount.asLong() > MAX_FEE_VND) {
            problems.add(new BadInput.FieldError("amountVnd", "Số tiền phải là số đồng nguyên, lớn hơn 0 (ví dụ 200000)."));
        }
        String number = text(body, "receiptNumber");
        if (number == null || number.isBlank()) {
            problems.add(new BadInput.FieldError("receiptNumber", "Cần nhập số biên lai thu phí, lệ phí."));
        } else if (!RECEIPT_NUMBER.matcher(number.strip()).matches()) {
            problems.add(new BadInput.FieldError("receiptNumber",
                    "Số biên lai gồm chữ cái không dấu, chữ số và các dấu / . - (tối đa 30 ký tự), ví dụ 0001234 hoặc AA/2026/0001234."));
        }
        if (!problems.isEmpty()) throw new BadInput(400, "INVALID_FEE_PAYMENT", problems.get(0).message(), problems);
        return new FeeReceipt(amount.asLong(), number.strip().toUpperCase(Locale.ROOT));
    }

    /** Who took the result: name and ID number as on the ID card, and, for someone else, on whose behalf. */
    private static Collector collector(JsonNode c) throws BadInput {
        if (c == null || c.isNull()) {
            throw new BadInput("COLLECTOR_REQUIRED", "Cần ghi người nhận kết quả: họ tên và số giấy tờ tùy thân.", "collector.name");
        }
        if (!c.isObject()) throw new BadInput("INVALID_FIELD_TYPE", "Trường «collector» phải là một đối tượng JSON.", "collector");
        var problems = new ArrayList<BadInput.FieldError>();
        String name = ApplicantInput.normalise(text(c, "name"));
        if (name == null || name.isEmpty()) {
            problems.add(new BadInput.FieldError("collector.name", "Cần nhập họ và tên người nhận kết quả."));
        } else if (name.length() < 2 || name.length() > 100 || !ApplicantInput.NAME.matcher(name).matches()) {
            problems.add(new BadInput.FieldError("collector.name", "Họ và tên người nhận chỉ gồm chữ cái và khoảng trắng, dài từ 2 đến 100 ký tự."));
        }
        String raw = text(c, "idNumber");
        String id = raw == null ? "" : raw.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        if (id.isEmpty()) {
            problems.add(new BadInput.FieldError("collector.idNumber", "Cần nhập số CCCD hoặc hộ chiếu của người nhận kết quả."));
        } else if (!ApplicantInput.CITIZEN_ID.matcher(id).matches() && !ApplicantInput.PASSPORT.matcher(id).matches()) {
            problems.add(new BadInput.FieldError("collector.idNumber",
                    "Số giấy tờ của người nhận không hợp lệ: cần số CCCD 12 chữ số, hoặc số hộ chiếu gồm 1–2 chữ cái và 7 chữ số."));
        }
        String behalf = ApplicantInput.normalise(text(c, "onBehalfOf"));
        if (behalf != null && behalf.length() > 200) {
            problems.add(new BadInput.FieldError("collector.onBehalfOf", "Phần «nhận thay cho» dài quá 200 ký tự."));
        }
        if (!problems.isEmpty()) throw new BadInput(400, "INVALID_COLLECTOR", problems.get(0).message(), problems);
        return new Collector(name, id, Optional.ofNullable(behalf).filter(x -> !x.isEmpty()));
    }

    /** The day the post delivered, as its tracking says: a date, which the lifecycle holds between hand-over and today. */
    private static LocalDate deliveredOn(JsonNode body) throws BadInput {
        String text = text(body, "deliveredOn");
        if (text == null || text.isBlank()) throw new BadInput("DELIVERY_DATE_REQUIRED", "Cần nhập ngày bưu chính phát kết quả.", "deliveredOn");
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadInput("INVALID_DATE", "Ngày phát «" + text + "» không hợp lệ; nhập theo dạng năm-tháng-ngày, ví dụ 2026-12-02.", "deliveredOn");
        }
    }

    private static String reason(JsonNode body) throws BadInput {
        String reason = text(body, "reason");
        if (reason == null || reason.isBlank()) {
            throw new BadInput("REASON_REQUIRED", "Cần ghi rõ lý do rút hồ sơ.", "reason");
        }
        if (reason.length() > 1000) throw new BadInput("REASON_TOO_LONG", "Lý do rút hồ sơ dài quá 1000 ký tự.", "reason");
        return reason.strip();
    }

    /** A field that must be text when present: a number or an object where text belongs is a 400 naming it. */
    private static String text(JsonNode body, String field) throws BadInput {
        if (body == null || !body.isObject()) throw new BadInput("INVALID_BODY", "Nội dung yêu cầu phải là một đối tượng JSON.", "body");
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw new BadInput("INVALID_FIELD_TYPE", "Trường «" + field + "» phải là chuỗi ký tự.", field);
        return n.asText();
    }

    private static BadInput notFound(DossierCode code) { return DeskLookup.notFound(code); }
}
