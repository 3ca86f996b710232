package vn.motcua.wiring;

import vn.motcua.aws.Environment;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.outbox.OwedKinds;
import vn.motcua.outbox.OwedWork;
import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.departments.DossierRouter;
import vn.motcua.departments.UpdateApplier;
import vn.motcua.departments.UpdateInbox;
import vn.motcua.desk.Desk;
import vn.motcua.desk.DeskActions;
import vn.motcua.desk.DeskLookup;
import vn.motcua.desk.DeskService;
import vn.motcua.desk.PublicLookup;
import vn.motcua.desk.CitizenRating;
import vn.motcua.documents.DocumentCheck;
import vn.motcua.documents.DocumentLinks;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.notices.NoticeModel;
import vn.motcua.notices.NoticeTemplates;
import vn.motcua.notices.Notifier;
import vn.motcua.notices.SmsTemplates;
import vn.motcua.reports.Reports;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The one place where a function's use cases are built: each service from its {@link Ports}. A handler's
 * no-arg constructor (run once per execution environment, so part of a SnapStart snapshot) takes its
 * service from {@link #fromEnvironment()}; its tests build the handler on a service of their own; priming
 * builds the same services on {@link InMemoryPorts} ({@link Rehearsal}).
 *
 * <pre>{@code public IntakeHandler() { this(Wiring.fromEnvironment().deskService()); }}</pre>
 */
public final class Wiring {

    private static volatile Wiring fromEnvironment;
    private static volatile int builtAt = -1;

    private final Ports ports;

    private Wiring(Ports ports) {
        this.ports = ports;
    }

    /**
     * The function's wiring on AWS: its ports named by its environment, built once per execution environment
     * (again only when a test or the local runner replaces the environment, {@link Environment#useForLocalRun}).
     */
    public static Wiring fromEnvironment() {
        var wiring = fromEnvironment;
        if (wiring == null || builtAt != Environment.generation()) {
            synchronized (Wiring.class) {
                wiring = fromEnvironment;
                if (wiring == null || builtAt != Environment.generation()) {
                    builtAt = Environment.generation();
                    fromEnvironment = wiring = new Wiring(new AwsPorts(Clock.systemUTC()));
                }
            }
        }
        return wiring;
    }

    /** The services on other ports: in memory, or a test's. */
    public static Wiring of(Ports ports) {
        return new Wiring(ports);
    }

    public Ports ports() { return ports; }

    /** The published reference data, for a function that only shows it (the catalog). */
    public Supplier<ReferenceData.Snapshot> reference() { return ports.reference(); }

    /** Intake: receive, guide (form 02) or refuse (form 03) at the desk. */
    public DeskService deskService() {
        return new DeskService(ports.dossiers(), ports.codeCounters(), ports.reference(), ports.routingQueue(),
                ports.notificationQueue(), Desk.QUANG_NGAI_POST, ports.clock());
    }

    /** The desk's actions on a received dossier (supplement received, fee paid, returned, delivered, withdrawal). */
    public DeskActions deskActions() {
        return new DeskActions(ports.dossiers(), ports.reference(), ports.routingQueue(), ports.notificationQueue(), ports.clock());
    }

    /** The desk's lists and its full view of one dossier. */
    public DeskLookup deskLookup() { return new DeskLookup(ports.dossiers(), ports.reference(), ports.clock()); }

    /** A stored dossier's forms, printed again by the server (GET /dossiers/{code}/forms/{form}). */
    public vn.motcua.desk.PrintedForms printedForms() {
        return new vn.motcua.desk.PrintedForms(ports.dossiers(), ports.reference(), Desk.QUANG_NGAI_POST, ports.clock());
    }

    /** The citizen's status page. */
    public PublicLookup publicLookup() { return new PublicLookup(ports.dossiers(), ports.reference(), ports.ratings()); }

    /** The citizen's rating of a returned dossier, from the status page. */
    public CitizenRating citizenRating() {
        return new CitizenRating(ports.dossiers(), ports.ratings(), ports.clock(), portalNudge());
    }

    /** Upload and download links of a dossier's documents. */
    public DocumentLinks documentLinks() {
        return new DocumentLinks(ports.dossiers(), ports.documentLinks(), ports.maxDocumentBytes());
    }

    /** The check of an uploaded file, and its registration on the dossier. */
    public DocumentCheck documentCheck() {
        return new DocumentCheck(ports.dossiers(), ports.uploadedFiles(), ports.maxDocumentBytes());
    }

    /** The office's statistics and tracking book. */
    public Reports reports() { return new Reports(ports.dossiers(), ports.reference(), ports.ratings(), syncLedger()::forDossier); }

    /** A department's signed update, checked and queued. */
    public UpdateInbox updateInbox() {
        return new UpdateInbox(ports.departmentSecrets(), ports.dossiers(), ports.seenMessages(), ports.rejections(),
                ports.updatesQueue(), ports.clock(), Lifecycle.standard());
    }

    /** A queued department update, applied to its dossier. */
    public UpdateApplier updateApplier() {
        return new UpdateApplier(ports.dossiers(), ports.rejections(), ports.notificationQueue(), ports.clock(), Lifecycle.standard());
    }

    /** A routing job: the dossier transferred to its department and dispatched to that department's queue. */
    public DossierRouter router() {
        return new DossierRouter(ports.dossiers(), ports.dispatchQueues(), ports.notificationQueue(), Lifecycle.standard());
    }

    /** A dispatch, delivered to the department's endpoint as a signed callback. */
    public DossierDelivery delivery() {
        var links = ports.documentLinks();
        var reference = ports.reference();
        return new DossierDelivery(ports.dossiers(), () -> reference.get().catalog(), ports.departmentSecrets(),
                (document, expiresAt) -> DossierDelivery.link(document, links, expiresAt), ports.departmentEndpoints(), Lifecycle.standard());
    }

    /** The applicant's email and SMS for a notification job, once per dossier, event and channel. */
    public Notifier notifier() {
        var reference = ports.reference();
        String lookupUrl = ports.publicLookupUrl();
        return new Notifier(ports.dossiers(), ports.sentNotices(), () -> new NoticeModel(reference.get().catalog(), Desk.QUANG_NGAI_POST, lookupUrl),
                new NoticeTemplates(), ports.mailer(), SmsTemplates.load(), ports.texter(), ports.clock());
    }

    /** The deadline watch's sweep, overdue flags, reminders and digest. */
    public DeadlineWatch deadlineWatch() {
        return new DeadlineWatch(ports.dossiers(), ports.sentNotices(), ports.reference(), ports.routingQueue(), ports.notificationQueue(),
                new NoticeTemplates(), ports.mailer(), Desk.QUANG_NGAI_POST, ports.publicLookupUrl(), ports.watchSettings(),
                owedKinds(), ports.clock());
    }

    /**
     * The kinds of owed work the sweep sends again, each to the queue its consumer reads: the one place a new kind
     * (an SMS notice, the national portal's sync) is registered. Each payload is the queue message as first sent.
     */
    public OwedKinds owedKinds() {
        return OwedKinds.builder()
                .kind(OwedWork.NOTICE, payload -> ports.notificationQueue().send(NotificationJob.parse(payload)))
                .kind(OwedWork.DISPATCH, payload -> ports.dispatchQueues().send(DepartmentDispatch.parse(payload)))
                .kind(OwedWork.ROUTE, payload -> ports.routingQueue().send(RoutingJob.parse(payload)))
                .kind(vn.motcua.portal.PortalOwes.KIND, payload -> ports.portalSyncQueue().send(payload))
                .build();
    }

    // ---- the national portal's sync (issue 19): its own block, to merge apart from the scorecard's ----

    /** How long a claim to send a dossier's change stays the sender's: longer than the function's timeout. */
    static final java.time.Duration PORTAL_CLAIM_LEASE = java.time.Duration.ofSeconds(60);

    /** The sync of a dossier's owed changes with the national portal, lowest sequence first. */
    public vn.motcua.portal.PortalSync portalSync() {
        var reference = ports.reference();
        return new vn.motcua.portal.PortalSync(ports.dossiers(), ports.portalAcks(), ports.ratings(), ports.nationalPortal(),
                code -> reference.get().catalog().procedure(code).map(p -> !p.codePlaceholder()).orElse(false), ports.clock(), PORTAL_CLAIM_LEASE);
    }

    /** Wakes the portal's sync for a dossier (a rating given, a rating the reconciliation found not owed): idempotent. */
    public java.util.function.Consumer<vn.motcua.domain.dossier.DossierCode> portalNudge() {
        return code -> {
            if (ports.dossiers().owesThePortal()) ports.portalSyncQueue().send(vn.motcua.queues.PortalSyncQueue.nudge(code));
        };
    }

    /** The sync ledger, per dossier: what is owed, sent, acknowledged or refused by the portal. */
    public vn.motcua.portal.SyncLedger syncLedger() { return new vn.motcua.portal.SyncLedger(ports.dossiers(), ports.portalAcks()); }

    /** How long a change may stay owed before the reconciliation lists it as not synced. */
    static final java.time.Duration PORTAL_SYNC_GRACE = java.time.Duration.ofHours(1);

    /** The sync ledger compared with what the national portal holds (GET /reports/portal-sync, the daily run). */
    public vn.motcua.portal.PortalReconciliation portalReconciliation() {
        var reference = ports.reference();
        return new vn.motcua.portal.PortalReconciliation(ports.dossiers(), syncLedger(), ports.ratings(), ports.nationalPortal(), () -> reference.get().catalog(),
                ports.clock(), PORTAL_SYNC_GRACE);
    }
}
