package vn.motcua.departments;

import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.domain.dossier.SupplementRequest;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;
import vn.motcua.outbox.Owes;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.store.Dossiers;
import vn.motcua.store.UnknownDossierException;

import java.time.Instant;
import java.util.List;

/**
 * The router's decision for one routing job: hand the dossier over to its department (TRANSFERRED,
 * with its form-05 row) and put a {@link DepartmentDispatch} on that department's own queue.
 *
 * <p>Idempotent on the job id: a retried intake re-sends the same job ({@code route-<code>-received}),
 * a resubmission has its own ({@code route-<code>-resubmitted-<n>}). The transfer's event id is
 * {@code router:<jobId>}, so a duplicate applies once; the dispatch id is {@code dispatch-<jobId>},
 * so a duplicate dispatch carries the same idempotency key to the department. The dispatch and the
 * notice are sent again on a duplicate, since the first attempt may have stopped after the write.
 */
public record DossierRouter(Dossiers dossiers, DispatchQueues dispatch, NotificationQueue notifications, Lifecycle lifecycle) {

    public static final Actor ROUTER = Actor.system("router");

    /** What became of a job. */
    public enum Outcome {
        /** Transferred (or resubmitted) and dispatched now. */
        ROUTED,
        /** The same job again: the transfer was already applied; dispatch and notice sent again. */
        REPEATED,
        /** Nothing to do: the dossier has moved on (withdrawn, already routed by another job). */
        SKIPPED
    }

    public record Result(Outcome outcome, String agencyId, String dispatchId, String why) {}

    /**
     * Routes one job. Throws (so the message is retried, and ends in the routing DLQ) when the dossier
     * is unknown, its agency has no queue, or a queue cannot be reached.
     */
    public Result route(RoutingJob job, Instant now) {
        var dossier = dossiers.find(job.dossierCode()).orElseThrow(() -> new UnknownDossierException(job.dossierCode()));
        String dispatchId = "dispatch-" + job.jobId();
        if (job.reason() == RoutingJob.Reason.RESUBMITTED) return resubmit(job, dossier, dispatchId, now);
        if (job.reason() == RoutingJob.Reason.WITHDRAWN) return withdraw(job, dossier, dispatchId, now);

        var transfer = new DossierEvent.Transferred("router:" + job.jobId(), ROUTER, now, dossier.agencyId());
        var dispatchJob = DepartmentDispatch.first(dispatchId, dossier.code(), dossier.agencyId(), now);
        // the outbox: the transfer owes the dispatch (and its notice, if news) and settles the routing job, in one write;
        // refused (the dossier moved on), the routing job is settled all the same
        var owes = Owes.change(Owes.notice(dossier.code(), transfer, now), OwedWork.dispatch(dispatchJob))
                .andSettle(OwedWork.key(OwedWork.ROUTE, job.jobId()));
        Decision decision = dossiers.apply(dossier.code(), transfer, lifecycle, owes);
        if (decision instanceof Refusal refusal) {
            return new Result(Outcome.SKIPPED, dossier.agencyId(), dispatchId, refusal.code().name() + " in " + dossier.state());
        }
        boolean repeated = ((Decision.Applied) decision).duplicate();
        dispatch.send(dispatchJob);
        NotificationJob.after(dossier.code(), transfer, now).ifPresent(notifications::send);
        return new Result(repeated ? Outcome.REPEATED : Outcome.ROUTED, dossier.agencyId(), dispatchId, "");
    }

    /**
     * The applicant withdrew the dossier. Its department holds it: a withdrawal callback on the department's queue
     * (the department stops and acknowledges, or the deadline watch stops it after the catalog's period). It never
     * reached a department: nobody to ask, it stops now. The stop's id is {@code router:<jobId>}: a duplicate applies once.
     */
    private Result withdraw(RoutingJob job, Dossier dossier, String dispatchId, Instant now) {
        var routeKey = OwedWork.key(OwedWork.ROUTE, job.jobId());
        if (dossier.state() != DossierState.WITHDRAWAL_REQUESTED) {
            dossiers.settle(dossier.code(), OutboxChange.settling(routeKey));
            return new Result(Outcome.SKIPPED, dossier.agencyId(), dispatchId, "withdrawn but " + dossier.state());
        }
        boolean transferred = dossier.history().stream().anyMatch(h -> h.kind() == vn.motcua.domain.dossier.EventKind.TRANSFERRED);
        if (!transferred) {
            var stop = new DossierEvent.Stopped("router:" + job.jobId(), ROUTER, now,
                    java.util.Optional.of("Hồ sơ chưa chuyển đến cơ quan giải quyết: dừng xử lý ngay theo đề nghị rút hồ sơ."));
            // the stop owes its notice and settles the routing job, in one write
            Decision decision = dossiers.apply(dossier.code(), stop, lifecycle, Owes.change(Owes.notice(dossier.code(), stop, now)).andSettle(routeKey));
            if (decision instanceof Refusal refusal) {
                dossiers.settle(dossier.code(), OutboxChange.settling(routeKey));
                return new Result(Outcome.SKIPPED, dossier.agencyId(), dispatchId, refusal.code().name() + " in " + dossier.state());
            }
            NotificationJob.after(dossier.code(), stop, now).ifPresent(notifications::send);
            return new Result(((Decision.Applied) decision).duplicate() ? Outcome.REPEATED : Outcome.ROUTED, dossier.agencyId(), "", "");
        }
        // the routing job becomes an owed withdrawal dispatch, in one write; a retried job finds it owed already
        var withdrawn = DepartmentDispatch.withdrawn(dispatchId, dossier.code(), dossier.agencyId(), now);
        dossiers.settle(dossier.code(), OutboxChange.owing(OwedWork.dispatch(withdrawn)).andSettle(routeKey));
        dispatch.send(withdrawn);
        return new Result(Outcome.ROUTED, dossier.agencyId(), dispatchId, "");
    }

    /**
     * The supplement went back to the department: no new transfer (the dossier is in process), a dispatch
     * with the documents added since form 02 was issued. None added (the citizen brought paper the desk
     * has not scanned yet): every document goes, the department sees the file whole.
     */
    private Result resubmit(RoutingJob job, Dossier dossier, String dispatchId, Instant now) {
        var routeKey = OwedWork.key(OwedWork.ROUTE, job.jobId());
        if (dossier.state() != DossierState.IN_PROCESS) {
            dossiers.settle(dossier.code(), OutboxChange.settling(routeKey));
            return new Result(Outcome.SKIPPED, dossier.agencyId(), dispatchId, "resubmitted but " + dossier.state());
        }
        var requested = dossier.supplements().stream().map(SupplementRequest::requestedAt).max(Instant::compareTo);
        List<String> keys = dossier.documents().stream()
                .filter(d -> requested.isPresent() && !d.addedAt().isBefore(requested.get()))
                .map(DossierDocument::key).toList();
        if (keys.isEmpty()) keys = dossier.documents().stream().map(DossierDocument::key).toList();
        if (keys.isEmpty()) {
            // retried after the queue's visibility timeout: the scans may be uploaded by then
            throw new IllegalStateException("dossier " + dossier.code() + " was resubmitted without any document yet");
        }
        var resubmitted = DepartmentDispatch.resubmitted(dispatchId, dossier.code(), dossier.agencyId(), keys, now);
        // the routing job becomes an owed dispatch, in one write; a retried job finds the dispatch owed already
        dossiers.settle(dossier.code(), OutboxChange.owing(OwedWork.dispatch(resubmitted)).andSettle(routeKey));
        dispatch.send(resubmitted);
        return new Result(Outcome.ROUTED, dossier.agencyId(), dispatchId, "");
    }
}
