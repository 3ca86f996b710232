package vn.motcua.local.runner.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A stream handler answering 200 with the event it received as its body, so tests can read the event. */
public final class EchoHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        // The event is JSON; as a JSON string body it needs its quotes and backslashes escaped.
        String body = event.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        String answer = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\",\"x-echo\":\"yes\","
                + "\"access-control-allow-origin\":\"https://evil.example\"},"
                + "\"cookies\":[\"seen=1; Path=/\",\"again=2\"],\"body\":\"" + body + "\"}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
