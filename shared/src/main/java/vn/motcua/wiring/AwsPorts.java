package vn.motcua.wiring;

import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.departments.HttpEndpoint;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.Texter;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.CodeCounters;
import vn.motcua.store.DepartmentMessages;
import vn.motcua.store.DepartmentRejections;
import vn.motcua.store.DossierCodes;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.Dossiers;
import vn.motcua.store.LinkSigner;
import vn.motcua.store.NoticeLedger;
import vn.motcua.store.ReferenceData;
import vn.motcua.store.Rejections;
import vn.motcua.store.Ratings;
import vn.motcua.store.RatingItems;
import vn.motcua.store.S3LinkSigner;
import vn.motcua.store.S3UploadedFiles;
import vn.motcua.store.SeenMessages;
import vn.motcua.store.SentNotices;
import vn.motcua.store.UploadedFiles;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ports of a function on AWS (or on the local stack, through the same {@code AWS_ENDPOINT_URL_*}): each
 * built on first use from the function's environment ({@code template.yaml}'s variables) and the SDK clients
 * of {@link AwsClients}, then kept. The only place that reads the environment for the use cases.
 */
public final class AwsPorts implements Ports {

    /** How long the reference data is used before its version is checked again. */
    static final Duration REFERENCE_MAX_AGE = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Object> built = new HashMap<>();

    public AwsPorts(Clock clock) {
        this.clock = clock;
    }

    /** The port named {@code name}: built by {@code build} on first use (a function's environment names only its own), then kept. */
    @SuppressWarnings("unchecked")
    private synchronized <T> T port(String name, Supplier<T> build) {
        Object port = built.get(name);
        if (port == null) {
            port = build.get();
            built.put(name, port);
        }
        return (T) port;
    }

    private synchronized boolean uses(String... names) {
        for (String name : names) if (built.containsKey(name)) return true;
        return false;
    }

    private static String dossierTable() { return Environment.require("DOSSIER_TABLE"); }

    /**
     * Reads what the function's snapshot should carry, before SnapStart takes it: the reference data, when a
     * use case of the function reads it (a read of the catalog table, never a write).
     */
    void loadForSnapshot() {
        if (uses("reference")) referenceData().current();
    }

    /** The adapters the function's services took, run once on clients that answer in memory ({@link DryRun}). */
    void dryRunForSnapshot() {
        DryRun.run(new DryRun.Uses(uses("dossiers"), uses("codes"), uses("notices"), uses("ratings"), uses("messages"), uses("rejections"), uses("files"),
                uses("links") ? Optional.of(documentLinks()) : Optional.empty(), uses("routing", "notifications", "updates", "dispatch"),
                uses("mailer"), uses("texter"), uses("secrets") && Environment.getOrDefault("DEPARTMENT_SECRETS", "").strip().equals(DepartmentSecrets.SSM)));
    }

    private ReferenceData referenceData() {
        return port("reference", () -> new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), REFERENCE_MAX_AGE, clock));
    }

    @Override public Clock clock() { return clock; }

    @Override
    public Supplier<ReferenceData.Snapshot> reference() {
        var data = referenceData();
        return data::current;
    }

    @Override
    public Dossiers dossiers() {
        // every write owes the national portal its changes; the nudge wakes the sync when the function may send to its queue
        return port("dossiers", () -> new DossierRepository(AwsClients.dynamoDb(), dossierTable(), DossierRepository.Options.DEFAULTS,
                vn.motcua.portal.PortalOwes.Hook.on(code -> {
                    if (Environment.get("PORTAL_SYNC_QUEUE_URL").isPresent()) portalSyncQueue().send(vn.motcua.queues.PortalSyncQueue.nudge(code));
                })));
    }

    @Override
    public CodeCounters codeCounters() { return port("codes", () -> new DossierCodes(AwsClients.dynamoDb(), dossierTable())); }

    @Override
    public SentNotices sentNotices() { return port("notices", () -> new NoticeLedger(AwsClients.dynamoDb(), dossierTable())); }

    @Override
    public Ratings ratings() { return port("ratings", () -> new RatingItems(AwsClients.dynamoDb(), dossierTable())); }

    @Override
    public SeenMessages seenMessages() { return port("messages", () -> new DepartmentMessages(AwsClients.dynamoDb(), dossierTable())); }

    @Override
    public Rejections rejections() { return port("rejections", () -> new DepartmentRejections(AwsClients.dynamoDb(), dossierTable())); }

    @Override
    public UploadedFiles uploadedFiles() { return port("files", () -> new S3UploadedFiles(AwsClients.s3())); }

    @Override
    public LinkSigner documentLinks() {
        return port("links", () -> new S3LinkSigner(AwsClients.s3Presigner(), Environment.require("DOCUMENTS_BUCKET")));
    }

    @Override
    public RoutingQueue routingQueue() {
        return port("routing", () -> RoutingQueue.sqs(AwsClients.sqs(), Environment.require("ROUTING_QUEUE_URL")));
    }

    @Override
    public vn.motcua.edge.DeadLetters deadLetters() {
        // built on first use: a function whose environment names no dead-letter queue never asks
        return port("deadLetters", () -> vn.motcua.edge.DeadLetters.sqs(AwsClients.sqs(), Environment.require("DEAD_LETTER_QUEUE_URL")));
    }

    @Override
    public NotificationQueue notificationQueue() {
        return port("notifications", () -> NotificationQueue.sqs(AwsClients.sqs(), Environment.require("NOTIFICATION_QUEUE_URL")));
    }

    @Override
    public UpdatesQueue updatesQueue() {
        return port("updates", () -> UpdatesQueue.sqs(AwsClients.sqs(), Environment.require("UPDATES_QUEUE_URL")));
    }

    @Override
    public DispatchQueues dispatchQueues() {
        return port("dispatch", () -> new DispatchQueues(DispatchQueues.parse(Environment.require("DISPATCH_QUEUE_URLS")),
                DispatchQueues.Sender.sqs(AwsClients.sqs())));
    }

    @Override
    public Mailer mailer() {
        return port("mailer", () -> Mailer.ses(AwsClients.sesV2(), Environment.require("SENDER_ADDRESS"),
                Environment.getOrDefault("SES_CONFIGURATION_SET", "")));
    }

    /** SNS, from the registered sender id ({@code SMS_SENDER_ID}, template parameter {@code SmsSenderId}). */
    @Override
    public Texter texter() {
        return port("texter", () -> Texter.sns(AwsClients.sns(), Environment.getOrDefault("SMS_SENDER_ID", "")));
    }

    /** The catalog names each agency's secret parameter; read only when the setting is "ssm". */
    @Override
    public DepartmentSecrets departmentSecrets() {
        return port("secrets", () -> DepartmentSecrets.fromSetting(Environment.require("DEPARTMENT_SECRETS"),
                () -> referenceData().current().catalog(), AwsClients::ssm));
    }

    @Override
    public DossierDelivery.Endpoint departmentEndpoints() { return port("endpoint", HttpEndpoint::new); }

    /** PUBLIC_ORIGIN when set (a custom domain, the local run), else the API's own origin, both from the template. */
    @Override public String publicLookupUrl() {
        return Environment.get("PUBLIC_ORIGIN").orElseGet(() -> Environment.require("API_ORIGIN"));
    }
    @Override public long maxDocumentBytes() { return DocumentUpload.maxBytes(Environment.get("MAX_DOCUMENT_BYTES")); }

    @Override
    public vn.motcua.portal.PortalAcks portalAcks() {
        return port("portalAcks", () -> new vn.motcua.store.PortalAckItems(AwsClients.dynamoDb(), dossierTable()));
    }

    /** The portal at {@code NATIONAL_PORTAL_URL}, waited for at most {@code PORTAL_TIMEOUT_SECONDS} (5) a call. */
    @Override
    public vn.motcua.portal.NationalPortal nationalPortal() {
        return port("portal", () -> new vn.motcua.portal.HttpNationalPortal(Environment.require("NATIONAL_PORTAL_URL"),
                Duration.ofSeconds(Long.parseLong(Environment.getOrDefault("PORTAL_TIMEOUT_SECONDS", "5")))));
    }

    @Override
    public vn.motcua.queues.PortalSyncQueue portalSyncQueue() {
        return port("portalQueue", () -> vn.motcua.queues.PortalSyncQueue.sqs(AwsClients.sqs(), Environment.require("PORTAL_SYNC_QUEUE_URL")));
    }

    @Override
    public DeadlineWatch.Settings watchSettings() {
        return new DeadlineWatch.Settings(
                Integer.parseInt(Environment.getOrDefault("REMINDER_LEAD_WORKING_DAYS", "2")),
                Integer.parseInt(Environment.getOrDefault("PICKUP_TOO_LONG_WORKING_DAYS", "5")),
                Duration.ofMinutes(Long.parseLong(Environment.getOrDefault("SWEEP_AGE_MINUTES", "5"))),
                Environment.require("OFFICE_ALERT_ADDRESS"), Environment.require("DESK_DIGEST_ADDRESS"));
    }
}
