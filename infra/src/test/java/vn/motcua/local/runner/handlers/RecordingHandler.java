package vn.motcua.local.runner.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Records every event, then does what the event asks, by words in it: THROW anywhere fails the
 * invocation; for SQS a body FAIL... is reported in batchItemFailures, UNKNOWN-ID reports a message
 * that is not in the batch, GARBAGE answers something that is not JSON.
 */
public class RecordingHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Recorder recorder = new Recorder(RecordingHandler.class);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        recorder.record(event);
        if (new String(event, StandardCharsets.UTF_8).contains("THROW")) throw new IllegalStateException("asked to throw");
        JsonNode root = JSON.readTree(event);
        if (!"aws:sqs".equals(root.path("Records").path(0).path("eventSource").asText())) return;
        ObjectNode answer = JSON.createObjectNode();
        var failures = answer.putArray("batchItemFailures");
        for (JsonNode record : root.path("Records")) {
            String body = record.path("body").asText();
            if (body.startsWith("FAIL")) failures.addObject().put("itemIdentifier", record.path("messageId").asText());
            if (body.equals("UNKNOWN-ID")) failures.addObject().put("itemIdentifier", "not-a-message-of-this-batch");
            if (body.equals("GARBAGE")) {
                output.write("all good!".getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        JSON.writeValue(output, answer);
    }
}
