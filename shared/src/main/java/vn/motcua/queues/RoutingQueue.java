package vn.motcua.queues;

import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.contracts.RoutingJob;

/** Where routing jobs go (the routing queue); a failure to send throws. */
@FunctionalInterface
public interface RoutingQueue {

    void send(RoutingJob job);

    /** The SQS queue at {@code queueUrl}. */
    static RoutingQueue sqs(SqsClient sqs, String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) throw new IllegalArgumentException("which routing queue?");
        return job -> sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(job.toJson()));
    }
}
