package vn.motcua.functions.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.notices.Notifier;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Map;

/**
 * Notification queue -> the applicant's email and SMS: one {@link NotificationJob} per message, handled by
 * {@link Notifier} (one email and one SMS per dossier and event, recorded beside the dossier). A message that
 * throws (SES or SNS throttled or down, another delivery sending the same notice) goes back to the queue
 * alone, after the other channel had its turn, and, after the queue's maxReceiveCount, to its dead-letter queue.
 */
public final class NotifierHandler extends QueueFunction {

    private final Notifier notifier;

    public NotifierHandler() {
        this(Wiring.fromEnvironment().notifier());
        Rehearsal.register(this, List.of(DynamoDbClient.class, SesV2Client.class, SnsClient.class), world -> {
            var dossier = world.received();
            return new Rehearsal.Act(new NotifierHandler(world.wiring().notifier()), List.of("priming/notifier.json"),
                    Map.of("CODE", dossier.code().value(), "EVENT_ID", dossier.history().get(0).eventId()));
        });
    }

    NotifierHandler(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    protected void handle(QueueMessage message, Context context) throws Exception {
        notifier.handle(NotificationJob.parse(message.body()));
    }
}
