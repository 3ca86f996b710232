package vn.motcua.functions.portalsync;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.edge.Log;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.portal.NationalPortal;
import vn.motcua.portal.PortalChange;
import vn.motcua.portal.PortalOwes;
import vn.motcua.portal.PortalSync;
import vn.motcua.queues.PortalSyncQueue;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The portal sync queue -> the national public service portal ({@link PortalSync}): a message names a dossier (a nudge
 * after a change, or an owed change the sweep re-queued); the dossier's outbox says what to send, lowest sequence first,
 * so duplicate and reordered messages do no harm. The portal down or too slow: the message's visibility is set to a
 * growing delay and it fails in the batch, so SQS, not a sleeping function, waits; after the queue's maxReceiveCount it
 * goes to the dead-letter queue, and the sweep sends what is still owed again. A message that names no dossier goes
 * straight to the dead-letter queue.
 */
public final class PortalSyncHandler extends QueueFunction {

    /** A message that must come back later; not an error, so logged as a warning without a stack. */
    static final class RetryLater extends RuntimeException {
        RetryLater(String why) { super(why, null, false, false); }
    }

    /** The first retry's delay; it doubles with every receive, up to {@link #MAX_DELAY}. */
    static final Duration FIRST_DELAY = Duration.ofSeconds(5), MAX_DELAY = Duration.ofMinutes(5);

    private final PortalSync sync;
    private final PortalSyncQueue queue;
    private final vn.motcua.edge.DeadLetters deadLetters;

    public PortalSyncHandler() {
        this(Wiring.fromEnvironment().portalSync(), Wiring.fromEnvironment().ports().portalSyncQueue(), Wiring.fromEnvironment().ports().deadLetters());
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class), world -> {
            var dossier = world.received();
            world.ports().dossiers().settle(dossier.code(), OutboxChange.owing(PortalOwes.owedBy(null, dossier)));
            return new Rehearsal.Act(new PortalSyncHandler(world.wiring().portalSync(), world.ports().portalSyncQueue(), world.ports().deadLetters()),
                    List.of("priming/portal-sync.json"), Map.of("CODE", dossier.code().value()));
        });
    }

    PortalSyncHandler(PortalSync sync, PortalSyncQueue queue, vn.motcua.edge.DeadLetters deadLetters) {
        this.sync = sync;
        this.queue = queue;
        this.deadLetters = deadLetters;
    }

    @Override
    protected vn.motcua.edge.DeadLetters deadLetters() { return deadLetters; }

    @Override
    protected void handle(QueueMessage message, Context context) throws Exception {
        var code = PortalChange.codeOf(message.body());
        try {
            int sent = sync.handle(code);
            Log.info("portal.sync.done").with("dossier", code.value()).with("sent", sent).with("messageId", message.messageId()).write();
        } catch (NationalPortal.Unavailable | PortalSync.Busy e) {
            var delay = delay(message.receiveCount());
            queue.retryLater(message.receiptHandle(), delay);
            Log.warn("portal.sync.retry").with("dossier", code.value()).with("attempt", message.receiveCount())
                    .with("retryInSeconds", delay.toSeconds()).with("why", e.getMessage()).write();
            throw new RetryLater(e.getMessage());
        }
    }

    static Duration delay(int receiveCount) {
        var delay = FIRST_DELAY.multipliedBy(1L << Math.min(Math.max(receiveCount - 1, 0), 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
