package vn.motcua.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * SQS's {@code SendMessage} and {@code ChangeMessageVisibility} as signed awsJson1_0 calls (POST / with
 * {@code X-Amz-Target: AmazonSQS.<Operation>}) instead of the SQS module (0.7 MiB): the only SQS calls a
 * function makes itself (Lambda's event source does the receiving and deleting). Endpoint
 * {@code https://sqs.<region>.amazonaws.com} or {@code AWS_ENDPOINT_URL_SQS}.
 */
public final class SqsMessages implements AutoCloseable {

    private final SignedJson calls;

    SqsMessages(AwsSettings settings) {
        this.calls = new SignedJson(settings, AwsSettings.SQS, "sqs", "sqs");
    }

    /** Sends {@code body} with String message attributes (may be empty); answers the message id. */
    public String send(String queueUrl, String body, Map<String, String> attributes) {
        ObjectNode request = Json.object().put("QueueUrl", queueUrl).put("MessageBody", body);
        if (!attributes.isEmpty()) {
            ObjectNode all = request.putObject("MessageAttributes");
            attributes.forEach((name, value) -> all.putObject(name).put("DataType", "String").put("StringValue", value));
        }
        JsonNode answer = read(call("SendMessage", request));
        return answer == null ? null : answer.path("MessageId").asText(null);
    }

    /** Sets the visibility timeout of a received message (the delay before SQS delivers it again). */
    public void changeVisibility(String queueUrl, String receiptHandle, int seconds) {
        call("ChangeMessageVisibility", Json.object().put("QueueUrl", queueUrl).put("ReceiptHandle", receiptHandle)
                .put("VisibilityTimeout", seconds));
    }

    private String call(String operation, ObjectNode request) {
        return calls.post(operation, "/", Map.of("X-Amz-Target", "AmazonSQS." + operation,
                "Content-Type", "application/x-amz-json-1.0"), Json.write(request));
    }

    private static JsonNode read(String answer) {
        try {
            return answer.isBlank() ? null : Json.tree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("SQS: the answer is not JSON", e);
        }
    }

    @Override
    public void close() {
        calls.close();
    }
}
