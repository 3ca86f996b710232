package vn.motcua.functions.dispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.S3Links;
import vn.motcua.aws.SqsMessages;
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
    private final SqsMessages sqs;
    private final Clock clock;

    public DispatcherHandler() {
        this(delivery(), new DispatchQueues(DispatchQueues.parse(Environment.require("DISPATCH_QUEUE_URLS")),
                DispatchQueues.Sender.signed(AwsClients.sqsMessages())), AwsClients.sqsMessages(), Clock.systemUTC());
        Contract.DEPARTMENT_DISPATCH.preload();
    }

    DispatcherHandler(DossierDelivery delivery, DispatchQueues queues, SqsMessages sqs, Clock clock) {
        this.delivery = delivery;
        this.queues = queues;
        this.sqs = sqs;
        this.clock = clock;
    }

    private static DossierDelivery delivery() {
        var reference = new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC());
        var secrets = DepartmentSecrets.fromSetting(Environment.require("DEPARTMENT_SECRETS"), () -> reference.current().catalog(),
                AwsClients::ssmParameters);
        return new DossierDelivery(new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                () -> reference.current().catalog(), secrets, presigned(AwsClients.s3Links(), Environment.require("DOCUMENTS_BUCKET")),
                new HttpEndpoint(), Lifecycle.standard());
    }

    /** Download links presigned with this function's read-only rights on dossiers/. */
    static DossierDelivery.Links presigned(S3Links links, String bucket) {
        return (document, expiresAt) -> {
            var link = links.download(bucket, document.key(), null, DossierDelivery.LINK_LIFETIME);
            return DepartmentCallback.Document.of(document, DossierDelivery.contentType(document.key()), link.url(), expiresAt);
        };
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
            sqs.changeVisibility(url, message.receiptHandle(), (int) retry.delay().toSeconds());
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
