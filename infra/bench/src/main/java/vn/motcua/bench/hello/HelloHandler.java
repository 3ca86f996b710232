package vn.motcua.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The floor: a handler that reads nothing and answers a constant. Every function's own cold cost is its time minus this one's. */
public final class HelloHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        output.write("{\"statusCode\":200,\"body\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
    }
}
