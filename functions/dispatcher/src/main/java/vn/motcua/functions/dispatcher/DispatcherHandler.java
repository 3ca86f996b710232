package vn.motcua.functions.dispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import vn.motcua.contracts.Contract;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.edge.Log;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.time.Clock;
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
    private final Clock clock;

    public DispatcherHandler() {
        this(Wiring.fromEnvironment().delivery(), Wiring.fromEnvironment().ports().dispatchQueues(), Clock.systemUTC());
        Contract.DEPARTMENT_DISPATCH.preload();
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class, S3Client.class, SsmClient.class), world -> {
            var dossier = world.transferred();
            world.registered(dossier, "Đơn đề nghị.pdf");
            return new Rehearsal.Act(new DispatcherHandler(world.wiring().delivery(), world.ports().dispatchQueues(), world.ports().clock()),
                    List.of("priming/dispatcher.json"), Map.of("CODE", dossier.code().value(), "AGENCY", Rehearsal.AGENCY,
                    "QUEUE_NAME", Rehearsal.AGENCY));
        });
    }

    DispatcherHandler(DossierDelivery delivery, DispatchQueues queues, Clock clock) {
        this.delivery = delivery;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    protected void handle(QueueMessage message, Context context) throws Exception {
        var dispatch = DepartmentDispatch.parse(message.body());
        String agency = queues.agencyOfQueue(message.queueName()).orElseThrow(() -> new IllegalStateException(
                "queue " + message.queueName() + " is not a dispatch queue of DISPATCH_QUEUE_URLS"));
        var result = delivery.deliver(dispatch, agency, message.receiveCount(), clock.instant());
        var log = Log.info("dispatcher." + switch (result) {
                    case DossierDelivery.Result.Delivered d -> "delivered";
                    case DossierDelivery.Result.RetryLater r -> "retry";
                    case DossierDelivery.Result.Refused r -> "refused";
                    case DossierDelivery.Result.Skipped s -> "skipped";
                }).with("code", dispatch.dossierCode()).with("agency", agency)
                .with("dispatchId", dispatch.dispatchId()).with("attempt", message.receiveCount()).with("messageId", message.messageId());
        switch (result) {
            case DossierDelivery.Result.RetryLater retry -> {
                queues.retryLater(agency, message.receiptHandle(), retry.delay());
                log.with("retryInSeconds", retry.delay().toSeconds()).with("why", retry.why()).write();
                throw new RetryLater(retry.why());
            }
            case DossierDelivery.Result.Refused refused -> log.with("status", refused.status()).with("recorded", refused.recorded());
            case DossierDelivery.Result.Delivered delivered -> log.with("status", delivered.status());
            case DossierDelivery.Result.Skipped skipped -> log.with("why", skipped.why());
        }
        log.write();
    }
}
