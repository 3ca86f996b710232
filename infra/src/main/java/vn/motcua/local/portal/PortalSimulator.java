package vn.motcua.local.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The national public service portal's sync interface, played locally (its real specification is not public: the
 * shape is the one {@link vn.motcua.portal.HttpNationalPortal} assumes). It keeps what it was sent per dossier and
 * sequence number and counts what a real portal would hold against the sender: a record sent twice
 * ({@code duplicates}) and a record arriving after a later one of the same dossier ({@code outOfOrder}). One mode for
 * the whole portal:
 * <ul>
 *   <li>{@code ok} (the default): 200, the record kept;</li>
 *   <li>{@code slow}: the record kept, the 200 only after {@code slowDelay} (longer than the sync waits: it counts
 *       the portal as down and sends again, which must count as a duplicate, not a second change);</li>
 *   <li>{@code down}: 503 to every call of the API (what it holds is readable in the test, not over HTTP);</li>
 *   <li>{@code reject}: 422 with a reason (a permanent refusal).</li>
 * </ul>
 * Routes: {@code POST /api/hoso/dongbo} (one record), {@code GET /api/hoso/{code}} (what it holds of a dossier: what the
 * reconciliation reads), {@code GET /api/hoso} (everything, with the counters), {@code PUT /mode} {@code {"mode":"down"}},
 * {@code GET /} (a page with the modes). With a state file (the local run's data directory) everything is written
 * there at every change and read back at start: a crash of the local run loses nothing. Local use only.
 */
public final class PortalSimulator implements AutoCloseable {

    public static final int DEFAULT_PORT = 3200;

    public enum Mode {
        OK, SLOW, DOWN, REJECT;

        public String wire() { return name().toLowerCase(Locale.ROOT); }

        public static Optional<Mode> of(String text) {
            for (Mode m : values()) if (m.wire().equals(text)) return Optional.of(m);
            return Optional.empty();
        }
    }

    /** One record as the portal keeps it, and when it came. */
    public record Held(String dossierCode, int seq, int status, JsonNode record, String receivedAt) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final PrintStream log;
    private final Path stateFile;
    private final Duration slowDelay;
    private final Map<String, TreeMap<Integer, Held>> held = new TreeMap<>();
    private Mode mode = Mode.OK;
    private int duplicates, outOfOrder, received;

    private PortalSimulator(HttpServer server, ExecutorService executor, Clock clock, PrintStream log, Path stateFile, Duration slowDelay) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
        this.log = log;
        this.stateFile = stateFile;
        this.slowDelay = slowDelay;
    }

    /** Starts on {@code host:port} (0: a free one), with its state in {@code stateFile} (null: in memory only). */
    public static PortalSimulator start(String host, int port, Clock clock, PrintStream log, Path stateFile, Duration slowDelay) {
        try {
            var server = HttpServer.create(new InetSocketAddress(host, port), 50);
            var executor = Executors.newFixedThreadPool(8, r -> {
                var t = new Thread(r, "portal-simulator");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            var simulator = new PortalSimulator(server, executor, clock, log, stateFile, slowDelay);
            simulator.load();
            server.createContext("/", simulator::serve);
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("portal simulator: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public URI url() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

    /** The base URL the sync is given ({@code NationalPortalUrl}). */
    public String apiUrl() { return url() + "/api"; }

    public synchronized Mode mode() { return mode; }

    public synchronized void mode(Mode next) {
        mode = next;
        persist();
        say("mode " + next.wire());
    }

    /** What the portal holds of a dossier, by sequence number. */
    public synchronized List<Held> holds(String dossierCode) {
        return List.copyOf(held.getOrDefault(dossierCode, new TreeMap<>()).values());
    }

    /** Records sent again (same dossier and sequence number). */
    public synchronized int duplicates() { return duplicates; }

    /** Records that arrived after a later one of the same dossier. */
    public synchronized int outOfOrder() { return outOfOrder; }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ HTTP

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/api/") && mode() == Mode.DOWN) {
                json(exchange, 503, Json.object().put("error", "hệ thống đang bảo trì")); // down is down: reads too
            } else if (method.equals("POST") && path.equals("/api/hoso/dongbo")) {
                sync(exchange);
            } else if (method.equals("GET") && path.startsWith("/api/hoso/")) {
                var list = holds(path.substring("/api/hoso/".length()));
                if (list.isEmpty()) {
                    json(exchange, 404, Json.object().put("error", "không có hồ sơ"));
                } else {
                    json(exchange, 200, dossier(list));
                }
            } else if (method.equals("GET") && path.equals("/api/hoso")) {
                json(exchange, 200, everything());
            } else if ((method.equals("PUT") || method.equals("POST")) && path.equals("/mode")) {
                String text = method.equals("PUT") ? Json.text(Json.tree(exchange.getRequestBody()), "mode") : query(exchange, "mode");
                var next = Mode.of(text == null ? "" : text);
                if (next.isEmpty()) {
                    json(exchange, 400, Json.object().put("error", "mode is ok, slow, down or reject"));
                    return;
                }
                mode(next.get());
                if (method.equals("POST")) {
                    exchange.getResponseHeaders().add("Location", "/");
                    exchange.sendResponseHeaders(303, -1);
                } else {
                    json(exchange, 200, Json.object().put("mode", next.get().wire()));
                }
            } else if (method.equals("GET") && path.equals("/")) {
                byte[] page = page().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            } else {
                json(exchange, 404, Json.object().put("error", "no such route"));
            }
        } catch (RuntimeException e) {
            say("failed: " + e);
        }
    }

    private void sync(HttpExchange exchange) throws IOException {
        Mode now = mode();
        if (now == Mode.DOWN) {
            json(exchange, 503, Json.object().put("error", "hệ thống đang bảo trì"));
            return;
        }
        JsonNode record;
        try {
            record = Json.tree(exchange.getRequestBody());
        } catch (IOException e) {
            json(exchange, 400, Json.object().put("error", "not JSON"));
            return;
        }
        String code = Json.text(record, "MaHoSo");
        int seq = record.path("SoThuTu").asInt(0), status = record.path("TrangThaiHoSo").asInt(0);
        if (code == null || seq < 1 || status < 1 || status > 10 || Json.text(record, "MaTTHC") == null || Json.text(record, "NgayCapNhat") == null) {
            json(exchange, 400, Json.object().put("error", "MaHoSo, SoThuTu, MaTTHC, TrangThaiHoSo (1-10) và NgayCapNhat là bắt buộc"));
            return;
        }
        if (now == Mode.REJECT) {
            json(exchange, 422, Json.object().put("error", "Mã thủ tục " + Json.text(record, "MaTTHC") + " chưa được công bố trên Cổng"));
            return;
        }
        boolean again = keep(code, seq, status, record);
        if (now == Mode.SLOW) {
            try {
                Thread.sleep(slowDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        json(exchange, 200, Json.object().put("KetQua", again ? "DA_CO" : "OK").put("MaHoSo", code).put("SoThuTu", seq));
    }

    /** Keeps a record; true when it was held already (a duplicate: nothing changes but the counter). */
    private synchronized boolean keep(String code, int seq, int status, JsonNode record) {
        received++;
        var dossier = held.computeIfAbsent(code, c -> new TreeMap<>());
        if (dossier.containsKey(seq)) {
            duplicates++;
            persist();
            say(code + " #" + seq + " again (duplicate)");
            return true;
        }
        if (!dossier.isEmpty() && dossier.lastKey() > seq) {
            outOfOrder++;
            say(code + " #" + seq + " after #" + dossier.lastKey() + " (OUT OF ORDER)");
        }
        dossier.put(seq, new Held(code, seq, status, record, clock.instant().toString()));
        persist();
        say(code + " #" + seq + " status " + status);
        return false;
    }

    private static ObjectNode dossier(List<Held> list) {
        var o = Json.object().put("MaHoSo", list.getFirst().dossierCode());
        var array = o.putArray("DanhSach");
        list.forEach(h -> array.add(((ObjectNode) h.record().deepCopy()).put("NgayNhan", h.receivedAt())));
        return o;
    }

    private synchronized ObjectNode everything() {
        var o = Json.object().put("mode", mode.wire()).put("received", received).put("duplicates", duplicates).put("outOfOrder", outOfOrder);
        var d = o.putObject("dossiers");
        held.forEach((code, list) -> d.set(code, dossier(List.copyOf(list.values())).get("DanhSach")));
        return o;
    }

    // ------------------------------------------------------------------ state

    private synchronized void load() {
        if (stateFile == null || !Files.exists(stateFile)) return;
        try {
            var state = Json.tree(Files.readAllBytes(stateFile));
            mode = Mode.of(state.path("mode").asText("ok")).orElse(Mode.OK);
            received = state.path("received").asInt();
            duplicates = state.path("duplicates").asInt();
            outOfOrder = state.path("outOfOrder").asInt();
            state.path("dossiers").fields().forEachRemaining(e -> {
                var list = new TreeMap<Integer, Held>();
                for (var r : e.getValue()) {
                    var record = ((ObjectNode) r.deepCopy());
                    String at = record.path("NgayNhan").asText();
                    record.remove("NgayNhan");
                    list.put(r.path("SoThuTu").asInt(), new Held(e.getKey(), r.path("SoThuTu").asInt(), r.path("TrangThaiHoSo").asInt(), record, at));
                }
                held.put(e.getKey(), list);
            });
        } catch (IOException e) {
            throw new IllegalStateException("portal simulator: cannot read its state " + stateFile + ": " + e.getMessage(), e);
        }
    }

    /** The whole state, to a temporary file then moved over: never half written. */
    private synchronized void persist() {
        if (stateFile == null) return;
        try {
            Files.createDirectories(stateFile.getParent());
            var tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.write(tmp, Json.write(everything()).getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            say("cannot write its state: " + e);
        }
    }

    // ------------------------------------------------------------------ page

    private synchronized String page() {
        var html = new StringBuilder("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Cổng DVC quốc gia (giả lập)</title>")
                .append("<body style=\"font-family:sans-serif;max-width:60rem;margin:2rem auto\"><h1>Cổng dịch vụ công quốc gia — giả lập đồng bộ</h1>")
                .append("<p>Chế độ: <strong>").append(mode.wire()).append("</strong></p><p>");
        for (Mode m : Mode.values()) {
            html.append("<form method=\"post\" action=\"/mode?mode=").append(m.wire()).append("\" style=\"display:inline\"><button")
                    .append(m == mode ? " disabled" : "").append(">").append(m.wire()).append("</button></form> ");
        }
        html.append("</p><p>Đã nhận ").append(received).append(" bản ghi; trùng ").append(duplicates).append("; sai thứ tự ").append(outOfOrder)
                .append(".</p><table border=\"1\" cellpadding=\"4\"><tr><th>Mã hồ sơ</th><th>Số thứ tự</th><th>Trạng thái</th><th>Nhận lúc</th></tr>");
        held.forEach((code, list) -> list.values().forEach(h -> html.append("<tr><td>").append(escape(code)).append("</td><td>").append(h.seq())
                .append("</td><td>").append(h.status()).append("</td><td>").append(escape(h.receivedAt())).append("</td></tr>")));
        return html.append("</table></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String query(HttpExchange exchange, String name) {
        String q = exchange.getRequestURI().getQuery();
        if (q == null) return null;
        for (String part : q.split("&")) if (part.startsWith(name + "=")) return part.substring(name.length() + 1);
        return null;
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void say(String line) {
        if (log != null) log.println("[portal] " + line);
    }
}
