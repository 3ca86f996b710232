package vn.motcua.edge;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.LinkedHashMap;

/**
 * Where a queue consumer puts a message that can never succeed (malformed: retrying it changes nothing) at once: the
 * consumed queue's own dead-letter queue, which an operator already watches (its depth alarm) and redrives. Lambda's SQS
 * event source has no way to dead-letter one record: reported as a batch item failure, a malformed message would be
 * retried {@code maxReceiveCount} times, minutes apart, like a transient failure; reported done, it would be lost.
 * So the consumer sends it to the dead-letter queue itself and then reports it done ({@link QueueFunction}).
 */
@FunctionalInterface
public interface DeadLetters {

    /** Message attributes the parked copy carries: why, and the original message's id. */
    String REASON_ATTRIBUTE = "motcua-dead-letter-reason", MESSAGE_ID_ATTRIBUTE = "motcua-original-message-id";

    /** Sends the message (body and attributes) to the dead-letter queue with {@code reason}; throws when it cannot. */
    void park(QueueMessage message, String reason);

    /** The dead-letter queue at {@code url}, through the SDK. */
    static DeadLetters sqs(SqsClient sqs, String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("which dead-letter queue?");
        return (message, reason) -> {
            var attributes = new LinkedHashMap<String, MessageAttributeValue>();
            message.attributes().forEach((k, v) -> attributes.put(k, text(v)));
            attributes.put(REASON_ATTRIBUTE, text(reason.length() > 500 ? reason.substring(0, 500) : reason));
            attributes.put(MESSAGE_ID_ATTRIBUTE, text(message.messageId()));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(message.body()).messageAttributes(attributes));
        };
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value == null || value.isEmpty() ? "-" : value).build();
    }
}
