package vn.motcua.local.runner.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import vn.motcua.aws.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers its environment as a bare JSON object, without statusCode: API Gateway then answers 200
 * with that JSON as the body. Reads the environment at construction, as a handler's setup would.
 */
public final class EnvHandler implements RequestStreamHandler {
    private final String greeting = Environment.require("GREETING");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String answer = "{\"greeting\":\"" + greeting + "\",\"table\":\"" + Environment.require("TABLE")
                + "\",\"function\":\"" + Environment.require("AWS_LAMBDA_FUNCTION_NAME")
                + "\",\"memory\":\"" + Environment.require("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
                + "\",\"region\":\"" + Environment.require("AWS_REGION")
                + "\",\"dynamodb\":\"" + Environment.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", "none") + "\"}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
