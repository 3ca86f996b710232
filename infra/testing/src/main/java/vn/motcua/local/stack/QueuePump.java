package vn.motcua.local.stack;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * For queue consumer tests: one round of what Lambda's SQS event source does, against a real queue of
 * the local stack. Receives a batch, invokes the handler with it in the shape of a sample event of
 * {@code events/} (its first record, with the real message's id, receipt handle, body, receive count and
 * attributes), deletes the messages the answer does not list in {@code batchItemFailures}, and leaves
 * the failed ones, whose visibility timeout then decides when they come back (and the queue's redrive
 * policy, when they go to the dead-letter queue). {@code sampleEvent}: the file in {@code events/} whose first
 * record is the shape of every record.
 */
public record QueuePump(SqsClient sqs, String queueUrl, String queueArn, String sampleEvent) {

    /** What one round received and what the handler reported as failed. */
    public record Round(List<String> received, Set<String> failed, java.util.Map<String, String> receiptHandles) {
        public boolean empty() { return received.isEmpty(); }
    }

    /** One batch of up to {@code batchSize} messages; an empty round when none is visible. */
    public Round once(RequestStreamHandler handler, int batchSize) {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        if (batch.isEmpty()) return new Round(List.of(), Set.of(), java.util.Map.of());
        ObjectNode event = LambdaEvents.load(sampleEvent);
        ObjectNode shape = (ObjectNode) event.path("Records").get(0);
        var records = event.putArray("Records");
        for (Message m : batch) {
            ObjectNode r = shape.deepCopy();
            r.put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle()).put("body", m.body())
                    .put("md5OfBody", m.md5OfBody()).put("eventSourceARN", queueArn);
            ((ObjectNode) r.path("attributes")).put("ApproximateReceiveCount",
                    m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1"));
            ObjectNode attributes = r.putObject("messageAttributes");
            m.messageAttributes().forEach((name, value) -> attributes.putObject(name)
                    .put("stringValue", value.stringValue()).put("dataType", value.dataType()));
            records.add(r);
        }
        var answer = LambdaEvents.invoke(handler, event);
        var failed = new LinkedHashSet<String>();
        answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        var received = new ArrayList<String>();
        var handles = new java.util.LinkedHashMap<String, String>();
        for (Message m : batch) {
            received.add(m.messageId());
            handles.put(m.messageId(), m.receiptHandle());
            if (!failed.contains(m.messageId())) sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return new Round(received, failed, handles);
    }

    /** Makes the round's failed messages visible now, as if their visibility timeout had passed. */
    public void retryNow(Round round) {
        for (String id : round.failed()) {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(round.receiptHandles().get(id)).visibilityTimeout(0));
        }
    }

    /** How many messages the queue holds, visible and in flight. */
    public static int depth(SqsClient sqs, String queueUrl) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attributes.getOrDefault("ApproximateNumberOfMessages", "0"))
                + Integer.parseInt(attributes.getOrDefault("ApproximateNumberOfMessagesNotVisible", "0"));
    }
}
