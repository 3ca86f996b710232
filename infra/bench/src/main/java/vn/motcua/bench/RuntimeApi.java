package vn.motcua.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local Lambda Runtime API (2018-06-01) for exactly one invocation: the first {@code /next} gets the
 * event (with the headers Lambda sends, Content-Type included); the answer, or an error, completes
 * {@link #outcome()} with the moment it arrived. Later {@code /next} calls wait until the server is
 * closed, as a runtime waiting for work would. One server per measured JVM, so a late call of a
 * previous process can never take the next run's event.
 */
final class RuntimeApi implements AutoCloseable {

    /** What the runtime sent back: an answer or an error, its body, and {@link System#nanoTime()} at arrival. */
    record Outcome(boolean error, String body, long arrivedNanos, long firstNextNanos) {}

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final byte[] event;
    private final String requestId;
    private final String functionArn;
    private final AtomicBoolean served = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile long firstNext;

    RuntimeApi(byte[] event, String requestId, String functionArn) {
        this.event = event;
        this.requestId = requestId;
        this.functionArn = functionArn;
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

    CompletableFuture<Outcome> outcome() { return outcome; }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                if (served.compareAndSet(false, true)) {
                    firstNext = System.nanoTime();
                    var h = exchange.getResponseHeaders();
                    h.set("Content-Type", "application/json");
                    h.set("Lambda-Runtime-Aws-Request-Id", requestId);
                    h.set("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 60_000));
                    h.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
                    h.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
                    exchange.sendResponseHeaders(200, event.length);
                    exchange.getResponseBody().write(event);
                } else {
                    // no more work: hold the call, as Lambda freezes an idle runtime
                    closing.await();
                    exchange.sendResponseHeaders(410, -1);
                }
            } else if (path.equals("invocation/" + requestId + "/response")) {
                outcome.complete(new Outcome(false, new String(body, StandardCharsets.UTF_8), System.nanoTime(), firstNext));
                accepted(exchange);
            } else if (path.equals("invocation/" + requestId + "/error") || path.equals("init/error")) {
                outcome.complete(new Outcome(true, new String(body, StandardCharsets.UTF_8), System.nanoTime(), firstNext));
                accepted(exchange);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, ok.length);
        exchange.getResponseBody().write(ok);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
