package vn.motcua.functions.updates;

import com.amazonaws.services.lambda.runtime.Context;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.departments.UpdateApplier;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.store.DepartmentRejections;
import vn.motcua.store.DossierRepository;

import java.time.Clock;

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
                NotificationQueue.signed(AwsClients.sqsMessages(), Environment.require("NOTIFICATION_QUEUE_URL")),
                Clock.systemUTC(), Lifecycle.standard()));
    }

    UpdatesHandler(UpdateApplier applier) { this.applier = applier; }

    @Override
    protected void handle(QueueMessage message, Context context) {
        applier.apply(message.body(), message.attributes(), message.messageId(), message.receiveCount());
    }
}
