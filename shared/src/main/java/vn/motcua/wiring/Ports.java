package vn.motcua.wiring;

import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.Texter;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.CodeCounters;
import vn.motcua.store.Dossiers;
import vn.motcua.store.LinkSigner;
import vn.motcua.store.ReferenceData;
import vn.motcua.store.Rejections;
import vn.motcua.store.Ratings;
import vn.motcua.store.SeenMessages;
import vn.motcua.store.SentNotices;
import vn.motcua.store.UploadedFiles;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Everything the use cases talk to outside themselves, one accessor each, and the few settings that go
 * with them. {@link AwsPorts}: the function's tables, queues, bucket and mail service, named by its
 * environment; {@link InMemoryPorts}: the same ports in memory. {@link Wiring} builds the services on
 * either. An accessor builds its port on first use (a function's environment names only what it uses).
 */
public interface Ports {

    Clock clock();

    /** The catalog and the working calendar of the published reference data. */
    Supplier<ReferenceData.Snapshot> reference();

    Dossiers dossiers();

    CodeCounters codeCounters();

    SentNotices sentNotices();

    /** The citizens' ratings. */
    Ratings ratings();

    SeenMessages seenMessages();

    Rejections rejections();

    UploadedFiles uploadedFiles();

    LinkSigner documentLinks();

    RoutingQueue routingQueue();

    NotificationQueue notificationQueue();

    UpdatesQueue updatesQueue();

    DispatchQueues dispatchQueues();

    /** The consumed queue's dead-letter queue, for a message that can never be handled ({@code DEAD_LETTER_QUEUE_URL}). */
    vn.motcua.edge.DeadLetters deadLetters();

    Mailer mailer();

    /** The applicant's SMS. */
    Texter texter();

    DepartmentSecrets departmentSecrets();

    DossierDelivery.Endpoint departmentEndpoints();

    /** The origin citizens open the web app on; notices link to its public page there. */
    String publicLookupUrl();

    /** The largest document the desk may upload. */
    long maxDocumentBytes();

    DeadlineWatch.Settings watchSettings();

    // ---- the national portal's sync (issue 19) ----

    /** The portal's answers, kept beside the dossiers. */
    vn.motcua.portal.PortalAcks portalAcks();

    /** The national public service portal ({@code NATIONAL_PORTAL_URL}). */
    vn.motcua.portal.NationalPortal nationalPortal();

    /** The portal sync queue ({@code PORTAL_SYNC_QUEUE_URL}). */
    vn.motcua.queues.PortalSyncQueue portalSyncQueue();
}
