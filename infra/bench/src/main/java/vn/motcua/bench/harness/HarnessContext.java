package vn.motcua.bench.harness;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/** The Context a handler sees on the minimal path: the values Lambda would put in it, from the environment. */
final class HarnessContext implements Context {
    private final long deadline = System.currentTimeMillis() + 60_000;

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    @Override public String getAwsRequestId() { return "bench-" + ProcessHandle.current().pid(); }
    @Override public String getLogGroupName() { return env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench"); }
    @Override public String getLogStreamName() { return env("AWS_LAMBDA_LOG_STREAM_NAME", "bench"); }
    @Override public String getFunctionName() { return env("AWS_LAMBDA_FUNCTION_NAME", "bench"); }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:ap-southeast-1:000000000000:function:" + getFunctionName(); }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
    @Override public int getMemoryLimitInMB() { return Integer.parseInt(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")); }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.print(message); }
            @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
