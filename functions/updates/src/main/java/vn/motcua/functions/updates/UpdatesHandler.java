package vn.motcua.functions.updates;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.departments.UpdateApplier;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.store.DepartmentRejections;
import vn.motcua.store.DossierRepository;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The updates queue's consumer: applies each department update to its dossier ({@link UpdateApplier}:
 * once per event id, refusals recorded and done, transient failures retried) and reports the
 * messages that failed, alone, as partial batch failures.
 */
public final class UpdatesHandler extends QueueFunction {

    private final UpdateApplier applier;

    public UpdatesHandler() {
        this(new UpdateApplier(
                new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                new DepartmentRejections(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                NotificationQueue.sqs(AwsClients.sqs(), Environment.require("NOTIFICATION_QUEUE_URL")),
                Clock.systemUTC(), Lifecycle.standard()));
        // the canned message lacks the endpoint's agency attribute, so it is refused before anything is recorded;
        // the update's schema check runs on its own
        Priming.register("UpdatesHandler", List.of(DynamoDbClient.class, SqsClient.class), () -> {
            Priming.invoke(this, Priming.canned(getClass(), "priming/updates.json"));
            DepartmentUpdate.parse(new String(Priming.canned(getClass(), "priming/update.json"), StandardCharsets.UTF_8));
        });
    }

    UpdatesHandler(UpdateApplier applier) { this.applier = applier; }

    @Override
    protected void handle(QueueMessage message, Context context) {
        applier.apply(message.body(), message.attributes(), message.messageId(), message.receiveCount());
    }
}
