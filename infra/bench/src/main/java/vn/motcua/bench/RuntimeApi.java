package vn.motcua.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) of one execution environment, for the runtime interface client the
 * bench starts: the events given are handed out one {@code /invocation/next} at a time, with the headers
 * Lambda sends (Content-Type among them: the client's native HTTP code refuses an event without one), and
 * every instant that Lambda's REPORT line is made of is recorded ({@link System#nanoTime()}). Once the
 * events are answered, a further {@code /next} is held until {@link #close()}, as Lambda freezes an idle
 * environment. Written by hand: the Runtime API is an emulator's protocol, and no library serves it.
 *
 * <p>What each path does here, as on Lambda:
 * <ul>
 *   <li>{@code GET /runtime/invocation/next}: the next event, or held;</li>
 *   <li>{@code POST /runtime/invocation/{id}/response} and {@code .../error}: 202, the invocation answered
 *       (an error ends the run: a cell whose invoke errors is not timed); an unknown or already answered
 *       id: 400 {@code InvalidRequestID};</li>
 *   <li>{@code POST /runtime/init/error}: 202, the run ended (the function did not initialise);</li>
 *   <li>{@code GET /runtime/restore/next} (SnapStart): where Lambda takes the snapshot, after every
 *       {@code beforeCheckpoint} ran; answered at once (the restore), then the {@code afterRestore} hooks
 *       run before the client asks for its first event; {@code POST /runtime/restore/error}: the run ended.</li>
 * </ul>
 * One server per measured JVM, so a late call of a previous process can never take the next run's event.
 */
final class RuntimeApi implements AutoCloseable {

    static final String PREFIX = "/2018-06-01/runtime/";

    /** One event: its request id, when it was handed out and answered (nanoTime), the answer, whether it was an error. */
    record Invocation(String requestId, long deliveredNanos, long answeredNanos, boolean error, String errorType, String body) {
        /** What Lambda's REPORT calls Duration: the event handed out to the answer received. */
        double millis() { return (answeredNanos - deliveredNanos) / 1e6; }
    }

    /**
     * What the runtime did, in {@link System#nanoTime()} instants (0: did not happen). {@code failure} is null
     * when every event was answered by a {@code /response}, else what ended the run.
     */
    record Outcome(long restoreNextNanos, long restoredNanos, long firstNextNanos, List<Invocation> invocations, String failure) {
        boolean ok() { return failure == null; }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final List<byte[]> events;
    private final String functionArn;
    private final Duration timeout;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final List<Invocation> answered = new ArrayList<>();
    private int next;                 // the index of the next event to hand out
    private String pending;           // the request id handed out and not yet answered
    private long pendingDelivered;
    private long restoreNext, restored, firstNext;

    /**
     * @param events      the events, in order, one per {@code /next}
     * @param functionArn the ARN the client is told it runs as
     * @param timeout     the function's timeout (the deadline each event carries)
     */
    RuntimeApi(List<byte[]> events, String functionArn, Duration timeout) {
        if (events.isEmpty()) throw new IllegalArgumentException("a run needs at least one event");
        this.events = List.copyOf(events);
        this.functionArn = functionArn;
        this.timeout = timeout;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() { return "127.0.0.1:" + server.getAddress().getPort(); }

    /**
     * Waits for the run to end: every event answered, an error reported, the process gone, or {@code limit}
     * passed; the last three are failures.
     */
    Outcome await(Process process, Duration limit) {
        try {
            CompletableFuture.anyOf(outcome, process.onExit()).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            end("no answer within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end("interrupted");
        } catch (Exception e) {
            end(e.toString());
        }
        if (!outcome.isDone()) {
            // the process ended first: give an answer already on its way a moment to be recorded
            try {
                return outcome.get(200, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                end("the runtime exited (code " + process.exitValue() + ") before answering every event");
            }
        }
        return outcome.join();
    }

    /** The outcome so far, for a caller that has its own way of waiting (tests). */
    CompletableFuture<Outcome> outcome() { return outcome; }

    private synchronized void end(String failure) {
        if (!outcome.isDone()) outcome.complete(new Outcome(restoreNext, restored, firstNext, List.copyOf(answered), failure));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrived = System.nanoTime();
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange, arrived);
            } else if (method.equals("POST") && path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                boolean error = path.endsWith("/error");
                String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                answer(exchange, id, arrived, error, exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"),
                        new String(body, StandardCharsets.UTF_8));
            } else if (method.equals("POST") && path.equals("init/error")) {
                accepted(exchange);
                end("init error " + errorType(exchange) + ": " + new String(body, StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.equals("restore/next")) {
                synchronized (this) {
                    restoreNext = arrived;
                    restored = System.nanoTime();
                }
                exchange.sendResponseHeaders(200, -1);
            } else if (method.equals("POST") && path.equals("restore/error")) {
                accepted(exchange);
                end("restore error " + errorType(exchange) + ": " + new String(body, StandardCharsets.UTF_8));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange, long arrived) throws IOException, InterruptedException {
        byte[] event;
        String id;
        synchronized (this) {
            if (firstNext == 0) firstNext = arrived;
            if (pending != null || next >= events.size() || outcome.isDone()) {
                event = null;
                id = null;
            } else {
                event = events.get(next++);
                id = UUID.randomUUID().toString();
                pending = id;
            }
        }
        if (event == null) {
            // no more work: hold the call, as Lambda freezes an idle runtime
            closing.await();
            exchange.sendResponseHeaders(410, -1);
            return;
        }
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", id);
        h.set("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + timeout.toMillis()));
        h.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        h.set("Lambda-Runtime-Trace-Id", traceId());
        synchronized (this) {
            pendingDelivered = System.nanoTime();
        }
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    private void answer(HttpExchange exchange, String id, long arrived, boolean error, String errorType, String body) throws IOException {
        boolean last;
        synchronized (this) {
            if (!id.equals(pending)) {
                byte[] refused = ("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, refused.length);
                exchange.getResponseBody().write(refused);
                return;
            }
            answered.add(new Invocation(id, pendingDelivered, arrived, error, errorType, body));
            pending = null;
            last = answered.size() == events.size();
        }
        accepted(exchange);
        if (error) end("invocation error " + errorType + ": " + body);
        else if (last) end(null);
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null ? "(no type)" : type;
    }

    /** An X-Ray trace header as Lambda passes it (a root id of the current second, a parent, not sampled). */
    private static String traceId() {
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        byte[] root = new byte[12], parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, ok.length);
        exchange.getResponseBody().write(ok);
    }

    @Override
    public void close() {
        end("closed before every event was answered");
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
