package vn.motcua.local.runner;

import vn.motcua.edge.Log;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's asynchronous invocation (how S3 and EventBridge invoke a function), locally: events are
 * queued and delivered one at a time in the order they came, and a function error is retried twice,
 * as Lambda does, then the event is logged and dropped. AWS waits about 1 and 2 minutes between
 * tries; the local run waits {@link #LOCAL_RETRY_DELAYS} so a failure shows while one is watching.
 */
final class AsyncInvoker implements AutoCloseable {

    static final List<Duration> LOCAL_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final LocalFunction function;
    private final String source;
    private final List<Duration> retryDelays;
    private final ExecutorService queue;

    /** @param source what sends the events, for the logs ({@code s3:bucket}, {@code schedule:rule}) */
    AsyncInvoker(LocalFunction function, String source, List<Duration> retryDelays) {
        this.function = function;
        this.source = source;
        this.retryDelays = List.copyOf(retryDelays);
        this.queue = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "events-" + function.name() + "-" + source);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one event; returns at once. {@code id} names it in the logs (never personal data). */
    void submit(String id, byte[] event) {
        try {
            queue.execute(() -> deliver(id, event));
        } catch (RejectedExecutionException closed) {
            dropped(id);
        }
    }

    private void deliver(String id, byte[] event) {
        for (int attempt = 1; ; attempt++) {
            try {
                function.invoke(event);
                return;
            } catch (LocalFunction.InvocationFailure e) {
                if (Thread.currentThread().isInterrupted()) {
                    dropped(id);
                    return;
                }
                boolean last = attempt > retryDelays.size();
                Log log = last ? Log.error("event.dropped") : Log.warn("event.retry");
                log.with("function", function.name()).with("source", source).with("delivery", id).with("attempt", attempt)
                        .with("requestId", e.requestId()).error(e.getCause() == null ? e : e.getCause()).write();
                if (last || !pause(retryDelays.get(attempt - 1))) return;
            }
        }
    }

    private void dropped(String id) {
        Log.warn("event.dropped").with("function", function.name()).with("source", source).with("delivery", id)
                .with("reason", "the event source is closed").write();
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops delivering; events still queued are dropped, as the local run is stopping. */
    @Override
    public void close() {
        queue.shutdownNow();
        try {
            queue.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
