package vn.motcua.local.runner.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which container ran it: sleeps {@code "sleepMillis":N} (an SQS record's body {@code sleep:N}
 * too), throws when the event says THROW, and answers its instance's id, its class loader's and how
 * many events this instance and this class loader (a static) have handled. No library: it runs from
 * the runner tests' bare artifact.
 */
public final class PausingHandler implements RequestStreamHandler {
    private static final Pattern SLEEP = Pattern.compile("\"sleepMillis\"\\s*:\\s*(\\d+)|sleep:(\\d+)");
    private static final AtomicInteger IN_THIS_LOADER = new AtomicInteger();
    private static final String LOADER = UUID.randomUUID().toString();
    private final String instance = UUID.randomUUID().toString();
    private final AtomicInteger handled = new AtomicInteger();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        int mine = handled.incrementAndGet();
        int loader = IN_THIS_LOADER.incrementAndGet();
        long sleep = 0;
        for (Matcher m = SLEEP.matcher(event); m.find(); ) {
            sleep = Math.max(sleep, Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (event.contains("THROW")) throw new IllegalStateException("asked to throw");
        output.write(("{\"instance\":\"" + instance + "\",\"loader\":\"" + LOADER + "\",\"handled\":" + mine
                + ",\"handledInLoader\":" + loader + ",\"thread\":\"" + Thread.currentThread().getName() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
