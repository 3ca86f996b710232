package vn.motcua.local.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The two halves of Lambda's SQS event source contract: the event a function gets for a batch of
 * messages (the shape of events/sqs-batch.json), and what its partial batch answer
 * {@code {"batchItemFailures":[{"itemIdentifier": messageId}]}} says failed.
 */
final class SqsEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The system attributes Lambda passes on, in its order; the FIFO ones and the trace header only when present. */
    private static final List<String> ATTRIBUTES = List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId",
            "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageGroupId", "MessageDeduplicationId",
            "AWSTraceHeader", "DeadLetterQueueSourceArn");

    private SqsEvents() {}

    static byte[] event(List<Message> messages, String queueArn, String region) {
        ObjectNode event = JSON.createObjectNode();
        var records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            var system = m.attributesAsStrings();
            for (String name : ATTRIBUTES) {
                if (system.get(name) != null) attributes.put(name, system.get(name));
            }
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            m.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.stringValue() != null) node.put("stringValue", value.stringValue());
        if (value.binaryValue() != null) node.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        var strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        var binaries = node.putArray("binaryListValues");
        value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        node.put("dataType", value.dataType());
        return node;
    }

    /**
     * The messages to leave on the queue after a successful invocation with ReportBatchItemFailures.
     * As on AWS: no answer, no list or an empty list means all succeeded; an answer that is not a JSON
     * object, or an itemIdentifier that is missing, empty or not in the batch, means the whole batch failed.
     */
    static Failures failures(byte[] answer, Set<String> batch) {
        String text = new String(answer, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return Failures.NONE;
        JsonNode root;
        try {
            root = JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (IOException e) {
            return Failures.all(batch, "the answer is not JSON");
        }
        if (root == null || root.isNull()) return Failures.NONE;
        if (!root.isObject()) return Failures.all(batch, "the answer is not a JSON object");
        JsonNode list = root.get("batchItemFailures");
        if (list == null || list.isNull()) return Failures.NONE;
        if (!list.isArray()) return Failures.all(batch, "batchItemFailures is not a list");
        var failed = new LinkedHashSet<String>();
        for (JsonNode item : list) {
            JsonNode id = item.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return Failures.all(batch, "a batchItemFailures entry has no itemIdentifier");
            }
            if (!batch.contains(id.asText())) {
                return Failures.all(batch, "itemIdentifier " + id.asText() + " is not a messageId of the batch");
            }
            failed.add(id.asText());
        }
        return new Failures(Set.copyOf(failed), null);
    }

    /** @param whyAll set when the whole batch counts as failed because of the answer itself */
    record Failures(Set<String> messageIds, String whyAll) {
        static final Failures NONE = new Failures(Set.of(), null);

        static Failures all(Set<String> batch, String why) { return new Failures(Set.copyOf(batch), why); }
    }
}
