package vn.motcua.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The edge of every queue consumer. Each record is handled on its own; a record that throws is
 * reported in {@code batchItemFailures}, so only it goes back to the queue (and after
 * maxReceiveCount to the dead-letter queue) while the rest of the batch is done. Requires
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the event source; the template
 * validation checks that. Idempotency is the consumer's: a redelivered record must change nothing.
 */
public abstract class QueueFunction implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.read(input);
        ObjectNode answer = Json.object();
        var failures = answer.putArray("batchItemFailures");
        for (JsonNode record : event.path("Records")) {
            QueueMessage message = QueueMessage.from(record);
            try {
                handle(message, context);
            } catch (BadInput malformed) {
                // a message that cannot be read is no transient failure: straight to the dead-letter queue, if there is one
                var deadLetters = deadLetters();
                try {
                    if (deadLetters == null) throw malformed;
                    deadLetters.park(message, malformed.code() + ": " + malformed.getMessage());
                    Log.warn("queue.message.dead_lettered").with("queue", message.queueName()).with("messageId", message.messageId())
                            .with("code", malformed.code()).with("requestId", context == null ? null : context.getAwsRequestId()).write();
                } catch (Exception e) {
                    Log.error("queue.message.failed").with("queue", message.queueName()).with("messageId", message.messageId())
                            .with("receiveCount", message.receiveCount())
                            .with("requestId", context == null ? null : context.getAwsRequestId()).error(e).write();
                    failures.addObject().put("itemIdentifier", message.messageId());
                }
            } catch (Exception e) {
                Log.error("queue.message.failed").with("queue", message.queueName()).with("messageId", message.messageId())
                        .with("receiveCount", message.receiveCount())
                        .with("requestId", context == null ? null : context.getAwsRequestId()).error(e).write();
                failures.addObject().put("itemIdentifier", message.messageId());
            }
        }
        output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where malformed messages ({@link BadInput} thrown by {@link #handle}) go at once; null (the default): they are
     * retried like any failure and reach the dead-letter queue after the queue's maxReceiveCount.
     */
    protected DeadLetters deadLetters() { return null; }

    /** Handles one message; throw to have it retried, throw {@link BadInput} for a message that can never be handled. */
    protected abstract void handle(QueueMessage message, Context context) throws Exception;
}
