package vn.motcua.functions.router;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.contracts.Contract;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.departments.DossierRouter;
import vn.motcua.edge.DeadLetters;
import vn.motcua.edge.Log;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Routing queue -> router: each job transfers its dossier to the competent department and puts a
 * dispatch on that department's queue ({@link DossierRouter}). A message that cannot be read, or whose
 * dossier or queue is missing, fails alone and, after the queue's maxReceiveCount, rests in the routing
 * dead-letter queue (alarmed).
 */
public final class RouterHandler extends QueueFunction {

    private final DossierRouter router;
    private final Clock clock;
    private final DeadLetters deadLetters;

    public RouterHandler() {
        this(Wiring.fromEnvironment().router(), Clock.systemUTC(), Wiring.fromEnvironment().ports().deadLetters());
        Contract.ROUTING_JOB.preload();
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class), world ->
                world.act(new RouterHandler(world.wiring().router(), world.ports().clock(), world.ports().deadLetters()),
                        "priming/router.json", world.received()));
    }

    RouterHandler(DossierRouter router, Clock clock, DeadLetters deadLetters) {
        this.router = router;
        this.clock = clock;
        this.deadLetters = deadLetters;
    }

    /** A routing job that cannot be read goes to the routing dead-letter queue at once. */
    @Override
    protected DeadLetters deadLetters() { return deadLetters; }

    @Override
    protected void handle(QueueMessage message, Context context) throws Exception {
        var job = RoutingJob.parse(message.body());
        var result = router.route(job, clock.instant());
        Log.info("router." + result.outcome().name().toLowerCase(Locale.ROOT)).with("code", job.dossierCode())
                .with("jobId", job.jobId()).with("agency", result.agencyId()).with("dispatchId", result.dispatchId())
                .with("why", result.why().isEmpty() ? null : result.why()).with("messageId", message.messageId()).write();
    }
}
