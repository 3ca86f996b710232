package vn.motcua.wiring;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.motcua.aws.Lazy;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.notices.Email;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.Sms;
import vn.motcua.notices.Texter;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.CodeCounters;
import vn.motcua.store.InMemoryDossiers;
import vn.motcua.store.InMemoryRejections;
import vn.motcua.store.InMemorySeenMessages;
import vn.motcua.store.InMemorySentNotices;
import vn.motcua.store.InMemoryRatings;
import vn.motcua.store.InMemoryUploadedFiles;
import vn.motcua.store.LinkSigner;
import vn.motcua.store.ReferenceData;
import vn.motcua.store.S3LinkSigner;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every port in memory: the dossier table's records ({@link InMemoryDossiers} and its siblings), the queues
 * as lists of what was sent, mail kept in an outbox, department endpoints that answer 200 and keep what they
 * were sent, links signed with fixed offline credentials (signing makes no call). Production code: SnapStart
 * priming runs each function's use case on these ports ({@link Rehearsal}), and the services' unit tests do.
 * What was sent is readable for both ({@link #routed()}, {@link #notified()}...).
 */
public final class InMemoryPorts implements Ports {

    /** The documents bucket's name in memory. */
    public static final String BUCKET = "documents";
    /** A department endpoint's answer, and what it was sent. */
    public record Delivery(URI url, Map<String, String> headers, String body) {}
    /** An update on the updates queue. */
    public record QueuedUpdate(String agencyId, Instant receivedAt, String body) {}

    private final Clock clock;
    private final ReferenceData.Snapshot reference;
    private final Map<String, byte[]> secrets;
    private final InMemoryDossiers dossiers = new InMemoryDossiers();
    private final CodeCounters codes = CodeCounters.inMemory();
    private final InMemorySentNotices notices = new InMemorySentNotices();
    private final InMemoryRatings ratings = new InMemoryRatings();
    private final InMemorySeenMessages messages = new InMemorySeenMessages();
    private final InMemoryRejections rejections = new InMemoryRejections();
    private final InMemoryUploadedFiles files = new InMemoryUploadedFiles();
    private final List<RoutingJob> routed = Collections.synchronizedList(new ArrayList<>());
    private final List<NotificationJob> notified = Collections.synchronizedList(new ArrayList<>());
    private final List<QueuedUpdate> updates = Collections.synchronizedList(new ArrayList<>());
    private final List<DepartmentDispatch> dispatched = Collections.synchronizedList(new ArrayList<>());
    private final List<Email> mailed = Collections.synchronizedList(new ArrayList<>());
    private final List<Sms> texted = Collections.synchronizedList(new ArrayList<>());
    private final List<Delivery> delivered = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private final vn.motcua.store.InMemoryPortalAcks portalAcks = new vn.motcua.store.InMemoryPortalAcks();
    private final List<vn.motcua.portal.PortalRecord> portalRecords = Collections.synchronizedList(new ArrayList<>());
    private final List<String> portalQueued = Collections.synchronizedList(new ArrayList<>());
    private final Lazy<LinkSigner> links = new Lazy<>(InMemoryPorts::offlineLinks);
    private final Lazy<DispatchQueues> dispatch;

    /**
     * @param reference the reference data the use cases see
     * @param secrets   each department's signing secret, by agency id
     */
    public InMemoryPorts(Clock clock, ReferenceData.Snapshot reference, Map<String, String> secrets) {
        this.clock = clock;
        this.reference = reference;
        var bytes = new LinkedHashMap<String, byte[]>();
        secrets.forEach((agency, secret) -> bytes.put(agency, secret.getBytes(StandardCharsets.UTF_8)));
        this.secrets = Map.copyOf(bytes);
        // one queue per agency of the catalog, as DISPATCH_QUEUE_URLS names them
        this.dispatch = new Lazy<>(() -> {
            var urls = new LinkedHashMap<String, String>();
            reference.catalog().agencies().forEach(a -> urls.put(a.id(), "memory://dispatch/" + a.id()));
            return new DispatchQueues(urls, new DispatchQueues.Sender() {
                @Override public void send(String queueUrl, DepartmentDispatch d) { dispatched.add(d); }
                @Override public void retryLater(String queueUrl, String receiptHandle, Duration delay) { }
            });
        });
    }

    /** Signs as the S3 presigner does, with fixed credentials of no account: the links open nothing. */
    private static LinkSigner offlineLinks() {
        var presigner = S3Presigner.builder().region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMEMORY000000", "in-memory-links-sign-nothing")))
                .endpointOverride(URI.create("https://s3.memory.invalid")).build();
        return new S3LinkSigner(presigner, BUCKET);
    }

    @Override public Clock clock() { return clock; }
    @Override public Supplier<ReferenceData.Snapshot> reference() { return () -> reference; }
    @Override public InMemoryDossiers dossiers() { return dossiers; }
    @Override public CodeCounters codeCounters() { return codes; }
    @Override public InMemorySentNotices sentNotices() { return notices; }
    @Override public InMemoryRatings ratings() { return ratings; }
    @Override public InMemorySeenMessages seenMessages() { return messages; }
    @Override public InMemoryRejections rejections() { return rejections; }
    @Override public InMemoryUploadedFiles uploadedFiles() { return files; }
    @Override public LinkSigner documentLinks() { return links.get(); }
    @Override public RoutingQueue routingQueue() { return routed::add; }
    @Override public NotificationQueue notificationQueue() { return notified::add; }
    @Override public UpdatesQueue updatesQueue() { return (agency, at, body) -> updates.add(new QueuedUpdate(agency, at, body)); }
    @Override public DispatchQueues dispatchQueues() { return dispatch.get(); }
    @Override public vn.motcua.edge.DeadLetters deadLetters() { return (message, reason) -> deadLettered.add(message.body()); }

    /** Bodies of messages sent to a dead-letter queue, oldest first. */
    public List<String> deadLettered() { return List.copyOf(deadLettered); }
    @Override public Mailer mailer() { return email -> { mailed.add(email); return "memory-" + mailed.size(); }; }
    @Override public Texter texter() { return sms -> { texted.add(sms); return "memory-sms-" + texted.size(); }; }
    @Override public DepartmentSecrets departmentSecrets() { return agency -> Optional.ofNullable(secrets.get(agency)).map(byte[]::clone); }

    @Override
    public DossierDelivery.Endpoint departmentEndpoints() {
        return (url, headers, body, timeout) -> {
            delivered.add(new Delivery(url, Map.copyOf(headers), new String(body, StandardCharsets.UTF_8)));
            return new DossierDelivery.Answer(200, "{}");
        };
    }

    @Override public String publicLookupUrl() { return "https://motcua.invalid"; }
    @Override public long maxDocumentBytes() { return DocumentUpload.DEFAULT_MAX_BYTES; }

    @Override
    public DeadlineWatch.Settings watchSettings() {
        return new DeadlineWatch.Settings(2, 5, Duration.ofMinutes(5), "van-phong@motcua.invalid", "quay@motcua.invalid");
    }

    @Override public vn.motcua.store.InMemoryPortalAcks portalAcks() { return portalAcks; }

    /** A portal that accepts every record and holds what it was sent. */
    @Override
    public vn.motcua.portal.NationalPortal nationalPortal() {
        return new vn.motcua.portal.NationalPortal() {
            @Override
            public Answer send(vn.motcua.portal.PortalRecord record) {
                portalRecords.add(record);
                return new Answer.Accepted("{\"KetQua\":\"OK\"}");
            }

            @Override
            public List<Held> holdings(vn.motcua.domain.dossier.DossierCode code) {
                return portalRecords.stream().filter(r -> r.dossierCode().equals(code.value())).map(r -> new Held(r.seq(), r.status())).toList();
            }
        };
    }

    @Override
    public vn.motcua.queues.PortalSyncQueue portalSyncQueue() {
        return new vn.motcua.queues.PortalSyncQueue() {
            @Override public void send(String body) { portalQueued.add(body); }
            @Override public void retryLater(String receiptHandle, Duration delay) { }
        };
    }

    /** Records sent to the national portal, oldest first. */
    public List<vn.motcua.portal.PortalRecord> portalRecords() { return List.copyOf(portalRecords); }

    /** Messages put on the portal sync queue, oldest first. */
    public List<String> portalQueued() { return List.copyOf(portalQueued); }

    /** Routing jobs sent, oldest first. */
    public List<RoutingJob> routed() { return List.copyOf(routed); }

    /** Notification jobs sent, oldest first. */
    public List<NotificationJob> notified() { return List.copyOf(notified); }

    /** Department updates queued, oldest first. */
    public List<QueuedUpdate> updatesQueued() { return List.copyOf(updates); }

    /** Dispatches put on a department's queue, oldest first. */
    public List<DepartmentDispatch> dispatched() { return List.copyOf(dispatched); }

    /** Mail sent, oldest first. */
    public List<Email> mailed() { return List.copyOf(mailed); }

    /** The SMS sent. */
    public List<Sms> texted() { return List.copyOf(texted); }

    /** Callbacks posted to department endpoints, oldest first. */
    public List<Delivery> delivered() { return List.copyOf(delivered); }

    /** What the use cases wrote and sent, in a few words (what priming reports it did). */
    public String summary() {
        return "items=" + dossiers.size() + " notices=" + notices.all().size() + " rejections=" + rejections.all().size()
                + " routed=" + routed.size() + " notified=" + notified.size() + " updates=" + updates.size()
                + " dispatched=" + dispatched.size() + " mailed=" + mailed.size() + " delivered=" + delivered.size();
    }
}
