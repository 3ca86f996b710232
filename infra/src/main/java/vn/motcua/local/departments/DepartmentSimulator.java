package vn.motcua.local.departments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import vn.motcua.contracts.DepartmentCallback;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.RequestSignature;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * The four departments' systems, played by one small server for the local run and the tests.
 * It receives Một Cửa's callbacks as a department would (the signature checked with the agency's
 * own secret, the body against the DepartmentCallback schema, deduplicated on Idempotency-Key) and
 * answers through the API's {@code POST /departments/{agencyId}/updates}, signed, like a real
 * department. Each agency has a mode:
 * <ul>
 *   <li>{@code manual} (the default): 200, and a person (the page at {@code /}) or a test answers;</li>
 *   <li>{@code auto-approve}: 200, then "accepted" (for a new dossier) and an approved result;</li>
 *   <li>{@code down}: 503 to every callback (the department's endpoint is down);</li>
 *   <li>{@code reject}: 400 to every callback (a permanent refusal).</li>
 * </ul>
 * A withdrawal callback (reason {@code withdrawn}) is acknowledged at once ({@code withdrawalAcknowledged}) in
 * {@code manual} and {@code auto-approve} modes, as a department's system would.
 * Routes: {@code POST /agencies/{agencyId}/dossiers} (a callback), {@code PUT /agencies/{agencyId}/mode}
 * {@code {"mode":"down"}}, {@code POST /agencies/{agencyId}/dossiers/{code}/answers} with the answer part
 * of a DepartmentUpdate ({@code {"accepted":{}}}, {@code {"resultReady":{"outcome":"approved","documents":[]}}}...),
 * answered with the API's status and body once the update is applied or refused (at most {@link #SETTLE};
 * header {@code x-simulator-outcome}), 409 {@code NOT_RECEIVED} for a dossier the department was not sent,
 * {@code GET /agencies/{agencyId}/dossiers}, {@code GET /}.
 * With a state file (the local run's data directory) what it received, answered and still owes to answer (an
 * automatic answer not yet taken by the API) and each department's mode are written there at every change and read
 * back at start, and owed automatic answers are sent again: a crash of the local run loses none. Without one (tests,
 * the bench) everything is in memory. Local use only: it shows the applicants' data it receives, as a department's
 * officer would see it.
 */
public final class DepartmentSimulator implements AutoCloseable {

    public static final int DEFAULT_PORT = 3100;

    public enum Mode {
        MANUAL, AUTO_APPROVE, DOWN, REJECT;

        public String wire() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        public static Optional<Mode> of(String text) {
            for (Mode m : values()) if (m.wire().equals(text)) return Optional.of(m);
            return Optional.empty();
        }
    }

    /**
     * A dossier a department received, and what it answered. The counter and the answers change after it is
     * made (a repeated delivery, an answer sent): the answers are guarded by the record itself.
     */
    public record Received(String idempotencyKey, String dossierCode, String procedure, String reason, Instant receivedAt,
                           JsonNode callback, AtomicInteger deliveryCount, List<ObjectNode> answers,
                           java.util.concurrent.atomic.AtomicBoolean autoPending) {

        Received(String idempotencyKey, String dossierCode, String procedure, String reason, Instant receivedAt, JsonNode callback) {
            this(idempotencyKey, dossierCode, procedure, reason, receivedAt, callback, new AtomicInteger(1), new ArrayList<>(),
                    new java.util.concurrent.atomic.AtomicBoolean());
        }

        /** Read back from the state file. */
        static Received fromJson(JsonNode o) {
            var answers = new ArrayList<ObjectNode>();
            o.path("answers").forEach(a -> answers.add((ObjectNode) a));
            return new Received(o.path("idempotencyKey").asText(), o.path("dossierCode").asText(), o.path("procedure").asText(),
                    o.path("reason").asText(), Instant.parse(o.path("receivedAt").asText()), o.path("callback"),
                    new AtomicInteger(o.path("deliveries").asInt(1)), answers,
                    new java.util.concurrent.atomic.AtomicBoolean(o.path("autoPending").asBoolean(false)));
        }

        /** Whether an answer of this kind was taken by the API (202). */
        synchronized boolean taken(String kind) {
            return answers.stream().anyMatch(a -> a.path("answer").asText().equals(kind) && a.path("status").asInt() == 202);
        }

        public int deliveries() { return deliveryCount.get(); }

        void deliveredAgain() { deliveryCount.incrementAndGet(); }

        synchronized void answered(ObjectNode answer) { answers.add(answer); }

        synchronized ObjectNode toJson() {
            var o = Json.object().put("idempotencyKey", idempotencyKey).put("dossierCode", dossierCode).put("procedure", procedure)
                    .put("reason", reason).put("receivedAt", receivedAt.toString()).put("deliveries", deliveries())
                    .put("autoPending", autoPending.get());
            o.set("callback", callback);
            ArrayNode a = o.putArray("answers");
            answers.forEach(a::add);
            return o;
        }
    }

    /**
     * The API's answer to an update the simulator sent, and what became of it: {@code applied} or
     * {@code refused} by the updates function, {@code queued} if it was not done within {@link #SETTLE}
     * (or the simulator did not wait to see: an automatic result answer), or {@code not-queued} when
     * the API did not answer 202.
     */
    public record Sent(int status, String body, String messageId, String outcome) {}

    /** How long an answer waits for its update to be applied, so a person or a test sees the dossier moved. */
    static final Duration SETTLE = Duration.ofSeconds(15);
    /** When the first status check is made, and the longest interval between two (they double in between). */
    static final Duration FIRST_CHECK = Duration.ofMillis(75), LONGEST_CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern CALLBACKS = Pattern.compile("/agencies/([a-z0-9-]+)/dossiers/?");
    private static final Pattern MODE = Pattern.compile("/agencies/([a-z0-9-]+)/mode/?");
    private static final Pattern ANSWERS = Pattern.compile("/agencies/([a-z0-9-]+)/dossiers/([^/]+)/answers/?");

    private final HttpServer server;
    private final ExecutorService executor;
    // Several at once: a department's officers answer many dossiers in parallel, and each answer waits
    // for its update to be applied (SETTLE), so one thread would make every department one slow queue.
    private final ExecutorService auto = Executors.newFixedThreadPool(AUTO_THREADS, r -> daemon(r, "simulator-auto"));
    static final int AUTO_THREADS = 16;
    private final DepartmentSecrets secrets;
    private final Set<String> agencies;
    private final Supplier<URI> apiUrl;
    private final Clock clock;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Received>> received = new ConcurrentHashMap<>();
    /** Where the state is kept across restarts; null: in memory only. */
    private final java.nio.file.Path stateFile;

    private DepartmentSimulator(HttpServer server, ExecutorService executor, DepartmentSecrets secrets, Set<String> agencies,
                                Supplier<URI> apiUrl, Clock clock, PrintStream log, java.nio.file.Path stateFile) {
        this.stateFile = stateFile;
        this.server = server;
        this.executor = executor;
        this.secrets = secrets;
        this.agencies = agencies;
        this.apiUrl = apiUrl;
        this.clock = clock;
        this.log = log;
        for (String a : agencies) {
            modes.put(a, Mode.MANUAL);
            received.put(a, Collections.synchronizedMap(new LinkedHashMap<>()));
        }
        restore();
    }

    /** Reads the state file, if any (a file of another shape is an error: it is ours). */
    private void restore() {
        if (stateFile == null || !java.nio.file.Files.exists(stateFile)) return;
        try {
            JsonNode state = Json.mapper().readTree(java.nio.file.Files.readAllBytes(stateFile));
            state.path("modes").fields().forEachRemaining(e -> {
                if (agencies.contains(e.getKey())) Mode.of(e.getValue().asText()).ifPresent(m -> modes.put(e.getKey(), m));
            });
            state.path("received").fields().forEachRemaining(e -> {
                var map = received.get(e.getKey());
                if (map != null) e.getValue().forEach(r -> { var x = Received.fromJson(r); map.put(x.idempotencyKey(), x); });
            });
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("department simulator: cannot read its state " + stateFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes the whole state (a few hundred dossiers locally), to a temporary file then moved over: never half written. */
    private synchronized void persist() {
        if (stateFile == null) return;
        var state = Json.object();
        var m = state.putObject("modes");
        modes.forEach((a, mode) -> m.put(a, mode.wire()));
        var r = state.putObject("received");
        for (String a : agencies) {
            var list = r.putArray(a);
            received(a).forEach(x -> list.add(x.toJson()));
        }
        try {
            java.nio.file.Files.createDirectories(stateFile.getParent());
            var tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            java.nio.file.Files.write(tmp, Json.write(state).getBytes(StandardCharsets.UTF_8));
            java.nio.file.Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            say("cannot write its state: " + e);
        }
    }

    /** Sends again the automatic answers a crash interrupted (read back from the state file). */
    private void resumeOwedAnswers() {
        for (String a : agencies) for (var r : received(a)) if (r.autoPending().get()) autoApprove(a, r);
    }

    /**
     * Starts on {@code host:port} (0: any free port).
     *
     * @param secretsJson the dev secrets, {@code {"agency-id": "secret"}} (infra/local/department-secrets.json): the agencies it plays
     * @param apiUrl      where the API is, read when an update is sent (the API may start after the simulator)
     * @param log         one line per callback and answer; null for none
     */
    public static DepartmentSimulator start(String host, int port, String secretsJson, Supplier<URI> apiUrl, Clock clock, PrintStream log) {
        return start(host, port, secretsJson, apiUrl, clock, log, null);
    }

    /** As above, keeping its state in {@code stateFile} (null: in memory) and sending the automatic answers it still owes. */
    public static DepartmentSimulator start(String host, int port, String secretsJson, Supplier<URI> apiUrl, Clock clock, PrintStream log,
                                            java.nio.file.Path stateFile) {
        var secrets = DepartmentSecrets.fromJson(secretsJson, "department secrets");
        var agencies = new TreeSet<String>();
        try {
            Json.mapper().readTree(secretsJson).fieldNames().forEachRemaining(n -> { if (!n.startsWith("_")) agencies.add(n); });
        } catch (IOException e) {
            throw new IllegalArgumentException("department secrets: not JSON", e);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 32);
        } catch (BindException e) {
            throw new IllegalStateException("department simulator: port " + port + " on " + host + " is already in use"
                    + " (choose another with --simulator-port)", e);
        } catch (IOException e) {
            throw new IllegalStateException("department simulator: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        var executor = Executors.newFixedThreadPool(4, r -> daemon(r, "simulator-http"));
        var simulator = new DepartmentSimulator(server, executor, secrets, Set.copyOf(agencies), apiUrl, clock, log, stateFile);
        server.createContext("/", simulator::serve);
        server.setExecutor(executor);
        server.start();
        simulator.resumeOwedAnswers();
        return simulator;
    }

    public URI url() {
        var address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    /** The callback URL of {@code agencyId}, for the catalog of the local run. */
    public URI callbackUrl(String agencyId) { return URI.create(url() + "/agencies/" + agencyId + "/dossiers"); }

    public Set<String> agencies() { return agencies; }

    public Mode mode(String agencyId) { return modes.get(agencyId); }

    public void setMode(String agencyId, Mode mode) {
        if (!agencies.contains(agencyId)) throw new IllegalArgumentException("no such agency: " + agencyId);
        modes.put(agencyId, mode);
        persist();
    }

    /** The dossiers {@code agencyId} received, in order. */
    public List<Received> received(String agencyId) {
        var map = received.getOrDefault(agencyId, Map.of());
        synchronized (map) {
            return List.copyOf(map.values());
        }
    }

    /**
     * Sends {@code answer} (the answer part of a DepartmentUpdate, e.g. {@code {"accepted":{}}}) about
     * {@code dossierCode} as {@code agencyId}: a new message id, signed with the agency's secret, to the API.
     */
    public Sent answer(String agencyId, String dossierCode, JsonNode answer) {
        return answer(agencyId, dossierCode, answer, true);
    }

    /** @param settle whether to wait (asking the API) until the update is applied or refused */
    private Sent answer(String agencyId, String dossierCode, JsonNode answer, boolean settle) {
        byte[] secret = secrets.secretOf(agencyId).orElseThrow(() -> new IllegalArgumentException("no such agency: " + agencyId));
        if (answer == null || !answer.isObject()) throw new IllegalArgumentException("an answer is a JSON object, e.g. {\"accepted\":{}}");
        String messageId = "sim-" + UUID.randomUUID();
        ObjectNode update = Json.object().put("messageId", messageId).put("dossierCode", dossierCode).put("sentAt", clock.instant().toString());
        update.setAll((ObjectNode) answer);
        String body = Json.write(update);
        long timestamp = clock.instant().getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(apiUrl.get().toString().replaceAll("/$", "") + "/departments/" + agencyId + "/updates"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json; charset=utf-8")
                .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        Sent sent;
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String outcome = response.statusCode() != 202 ? "not-queued" : settle ? settle(agencyId, secret, messageId) : "queued";
            sent = new Sent(response.statusCode(), response.body(), messageId, outcome);
        } catch (IOException e) {
            sent = new Sent(502, Json.write(Json.object().put("error", "the API did not answer: " + e.getMessage())), messageId, "not-queued");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        String kind = answer.fieldNames().hasNext() ? answer.fieldNames().next() : "?";
        // received(...) copies under the map's lock: callbacks add to it on other threads meanwhile
        var r = received(agencyId).stream().filter(x -> x.dossierCode.equals(dossierCode)).reduce((a, b) -> b);
        final Sent result = sent;
        r.ifPresent(x -> x.answered(Json.object().put("messageId", result.messageId()).put("answer", kind).put("status", result.status())
                .put("outcome", result.outcome()).put("at", clock.instant().toString())));
        persist();
        say(agencyId + " answered " + kind + " on " + dossierCode + ": " + sent.status() + ", " + sent.outcome());
        return sent;
    }

    /**
     * Asks the API what became of the message ({@code GET /departments/{agencyId}/updates/{messageId}},
     * signed) until the updates function has applied or refused it, or {@link #SETTLE} has passed: first
     * after {@link #FIRST_CHECK} (an update goes through a queue and a function: asking at once only
     * finds it queued), then at doubling intervals up to {@link #LONGEST_CHECK_INTERVAL}.
     */
    private String settle(String agencyId, byte[] secret, String messageId) throws InterruptedException {
        URI uri = URI.create(apiUrl.get().toString().replaceAll("/$", "") + "/departments/" + agencyId + "/updates/" + messageId);
        long end = System.nanoTime() + SETTLE.toNanos();
        for (long wait = FIRST_CHECK.toMillis(); System.nanoTime() < end; wait = Math.min(wait * 2, LONGEST_CHECK_INTERVAL.toMillis())) {
            Thread.sleep(Math.max(0, Math.min(wait, (end - System.nanoTime()) / 1_000_000)));
            long timestamp = clock.instant().getEpochSecond();
            try {
                var response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(secret, timestamp, ""))
                        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 200) return "queued";
                String status = Json.mapper().readTree(response.body()).path("status").asText();
                if (!status.equals("queued")) return status;
            } catch (IOException e) {
                return "queued";
            }
        }
        return "queued";
    }

    /** Whether {@code agencyId} has received a callback for {@code dossierCode}. */
    public boolean hasReceived(String agencyId, String dossierCode) {
        return received(agencyId).stream().anyMatch(r -> r.dossierCode.equals(dossierCode));
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            // The web app's browser tests drive the simulator from another origin (a local tool, dev secrets only).
            exchange.getResponseHeaders().set("access-control-allow-origin", "*");
            Matcher m;
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("access-control-allow-methods", "GET, POST, PUT, OPTIONS");
                exchange.getResponseHeaders().set("access-control-allow-headers", "content-type");
                exchange.getResponseHeaders().set("access-control-max-age", "600");
                exchange.sendResponseHeaders(204, -1);
            } else if (path.equals("/") && method.equals("GET")) {
                reply(exchange, 200, "text/html; charset=utf-8", SimulatorPage.render(this));
            } else if ((m = CALLBACKS.matcher(path)).matches() && method.equals("POST")) {
                callback(exchange, m.group(1));
            } else if ((m = CALLBACKS.matcher(path)).matches() && method.equals("GET")) {
                if (!known(exchange, m.group(1))) return;
                ArrayNode list = Json.mapper().createArrayNode();
                received(m.group(1)).forEach(r -> list.add(r.toJson()));
                json(exchange, 200, Json.object().put("agencyId", m.group(1)).put("mode", mode(m.group(1)).wire()).set("dossiers", list));
            } else if ((m = MODE.matcher(path)).matches() && (method.equals("PUT") || method.equals("POST"))) {
                if (!known(exchange, m.group(1))) return;
                var mode = Mode.of(readJson(exchange).path("mode").asText(""));
                if (mode.isEmpty()) {
                    json(exchange, 400, error("BAD_MODE", "mode is one of manual, auto-approve, down, reject"));
                    return;
                }
                setMode(m.group(1), mode.get());
                say(m.group(1) + " is now " + mode.get().wire());
                json(exchange, 200, Json.object().put("agencyId", m.group(1)).put("mode", mode.get().wire()));
            } else if ((m = ANSWERS.matcher(path)).matches() && method.equals("POST")) {
                if (!known(exchange, m.group(1))) return;
                JsonNode answer = readJson(exchange);
                if (!answer.isObject() || answer.size() != 1) {
                    json(exchange, 400, error("BAD_ANSWER", "send one answer, e.g. {\"accepted\":{}} or {\"resultReady\":{\"outcome\":\"approved\",\"documents\":[]}}"));
                    return;
                }
                if (!hasReceived(m.group(1), m.group(2))) {
                    // A department answers only for dossiers it was sent; callers retry until the callback has come.
                    json(exchange, 409, error("NOT_RECEIVED", m.group(1) + " has not received dossier " + m.group(2) + " (yet)"));
                    return;
                }
                var sent = answer(m.group(1), m.group(2), answer);
                exchange.getResponseHeaders().set("x-simulator-outcome", sent.outcome());
                reply(exchange, sent.status(), "application/json; charset=utf-8", sent.body());
            } else {
                json(exchange, 404, error("NOT_FOUND", method + " " + path + " is not a simulator route"));
            }
        } catch (RuntimeException e) {
            say("failed: " + e);
            try {
                json(exchange, 500, error("SIMULATOR_FAILED", String.valueOf(e.getMessage())));
            } catch (IOException | RuntimeException ignored) {
                // the answer may have been sent already
            }
        }
    }

    /** A callback from Một Cửa's dispatcher, judged as a department's endpoint would. */
    private void callback(HttpExchange exchange, String agencyId) throws IOException {
        if (!known(exchange, agencyId)) return;
        Mode mode = mode(agencyId);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (mode == Mode.DOWN) {
            say(agencyId + " is down: 503");
            json(exchange, 503, error("DEPARTMENT_DOWN", "the simulated department is down"));
            return;
        }
        var headers = exchange.getRequestHeaders();
        var verdict = RequestSignature.verify(secrets.secretOf(agencyId).orElseThrow(), headers.getFirst(RequestSignature.TIMESTAMP_HEADER),
                headers.getFirst(RequestSignature.SIGNATURE_HEADER), body, clock.instant());
        if (!verdict.valid()) {
            say(agencyId + " refused a callback: " + verdict);
            json(exchange, 401, error(verdict.name(), "signature check failed"));
            return;
        }
        String key = headers.getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
            json(exchange, 400, error("MISSING_IDEMPOTENCY_KEY", "an Idempotency-Key header is required"));
            return;
        }
        DepartmentCallback callback;
        try {
            callback = DepartmentCallback.parse(new String(body, StandardCharsets.UTF_8));
        } catch (BadInput e) {
            say(agencyId + " refused a callback that breaks the contract: " + e.getMessage());
            json(exchange, 400, error(e.code(), e.getMessage()));
            return;
        }
        if (!callback.agencyId().equals(agencyId)) {
            json(exchange, 400, error("WRONG_AGENCY", "the callback is for " + callback.agencyId() + ", not " + agencyId));
            return;
        }
        if (mode == Mode.REJECT) {
            say(agencyId + " rejects " + callback.dossier().code().value() + ": 400");
            json(exchange, 400, error("REJECTED_BY_DEPARTMENT", "the simulated department refuses this dossier"));
            return;
        }
        var map = received.get(agencyId);
        Received r;
        boolean duplicate;
        synchronized (map) {
            r = map.get(key);
            duplicate = r != null;
            if (duplicate) {
                r.deliveredAgain();
            } else {
                r = new Received(key, callback.dossier().code().value(), callback.dossier().procedureCode() + " – " + callback.dossier().procedureName(),
                        callback.reason().name().toLowerCase(Locale.ROOT), clock.instant(), Json.mapper().readTree(body));
                map.put(key, r);
            }
        }
        if (!duplicate && mode == Mode.AUTO_APPROVE) r.autoPending().set(true);
        persist(); // before the 200: a callback the department acknowledged is one it keeps
        say(agencyId + (duplicate ? " got again " : " received ") + r.dossierCode + " (" + r.reason + ", key " + key + ")");
        json(exchange, 200, Json.object().put("status", duplicate ? "duplicate" : "received").put("dossierCode", r.dossierCode));
        if (!duplicate && r.reason.equals("withdrawn")) acknowledgeWithdrawal(agencyId, r);
        else if (!duplicate && mode == Mode.AUTO_APPROVE) autoApprove(agencyId, r);
    }

    /** A department's system stops work on a withdrawn dossier and says so at once, in every mode that answers at all. */
    private void acknowledgeWithdrawal(String agencyId, Received r) {
        auto.submit(() -> {
            try {
                answerPersistently(agencyId, r.dossierCode, Json.mapper().readTree(
                        "{\"withdrawalAcknowledged\":{\"note\":\"Đã dừng thẩm định hồ sơ.\"}}"), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                say("acknowledging the withdrawal of " + r.dossierCode + " failed: " + e);
            }
        });
    }

    private void autoApprove(String agencyId, Received r) {
        auto.submit(() -> {
            try {
                // resumed after a crash: an answer the API already took is not sent again
                if (r.reason.equals("new") && !r.taken("accepted")) {
                    // waited for: the result must not overtake it (the updates function would refuse it as illegal)
                    var accepted = answerPersistently(agencyId, r.dossierCode, Json.mapper().readTree("{\"accepted\":{}}"), true);
                    if (accepted.status() != 202) return;
                }
                // the last answer: nothing comes after it, so nobody waits to see it applied (no status checks)
                var result = answerPersistently(agencyId, r.dossierCode, Json.mapper().readTree("{\"resultReady\":{\"outcome\":\"approved\",\"documents\":[\"SIM/"
                        + agencyId + "/" + r.dossierCode + "/ket-qua.pdf\"]}}"), false);
                if (result.status() == 202 || result.status() / 100 == 4) {
                    r.autoPending().set(false); // taken, or refused for good: nothing more owed
                    persist();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                say("auto-approve of " + r.dossierCode + " failed: " + e);
            }
        });
    }

    /**
     * An automatic answer, sent again while the API did not take it (no answer, 5xx, 429) as a
     * department's system would retry: under load a lost answer would leave the dossier waiting forever.
     */
    private Sent answerPersistently(String agencyId, String dossierCode, JsonNode answer, boolean settle) throws InterruptedException {
        Sent sent = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            sent = answer(agencyId, dossierCode, answer, settle);
            if (sent.status() < 500 && sent.status() != 429) return sent;
            Thread.sleep(200L * attempt);
        }
        return sent;
    }

    private boolean known(HttpExchange exchange, String agencyId) throws IOException {
        if (agencies.contains(agencyId)) return true;
        json(exchange, 404, error("UNKNOWN_AGENCY", "the simulator plays " + String.join(", ", agencies)));
        return false;
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            return body.length == 0 ? Json.object() : Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().nullNode();
        }
    }

    private static ObjectNode error(String code, String message) {
        var o = Json.object();
        o.putObject("error").put("code", code).put("message", message);
        return o;
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        reply(exchange, status, "application/json; charset=utf-8", Json.write(body));
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", contentType);
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }

    private void say(String line) {
        if (log != null) log.println("[department simulator] " + line);
    }

    private static Thread daemon(Runnable r, String name) {
        var t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        auto.shutdownNow();
    }

    // ---- the command ----------------------------------------------------------------------------

    /**
     * {@code DepartmentSimulator [--host H] [--port N] [--api URL] [--secrets FILE]}: runs alone, e.g.
     * against an API started otherwise. Defaults: 127.0.0.1, 3100, http://127.0.0.1:3000, infra/local/department-secrets.json.
     */
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1", api = "http://127.0.0.1:3000";
        int port = DEFAULT_PORT;
        Path secretsFile = vn.motcua.local.stack.ProjectDirectory.find().resolve("infra/local/department-secrets.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--api" -> api = args[++i];
                case "--secrets" -> secretsFile = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: DepartmentSimulator [--host H] [--port N] [--api URL] [--secrets FILE]");
                    System.exit(2);
                }
            }
        }
        URI apiUri = URI.create(api);
        var simulator = start(host, port, Files.readString(secretsFile), () -> apiUri, Clock.systemUTC(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("Department simulator on " + simulator.url() + " (answers to " + apiUri + "), agencies: " + simulator.agencies());
        Thread.currentThread().join();
    }
}
