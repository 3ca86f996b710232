package vn.motcua.queues;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import vn.motcua.contracts.DepartmentUpdate;

import java.time.Instant;
import java.util.Map;

/**
 * Where the updates endpoint puts a checked department update (the updates queue, read by the
 * updates function). The body goes as it was signed; who sent it and when it arrived travel beside
 * it as message attributes, set from the verified key and the endpoint's clock, never from the body.
 * A failure to send throws.
 */
@FunctionalInterface
public interface UpdatesQueue {

    /** When the desk received the update: the time the lifecycle judges it by (not the department's sentAt). */
    String RECEIVED_AT_ATTRIBUTE = "receivedAt";

    void send(String agencyId, Instant receivedAt, String body);

    /** The SQS queue at {@code queueUrl}. */
    static UpdatesQueue sqs(SqsClient sqs, String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) throw new IllegalArgumentException("which updates queue?");
        return (agencyId, receivedAt, body) -> sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of(
                DepartmentUpdate.AGENCY_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(agencyId).build(),
                RECEIVED_AT_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(receivedAt.toString()).build())));
    }
}
