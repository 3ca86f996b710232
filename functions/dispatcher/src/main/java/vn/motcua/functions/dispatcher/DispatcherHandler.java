package vn.motcua.functions.dispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.contracts.Contract;
import vn.motcua.contracts.DepartmentCallback;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.Log;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A department's dispatch queue -> dispatcher -> the department's endpoint ({@link DossierDelivery}).
 * One function for every department, with one event source per queue: the queue a message came
 * through says which department it is for. A callback to retry fails its message in the batch after
 * setting the message's visibility to the growing delay, so SQS, not a sleeping function, waits.
 */
public final class DispatcherHandler extends QueueFunction {

    /** A message that must come back later; not an error, so logged as a warning without a stack. */
    static final class RetryLater extends RuntimeException {
        RetryLater(String why) { super(why, null, false, false); }
    }

    private final DossierDelivery delivery;
    private final DispatchQueues queues;
    private final SqsClient sqs;
    private final Clock clock;

    public DispatcherHandler() {
        this(delivery(), new DispatchQueues(DispatchQueues.parse(Environment.require("DISPATCH_QUEUE_URLS")),
                DispatchQueues.Sender.sqs(AwsClients.sqs())), AwsClients.sqs(), Clock.systemUTC());
        Contract.DEPARTMENT_DISPATCH.preload();
        // a dispatch for a dossier that does not exist, through the first department's queue: read, then failed
        String agency = queues.urls().keySet().iterator().next();
        String url = queues.urls().get(agency);
        Priming.register(this, "priming/dispatcher.json", Map.of("AGENCY", agency, "QUEUE_NAME", url.substring(url.lastIndexOf('/') + 1)),
                List.of(DynamoDbClient.class, SqsClient.class, S3Client.class, SsmClient.class));
    }

    DispatcherHandler(DossierDelivery delivery, DispatchQueues queues, SqsClient sqs, Clock clock) {
        this.delivery = delivery;
        this.queues = queues;
        this.sqs = sqs;
        this.clock = clock;
    }

    private static DossierDelivery delivery() {
        var reference = new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC());
        var secrets = DepartmentSecrets.fromSetting(Environment.require("DEPARTMENT_SECRETS"), () -> reference.current().catalog(),
                AwsClients::ssm);
        return new DossierDelivery(new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                () -> reference.current().catalog(), secrets, presigned(AwsClients.s3Presigner(), Environment.require("DOCUMENTS_BUCKET")),
                new HttpEndpoint(), Lifecycle.standard());
    }

    /** Download links presigned with this function's read-only rights on dossiers/. */
    static DossierDelivery.Links presigned(S3Presigner presigner, String bucket) {
        return (document, expiresAt) -> {
            var link = presigner.presignGetObject(p -> p.signatureDuration(DossierDelivery.LINK_LIFETIME)
                    .getObjectRequest(g -> g.bucket(bucket).key(document.key())));
            return DepartmentCallback.Document.of(document, DossierDelivery.contentType(document.key()), toUri(link.url()), expiresAt);
        };
    }

    private static java.net.URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the presigner made a malformed link", e);
        }
    }

    @Override
    protected void handle(QueueMessage message, Context context) throws Exception {
        var dispatch = DepartmentDispatch.parse(message.body());
        String agency = queues.agencyOfQueue(message.queueName()).orElseThrow(() -> new IllegalStateException(
                "queue " + message.queueName() + " is not a dispatch queue of DISPATCH_QUEUE_URLS"));
        var result = delivery.deliver(dispatch, agency, message.receiveCount(), clock.instant());
        var log = Log.info("dispatcher." + outcome(result)).with("code", dispatch.dossierCode()).with("agency", agency)
                .with("dispatchId", dispatch.dispatchId()).with("attempt", message.receiveCount()).with("messageId", message.messageId());
        if (result instanceof DossierDelivery.Result.RetryLater retry) {
            String url = queues.urlOf(agency).orElseThrow();
            sqs.changeMessageVisibility(v -> v.queueUrl(url).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) retry.delay().toSeconds()));
            log.with("retryInSeconds", retry.delay().toSeconds()).with("why", retry.why()).write();
            throw new RetryLater(retry.why());
        }
        if (result instanceof DossierDelivery.Result.Refused refused) log.with("status", refused.status()).with("recorded", refused.recorded());
        if (result instanceof DossierDelivery.Result.Delivered delivered) log.with("status", delivered.status());
        if (result instanceof DossierDelivery.Result.Skipped skipped) log.with("why", skipped.why());
        log.write();
    }

    private static String outcome(DossierDelivery.Result result) {
        if (result instanceof DossierDelivery.Result.Delivered) return "delivered";
        if (result instanceof DossierDelivery.Result.RetryLater) return "retry";
        if (result instanceof DossierDelivery.Result.Refused) return "refused";
        return "skipped";
    }
}
