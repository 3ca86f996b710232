package vn.motcua.queues;

import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.contracts.NotificationJob;

/**
 * Where notification jobs go (the notification queue, read by the notifier). Every function that
 * applies an event to a dossier sends {@link NotificationJob#after} for it; the notifier decides
 * whether the applicant hears of it. A failure to send throws.
 */
@FunctionalInterface
public interface NotificationQueue {

    void send(NotificationJob job);

    /** The SQS queue at {@code queueUrl}, through the SDK's client. */
    static NotificationQueue sqs(SqsClient sqs, String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) throw new IllegalArgumentException("which notification queue?");
        return job -> sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(job.toJson()));
    }
}
