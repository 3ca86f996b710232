package vn.motcua.functions.updates;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.departments.UpdateApplier;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Map;

/**
 * The updates queue's consumer: applies each department update to its dossier ({@link UpdateApplier}:
 * once per event id, refusals recorded and done, transient failures retried) and reports the
 * messages that failed, alone, as partial batch failures.
 */
public final class UpdatesHandler extends QueueFunction {

    private final UpdateApplier applier;

    public UpdatesHandler() {
        this(Wiring.fromEnvironment().updateApplier());
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class), world -> new Rehearsal.Act(
                new UpdatesHandler(world.wiring().updateApplier()), List.of("priming/updates.json"),
                Map.of("CODE", world.transferred().code().value(), "AGENCY", Rehearsal.AGENCY)));
    }

    UpdatesHandler(UpdateApplier applier) { this.applier = applier; }

    @Override
    protected void handle(QueueMessage message, Context context) {
        applier.apply(message.body(), message.attributes(), message.messageId(), message.receiveCount());
    }
}
