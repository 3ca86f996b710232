package vn.motcua.wiring;

import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Lazy;
import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.departments.HttpEndpoint;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.notices.Mailer;
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
import vn.motcua.store.S3LinkSigner;
import vn.motcua.store.S3UploadedFiles;
import vn.motcua.store.SeenMessages;
import vn.motcua.store.SentNotices;
import vn.motcua.store.UploadedFiles;

import java.time.Clock;
import java.time.Duration;
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
    private final Lazy<ReferenceData> reference;
    private final Lazy<DossierRepository> dossiers = new Lazy<>(() -> new DossierRepository(AwsClients.dynamoDb(), dossierTable()));
    private final Lazy<DossierCodes> codes = new Lazy<>(() -> new DossierCodes(AwsClients.dynamoDb(), dossierTable()));
    private final Lazy<NoticeLedger> notices = new Lazy<>(() -> new NoticeLedger(AwsClients.dynamoDb(), dossierTable()));
    private final Lazy<DepartmentMessages> messages = new Lazy<>(() -> new DepartmentMessages(AwsClients.dynamoDb(), dossierTable()));
    private final Lazy<DepartmentRejections> rejections = new Lazy<>(() -> new DepartmentRejections(AwsClients.dynamoDb(), dossierTable()));
    private final Lazy<UploadedFiles> files = new Lazy<>(() -> new S3UploadedFiles(AwsClients.s3()));
    private final Lazy<LinkSigner> links = new Lazy<>(() -> new S3LinkSigner(AwsClients.s3Presigner(), Environment.require("DOCUMENTS_BUCKET")));
    private final Lazy<RoutingQueue> routing = new Lazy<>(() -> RoutingQueue.sqs(AwsClients.sqs(), Environment.require("ROUTING_QUEUE_URL")));
    private final Lazy<NotificationQueue> notifications =
            new Lazy<>(() -> NotificationQueue.sqs(AwsClients.sqs(), Environment.require("NOTIFICATION_QUEUE_URL")));
    private final Lazy<UpdatesQueue> updates = new Lazy<>(() -> UpdatesQueue.sqs(AwsClients.sqs(), Environment.require("UPDATES_QUEUE_URL")));
    private final Lazy<DispatchQueues> dispatch = new Lazy<>(() -> new DispatchQueues(
            DispatchQueues.parse(Environment.require("DISPATCH_QUEUE_URLS")), DispatchQueues.Sender.sqs(AwsClients.sqs())));
    private final Lazy<Mailer> mailer = new Lazy<>(() -> Mailer.ses(AwsClients.sesV2(), Environment.require("SENDER_ADDRESS"),
            Environment.getOrDefault("SES_CONFIGURATION_SET", "")));
    private final Lazy<DepartmentSecrets> secrets;
    private final Lazy<DossierDelivery.Endpoint> endpoint = new Lazy<>(HttpEndpoint::new);

    public AwsPorts(Clock clock) {
        this.clock = clock;
        this.reference = new Lazy<>(() -> new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), REFERENCE_MAX_AGE, clock));
        // the catalog names each agency's secret parameter; read only when the setting is "ssm"
        this.secrets = new Lazy<>(() -> DepartmentSecrets.fromSetting(Environment.require("DEPARTMENT_SECRETS"),
                () -> reference.get().current().catalog(), AwsClients::ssm));
    }

    private static String dossierTable() { return Environment.require("DOSSIER_TABLE"); }

    /**
     * Reads what the function's snapshot should carry, before SnapStart takes it: the reference data, when a
     * use case of the function reads it (a read of the catalog table, never a write).
     */
    void loadForSnapshot() {
        if (reference.isBuilt()) reference.get().current();
    }

    @Override public Clock clock() { return clock; }
    @Override public Supplier<ReferenceData.Snapshot> reference() { var data = reference.get(); return data::current; }
    @Override public Dossiers dossiers() { return dossiers.get(); }
    @Override public CodeCounters codeCounters() { return codes.get(); }
    @Override public SentNotices sentNotices() { return notices.get(); }
    @Override public SeenMessages seenMessages() { return messages.get(); }
    @Override public Rejections rejections() { return rejections.get(); }
    @Override public UploadedFiles uploadedFiles() { return files.get(); }
    @Override public LinkSigner documentLinks() { return links.get(); }
    @Override public RoutingQueue routingQueue() { return routing.get(); }
    @Override public NotificationQueue notificationQueue() { return notifications.get(); }
    @Override public UpdatesQueue updatesQueue() { return updates.get(); }
    @Override public DispatchQueues dispatchQueues() { return dispatch.get(); }
    @Override public Mailer mailer() { return mailer.get(); }
    @Override public DepartmentSecrets departmentSecrets() { return secrets.get(); }
    @Override public DossierDelivery.Endpoint departmentEndpoints() { return endpoint.get(); }
    @Override public String publicLookupUrl() { return Environment.require("PUBLIC_LOOKUP_URL"); }
    @Override public long maxDocumentBytes() { return DocumentUpload.maxBytes(Environment.get("MAX_DOCUMENT_BYTES")); }

    @Override
    public DeadlineWatch.Settings watchSettings() {
        return new DeadlineWatch.Settings(
                Integer.parseInt(Environment.getOrDefault("REMINDER_LEAD_WORKING_DAYS", "2")),
                Integer.parseInt(Environment.getOrDefault("PICKUP_TOO_LONG_WORKING_DAYS", "5")),
                Duration.ofMinutes(Long.parseLong(Environment.getOrDefault("SWEEP_AGE_MINUTES", "5"))),
                Environment.require("OFFICE_ALERT_ADDRESS"), Environment.require("DESK_DIGEST_ADDRESS"));
    }
}
