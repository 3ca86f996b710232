package vn.motcua.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pass-through in front of one emulator that counts the AWS calls going by, by operation
 * ({@code X-Amz-Target} for DynamoDB and SQS, method and path shape for S3 and SES), with the bytes
 * sent and received: what the cost model turns into requests and capacity units. Used only for the
 * calibration runs, never while throughput or cold starts are timed. The Host header is forwarded
 * unchanged, so signatures (which s3proxy checks) stay valid.
 */
final class CountingProxy implements AutoCloseable {

    /** Calls of one operation: how many, request bytes each (for write units), response bytes each (for read units). */
    record Calls(long count, long requestBytes, long responseBytes) {}

    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "expect", "upgrade");

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, LongAdder[]> calls = new ConcurrentHashMap<>();

    CountingProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "counting-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    void reset() { calls.clear(); }

    Map<String, Calls> snapshot() {
        var copy = new TreeMap<String, Calls>();
        calls.forEach((op, c) -> copy.put(op, new Calls(c[0].sum(), c[1].sum(), c[2].sum())));
        return copy;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase())) values.forEach(v -> request.header(name, v));
            });
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host != null) request.header("Host", host);
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            count(operation(exchange), body.length, response.body().length);
            response.headers().map().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) exchange.getResponseHeaders().put(name, values);
            });
            byte[] out = response.body();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            // a HEAD answer tells the object's length in Content-Length without a body: keep it
            if (head) response.headers().firstValue("content-length").ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
            boolean noBody = head || out.length == 0;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : out.length);
            if (!noBody) exchange.getResponseBody().write(out);
        }
    }

    private void count(String operation, long in, long out) {
        LongAdder[] c = calls.computeIfAbsent(operation, k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        c[0].increment();
        c[1].add(in);
        c[2].add(out);
    }

    /** DynamoDB_20120810.PutItem → PutItem; AmazonSQS.SendMessage → SendMessage; S3 by method (object vs bucket); SES by path. */
    static String operation(HttpExchange exchange) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) return target.substring(target.indexOf('.') + 1);
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/v2/email/")) return "SES " + exchange.getRequestMethod() + " " + path.replaceAll("/v2/email/([a-z-]+).*", "$1");
        long depth = path.chars().filter(ch -> ch == '/').count();
        return "S3 " + exchange.getRequestMethod() + (depth >= 2 && path.length() > 1 ? " object" : " bucket");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
