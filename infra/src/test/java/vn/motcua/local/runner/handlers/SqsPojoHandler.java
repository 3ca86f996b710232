package vn.motcua.local.runner.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Takes the event as aws-lambda-java-events' SQSEvent and records what it read from it, field by field. */
public class SqsPojoHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Recorder recorder = new Recorder(SqsPojoHandler.class);

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        var seen = JSON.createArrayNode();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            ObjectNode one = seen.addObject();
            one.put("messageId", m.getMessageId());
            one.put("receiptHandle", m.getReceiptHandle());
            one.put("body", m.getBody());
            one.put("md5OfBody", m.getMd5OfBody());
            one.put("eventSource", m.getEventSource());
            one.put("eventSourceArn", m.getEventSourceArn());
            one.put("awsRegion", m.getAwsRegion());
            one.set("attributes", JSON.valueToTree(m.getAttributes()));
            ObjectNode attributes = one.putObject("messageAttributes");
            m.getMessageAttributes().forEach((name, value) -> {
                ObjectNode a = attributes.putObject(name);
                a.put("dataType", value.getDataType());
                a.put("stringValue", value.getStringValue());
                if (value.getBinaryValue() != null) {
                    var buffer = value.getBinaryValue().duplicate();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    a.put("binaryValue", new String(bytes, StandardCharsets.UTF_8));
                }
            });
        }
        recorder.record(seen.toString().getBytes(StandardCharsets.UTF_8));
        return new SQSBatchResponse(List.of());
    }
}
