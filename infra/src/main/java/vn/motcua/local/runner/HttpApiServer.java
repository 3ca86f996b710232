package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import vn.motcua.edge.Log;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The template's HTTP APIs on one local port, answering as API Gateway would: routes to functions
 * with payload format 2.0 events, JWT authorizers, CORS, and API Gateway's own error answers
 * ({@code 404 {"message":"Not Found"}}, {@code 401 {"message":"Unauthorized"}}, {@code 500
 * {"message":"Internal Server Error"}}). Beside the API, under {@code /_local/}: the admin endpoints of
 * the local run. Staff sign in with the local Cognito, not here.
 */
public final class HttpApiServer implements AutoCloseable {

    /** The largest request body API Gateway accepts. */
    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The local run's own endpoints, served under {@code /_local/}. */
    public interface Admin {
        /** Fires a schedule now; false when there is no such function and event. */
        boolean fireSchedule(String function, String event) throws Exception;

        /** {@code GET /_local}: what runs, as JSON. */
        ObjectNode describe();
    }

    private final List<Route> routes;
    private final Map<String, LocalFunction> functions;
    private final JwtAuthorizer authorizer;
    private final Admin admin;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpApiSpec.Cors localCors;

    private HttpApiServer(List<Route> routes, Map<String, LocalFunction> functions, JwtAuthorizer authorizer, Admin admin,
                          Clock clock, HttpServer server, ExecutorService executor) {
        this.routes = List.copyOf(routes);
        this.functions = Map.copyOf(functions);
        this.authorizer = authorizer;
        this.admin = admin;
        this.clock = clock;
        this.server = server;
        this.executor = executor;
        // The admin endpoints answer a page on the API's origin or a tool: give them the API's CORS.
        this.localCors = routes.stream().map(r -> r.api().cors()).filter(c -> c != null).findFirst().orElse(null);
    }

    /**
     * Listens on {@code host:port} (0 for any free port).
     *
     * @param functions every route's function, by logical id
     */
    public static HttpApiServer start(String host, int port, List<Route> routes, Map<String, LocalFunction> functions,
                                      JwtAuthorizer authorizer, Admin admin, Clock clock) {
        for (Route route : routes) {
            if (!functions.containsKey(route.function())) throw new IllegalArgumentException("no function " + route.function());
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            throw new RunnerException("HTTP API: port " + port + " on " + host + " is already in use"
                    + " (another infra/run still running? stop it, or choose another port with --port)");
        } catch (IOException e) {
            throw new RunnerException("HTTP API: cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        var count = new AtomicInteger();
        var executor = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "http-api-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        var api = new HttpApiServer(routes, functions, authorizer, admin, clock, server, executor);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    public URI url() {
        var address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        return URI.create("http://" + host + ":" + address.getPort());
    }

    public int port() { return server.getAddress().getPort(); }

    public List<Route> routes() { return routes; }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ one request

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String requestId = requestId();
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String routeKey = "-";
        int status = 500;
        try {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                status = reply(exchange, 413, null, message("Request Entity Too Large"), requestId, null);
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (rawPath.equals("/_local") || rawPath.startsWith("/_local/")) {
                routeKey = method + " " + rawPath;
                status = local(exchange, method, rawPath, body, origin, requestId);
                return;
            }
            if (method.equals("OPTIONS") && origin != null && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                var cors = corsFor(rawPath);
                if (cors.isPresent()) {
                    routeKey = "OPTIONS (CORS preflight)";
                    status = preflight(exchange, cors.get(), origin, requestId);
                    return;
                }
            }
            Optional<Route.Match> match = Route.select(routes, method, rawPath);
            if (match.isEmpty()) {
                status = reply(exchange, 404, null, message("Not Found"), requestId, corsFor(rawPath).orElse(null));
                return;
            }
            Route route = match.get().route();
            routeKey = route.routeKey();
            HttpApiSpec.Cors cors = route.api().cors();
            JwtAuthorizer.Allowed allowed = null;
            if (route.authorizer() != null) {
                var decision = authorizer.authorize(route.authorizer(), route.scopes(),
                        exchange.getRequestHeaders().getFirst(route.authorizer().header()));
                if (decision instanceof JwtAuthorizer.Denied denied) {
                    status = reply(exchange, denied.status(), List.of(Map.entry("www-authenticate", denied.wwwAuthenticate())),
                            message(denied.message()), requestId, cors);
                    return;
                }
                allowed = (JwtAuthorizer.Allowed) decision;
            }
            status = invoke(exchange, match.get(), method, rawPath, body, allowed, requestId, cors);
        } catch (IOException | RuntimeException e) {
            Log.error("local.http.failed").with("route", routeKey).with("requestId", requestId).error(e).write();
            try {
                reply(exchange, 500, null, message("Internal Server Error"), requestId, null);
            } catch (IOException | RuntimeException alreadyAnswered) {
                // the client is gone, or the answer had begun: nothing more to say
            }
        } finally {
            exchange.close();
            Log.info("local.http").with("method", method).with("path", rawPath).with("route", routeKey)
                    .with("status", status).with("ms", (System.nanoTime() - started) / 1_000_000).with("requestId", requestId).write();
        }
    }

    private int invoke(HttpExchange exchange, Route.Match match, String method, String rawPath, byte[] body,
                       JwtAuthorizer.Allowed allowed, String requestId, HttpApiSpec.Cors cors) throws IOException {
        var headers = new ArrayList<Map.Entry<String, String>>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        var request = new HttpApiPayload.Request(method, rawPath, exchange.getRequestURI().getRawQuery(), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol(), clock.instant(), requestId);
        ObjectNode event = HttpApiPayload.event(request, match, allowed);
        Route route = match.route();
        LocalFunction function = functions.get(route.function());
        HttpApiPayload.Answer answer;
        try {
            answer = HttpApiPayload.answer(function.invoke(JSON.writeValueAsBytes(event)));
        } catch (LocalFunction.InvocationFailure e) {
            Log.error("local.function.failed").with("function", route.function()).with("route", route.routeKey())
                    .with("requestId", requestId).with("lambdaRequestId", e.requestId()).with("detail", e.getMessage())
                    .with("stack", stack(e.getCause())).write();
            return reply(exchange, 500, null, message("Internal Server Error"), requestId, cors);
        } catch (HttpApiPayload.MalformedResponse e) {
            Log.error("local.function.malformedResponse").with("function", route.function()).with("route", route.routeKey())
                    .with("requestId", requestId).with("detail", e.getMessage()).write();
            return reply(exchange, 500, null, message("Internal Server Error"), requestId, cors);
        }
        return send(exchange, answer.status(), answer.headers(), answer.body(), requestId, cors);
    }

    private static String stack(Throwable t) {
        if (t == null) return null;
        var text = new StringBuilder(t.toString());
        var frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) text.append("\n  at ").append(frames[i]);
        return text.toString();
    }

    // ------------------------------------------------------------------ CORS

    /** The CORS configuration of the API a path belongs to: the matching route's, else the first API's that has one. */
    private Optional<HttpApiSpec.Cors> corsFor(String rawPath) {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")) {
            var match = Route.select(routes, method, rawPath);
            if (match.isPresent()) return Optional.ofNullable(match.get().route().api().cors());
        }
        return Optional.ofNullable(localCors);
    }

    /** API Gateway answers every preflight itself when CORS is configured, whatever the routes. */
    private int preflight(HttpExchange exchange, HttpApiSpec.Cors cors, String origin, String requestId) throws IOException {
        var headers = new ArrayList<Map.Entry<String, String>>();
        var allowedOrigin = cors.allowedOrigin(origin);
        String requestedMethod = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        boolean methodAllowed = cors.allowMethods().contains("*") || cors.allowMethods().stream().anyMatch(m -> m.equalsIgnoreCase(requestedMethod));
        if (allowedOrigin.isPresent() && methodAllowed) {
            headers.add(Map.entry("access-control-allow-origin", allowedOrigin.get()));
            headers.add(Map.entry("access-control-allow-methods", cors.allowMethods().contains("*") ? requestedMethod : String.join(",", cors.allowMethods())));
            String requestedHeaders = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
            if (cors.allowHeaders().contains("*") && requestedHeaders != null) headers.add(Map.entry("access-control-allow-headers", requestedHeaders));
            else if (!cors.allowHeaders().isEmpty()) headers.add(Map.entry("access-control-allow-headers", String.join(",", cors.allowHeaders())));
            if (cors.maxAgeSeconds() != null) headers.add(Map.entry("access-control-max-age", String.valueOf(cors.maxAgeSeconds())));
            if (cors.allowCredentials()) headers.add(Map.entry("access-control-allow-credentials", "true"));
        }
        return send(exchange, 204, headers, new byte[0], requestId, null);
    }

    /** On an actual request: API Gateway's CORS headers replace any the function set. */
    private static void addCors(List<Map.Entry<String, String>> headers, HttpApiSpec.Cors cors, String origin) {
        if (cors == null || origin == null) return;
        var allowed = cors.allowedOrigin(origin);
        if (allowed.isEmpty()) return;
        headers.removeIf(h -> h.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
        headers.add(Map.entry("access-control-allow-origin", allowed.get()));
        if (!allowed.get().equals("*")) headers.add(Map.entry("vary", "Origin"));
        if (cors.allowCredentials()) headers.add(Map.entry("access-control-allow-credentials", "true"));
        if (!cors.exposeHeaders().isEmpty()) headers.add(Map.entry("access-control-expose-headers", String.join(",", cors.exposeHeaders())));
    }

    // ------------------------------------------------------------------ /_local

    private int local(HttpExchange exchange, String method, String rawPath, byte[] body, String origin, String requestId) throws IOException {
        if (method.equals("OPTIONS") && localCors != null && origin != null) return preflight(exchange, localCors, origin, requestId);
        if ((rawPath.equals("/_local") || rawPath.equals("/_local/")) && method.equals("GET")) {
            return reply(exchange, 200, null, admin.describe(), requestId, localCors);
        }
        String[] parts = rawPath.split("/");
        if (parts.length == 5 && parts[2].equals("schedules") && method.equals("POST")) {
            String function = Route.decode(parts[3]);
            String event = Route.decode(parts[4]);
            try {
                if (!admin.fireSchedule(function, event)) {
                    return reply(exchange, 404, null, message("No schedule " + event + " on function " + function), requestId, localCors);
                }
            } catch (Exception e) {
                Log.error("local.schedule.failed").with("function", function).with("scheduleEvent", event).error(e).write();
                return reply(exchange, 500, null, message("The schedule fired but failed: " + e.getMessage()), requestId, localCors);
            }
            ObjectNode fired = JSON.createObjectNode().put("function", function).put("event", event).put("fired", true);
            return reply(exchange, 200, null, fired, requestId, localCors);
        }
        return reply(exchange, 404, null, message("Not Found"), requestId, localCors);
    }

    // ------------------------------------------------------------------ answering

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text);
    }

    private int reply(HttpExchange exchange, int status, List<Map.Entry<String, String>> extra, JsonNode json,
                      String requestId, HttpApiSpec.Cors cors) throws IOException {
        var headers = new ArrayList<Map.Entry<String, String>>();
        if (extra != null) headers.addAll(extra);
        headers.add(Map.entry("content-type", "application/json"));
        return send(exchange, status, headers, JSON.writeValueAsBytes(json), requestId, cors);
    }

    private int send(HttpExchange exchange, int status, List<Map.Entry<String, String>> headers, byte[] body,
                     String requestId, HttpApiSpec.Cors cors) throws IOException {
        var all = new ArrayList<>(headers);
        addCors(all, cors, exchange.getRequestHeaders().getFirst("Origin"));
        all.add(Map.entry("apigw-requestid", requestId));
        var out = exchange.getResponseHeaders();
        for (var h : all) {
            String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("connection")) continue;
            out.add(h.getKey(), h.getValue());
        }
        boolean noBody = body.length == 0 || status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) exchange.getResponseBody().write(body);
        return status;
    }

    /** The body, or null when it is larger than API Gateway accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    /** Like API Gateway's: 16 base64 characters. */
    private static String requestId() {
        byte[] bytes = new byte[10];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('+', 'a').replace('/', 'b');
    }
}
