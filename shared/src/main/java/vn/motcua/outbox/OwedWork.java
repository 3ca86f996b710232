package vn.motcua.outbox;

import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;

import java.time.Instant;

/**
 * One piece of work a change of a dossier owes (a notice, a department dispatch, a routing job...), kept in
 * the dossier's own item until the consumer that does it marks it done: the outbox. It is written in the very
 * conditional write that stores the change ({@code Dossiers#apply(..., OutboxChange)}), so a change is never
 * stored without what it owes; the queue message sent after the write is only the fast path. When the message
 * is lost (a crash, a queue that forgot it), the deadline watch's sweep finds the entry still owed and sends
 * its payload again ({@link OwedKinds}).
 *
 * @param kind      what it is; the kinds are data, each registered with how to send it again ({@link OwedKinds})
 * @param id        unique within the kind and the dossier: the consumer's idempotency key (a notice's event id,
 *                  a dispatch id), so a payload sent twice is done once (notices) or carries the same key (callbacks)
 * @param payload   the queue message itself (small JSON, no personal data: the consumers read the dossier)
 * @param owedSince when the change that owes it was stored
 * @param queuedAt  when it was last put on its queue (at first the same as {@code owedSince})
 * @param attempts  how many times the sweep has queued it again
 */
public record OwedWork(String kind, String id, String payload, Instant owedSince, Instant queuedAt, int attempts) {

    public static final String NOTICE = "notice", DISPATCH = "dispatch", ROUTE = "route";

    public OwedWork {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]{0,30}")) throw new IllegalArgumentException("an owed kind is a short lower-case name: " + kind);
        if (id == null || id.isBlank() || id.length() > 300) throw new IllegalArgumentException("an owed " + kind + " needs an id");
        if (payload == null || owedSince == null || queuedAt == null || attempts < 0) {
            throw new IllegalArgumentException("owed " + kind + " " + id + " is incomplete");
        }
    }

    /** Where it is kept in the dossier's item: one entry per kind and id. */
    public String key() { return key(kind, id); }

    public static String key(String kind, String id) { return kind + "#" + id; }

    public static OwedWork of(String kind, String id, String payload, Instant now) {
        return new OwedWork(kind, id, payload, now, now, 0);
    }

    /** The applicant's notice of an event: done when the notifier has sent it or recorded why not. */
    public static OwedWork notice(NotificationJob job) {
        return of(NOTICE, job.eventId(), job.toJson(), job.queuedAt());
    }

    /** A callback to the department: done when the dispatcher's endpoint answered 2xx, or refused it for good. */
    public static OwedWork dispatch(DepartmentDispatch dispatch) {
        return of(DISPATCH, dispatch.dispatchId(), dispatch.toJson(), dispatch.queuedAt());
    }

    /** A routing job: done when the router has transferred (or dispatched) the dossier, or found nothing to do. */
    public static OwedWork route(RoutingJob job) {
        return of(ROUTE, job.jobId(), job.toJson(), job.queuedAt());
    }

    /** Queued again by the sweep at {@code now}. */
    public OwedWork requeued(Instant now) { return new OwedWork(kind, id, payload, owedSince, now, attempts + 1); }
}
