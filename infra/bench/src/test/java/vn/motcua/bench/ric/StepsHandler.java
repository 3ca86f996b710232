package vn.motcua.bench.ric;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A function that registers an {@code org.crac} resource as our functions' priming does, and answers
 * with what happened to it, in order: how the test sees that the runtime interface client, started as
 * SnapStart starts it, runs the hooks before and after {@code /restore/next}.
 */
public final class StepsHandler implements RequestStreamHandler, Resource {

    private final List<String> steps = new CopyOnWriteArrayList<>();

    public StepsHandler() {
        Core.getGlobalContext().register(this);
        steps.add("init");
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        steps.add("beforeCheckpoint");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        steps.add("afterRestore");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        steps.add("invoke " + new String(input.readAllBytes(), StandardCharsets.UTF_8) + " as " + context.getAwsRequestId());
        output.write(String.join(", ", steps).getBytes(StandardCharsets.UTF_8));
    }
}
