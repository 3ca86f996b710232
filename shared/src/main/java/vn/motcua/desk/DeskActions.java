package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.Actor;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The desk's actions on a received dossier, each one event through the standard lifecycle:
 * <ul>
 *   <li>{@code supplement-received}: the citizen brought what form 02 asked for; the due date is resumed
 *       with the working calendar and the dossier is queued (RESUBMITTED) to go back to its department;</li>
 *   <li>{@code fee-paid};</li>
 *   <li>{@code returned} {@code {"method":"at_desk"}} or {@code {"method":"by_post","trackingNumber":"..."}};</li>
 *   <li>{@code delivered}: the post delivered the result;</li>
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
            case "fee-paid" -> new DossierEvent.FeePaid(eventId, actor, now);
            case "returned" -> returned(body.read(), eventId, actor, now);
            case "delivered" -> new DossierEvent.Delivered(eventId, actor, now);
            case "withdrawal" -> new DossierEvent.WithdrawalRequested(eventId, actor, now, reason(body.read()));
            default -> throw BadInput.noSuchRoute(action);
        };

        // what the change owes goes into its own write (the outbox): the notice, and after a supplement the routing job
        var resubmission = event instanceof DossierEvent.SupplementReceived ? Optional.of(resubmission(dossier, now)) : Optional.<RoutingJob>empty();
        var owes = Owes.change(Owes.notice(code, event, now), resubmission.map(OwedWork::route).stream().toArray(OwedWork[]::new));
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

        Optional<String> routed = resubmission.map(job -> route(after, job, requestId));
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

    /**
     * Queues the dossier back to its department. The job id is fixed per supplement round, so a retry
     * queues the same job and the router transfers once. A failure keeps the change: "pending".
     */
    private String route(Dossier dossier, RoutingJob job, String requestId) {
        if (dossier.state() != DossierState.IN_PROCESS) return "done";
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
        if ("at_desk".equals(method)) return new DossierEvent.ReturnedAtDesk(eventId, actor, now, Optional.empty());
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
