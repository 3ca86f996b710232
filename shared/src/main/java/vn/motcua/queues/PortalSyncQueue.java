package vn.motcua.queues;

import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.Json;

import java.time.Duration;

/**
 * The national portal's sync queue: a message names a dossier whose owed changes the sync sends (a nudge after a
 * write, or an owed change re-queued by the sweep). A failure to send throws.
 */
public interface PortalSyncQueue {

    void send(String body);

    /** Hides a received message for {@code delay}: the portal was down, the message comes back then. */
    void retryLater(String receiptHandle, Duration delay);

    /** The message that wakes the sync for a dossier. */
    static String nudge(DossierCode code) { return Json.write(Json.object().put("dossierCode", code.value())); }

    /** The SQS queue at {@code queueUrl}. */
    static PortalSyncQueue sqs(SqsClient sqs, String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) throw new IllegalArgumentException("which portal sync queue?");
        return new PortalSyncQueue() {
            @Override public void send(String body) { sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body)); }

            @Override
            public void retryLater(String receiptHandle, Duration delay) {
                sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout((int) delay.toSeconds()));
            }
        };
    }
}
