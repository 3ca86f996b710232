package vn.motcua.edge;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SQS record of a Lambda SQS event: what consumers use of it.
 *
 * @param receiptHandle for a consumer that changes the message's visibility itself (a growing retry delay)
 */
public record QueueMessage(String messageId, String body, int receiveCount, String sourceArn, Map<String, String> attributes,
                           String receiptHandle) {

    static QueueMessage from(JsonNode record) {
        var attributes = new LinkedHashMap<String, String>();
        record.path("messageAttributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().path("stringValue").asText()));
        return new QueueMessage(
                record.path("messageId").asText(),
                record.path("body").asText(""),
                record.path("attributes").path("ApproximateReceiveCount").asInt(1),
                record.path("eventSourceARN").asText(""),
                Collections.unmodifiableMap(attributes),
                record.path("receiptHandle").asText(""));
    }

    /** The queue's name, the last part of its ARN. */
    public String queueName() {
        int colon = sourceArn.lastIndexOf(':');
        return colon < 0 ? sourceArn : sourceArn.substring(colon + 1);
    }
}
