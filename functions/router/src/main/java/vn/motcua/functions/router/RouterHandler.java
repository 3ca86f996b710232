package vn.motcua.functions.router;

import com.amazonaws.services.lambda.runtime.Context;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.contracts.Contract;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierRouter;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.Log;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.store.DossierRepository;

import java.time.Clock;

/**
 * Routing queue -> router: each job transfers its dossier to the competent department and puts a
 * dispatch on that department's queue ({@link DossierRouter}). A message that cannot be read, or whose
 * dossier or queue is missing, fails alone and, after the queue's maxReceiveCount, rests in the routing
 * dead-letter queue (alarmed).
 */
public final class RouterHandler extends QueueFunction {

    private final DossierRouter router;
    private final Clock clock;

    public RouterHandler() {
        this(new DossierRouter(new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                        new DispatchQueues(DispatchQueues.parse(Environment.require("DISPATCH_QUEUE_URLS")),
                                DispatchQueues.Sender.sqs(AwsClients.sqs())),
                        NotificationQueue.sqs(AwsClients.sqs(), Environment.require("NOTIFICATION_QUEUE_URL")),
                        Lifecycle.standard()),
                Clock.systemUTC());
        Contract.ROUTING_JOB.preload();
        vn.motcua.aws.Priming.register(this, "priming/router.json", java.util.List.of(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.class, software.amazon.awssdk.services.sqs.SqsClient.class));
    }

    RouterHandler(DossierRouter router, Clock clock) {
        this.router = router;
        this.clock = clock;
    }

    @Override
    protected void handle(QueueMessage message, Context context) throws Exception {
        var job = RoutingJob.parse(message.body());
        var result = router.route(job, clock.instant());
        Log.info("router." + result.outcome().name().toLowerCase(java.util.Locale.ROOT)).with("code", job.dossierCode())
                .with("jobId", job.jobId()).with("agency", result.agencyId()).with("dispatchId", result.dispatchId())
                .with("why", result.why().isEmpty() ? null : result.why()).with("messageId", message.messageId()).write();
    }
}
