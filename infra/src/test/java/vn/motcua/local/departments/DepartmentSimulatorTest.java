package vn.motcua.local.departments;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.RequestSignature;
import vn.motcua.edge.Json;
import vn.motcua.local.LocalRun;
import vn.motcua.local.stack.ProjectDirectory;

import java.io.IOException;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator between two ends played here: callbacks signed in the test with
 * {@link RequestSignature} (as the dispatcher will sign them), and a stand-in API that records the
 * updates the simulator sends and checks them as the real endpoint does: signature and schema.
 */
class DepartmentSimulatorTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final String KHCN = "so-khoa-hoc-cong-nghe", GDDT = "so-giao-duc-dao-tao";

    /** What the stand-in API received: agency of the path, the verdict on its signature, the body. */
    record Posted(String agency, RequestSignature.Verdict verdict, String body) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger statusAsked = new java.util.concurrent.atomic.AtomicInteger();
    private DepartmentSecrets secrets;
    private HttpServer api;
    private DepartmentSimulator simulator;
    private String callback;

    @BeforeEach
    void start() throws IOException {
        String secretsJson = LocalRun.localDepartmentSecrets(PROJECT);
        secrets = DepartmentSecrets.fromJson(secretsJson, "test");
        callback = Files.readString(PROJECT.resolve("events/messages/department-callback.json"));
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        api.createContext("/departments/", exchange -> {
            try (exchange) {
                String agency = exchange.getRequestURI().getPath().split("/")[2];
                if (exchange.getRequestMethod().equals("GET")) { // what became of a message: applied at once here
                    byte[] status = "{\"status\":\"applied\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, status.length);
                    exchange.getResponseBody().write(status);
                    statusAsked.incrementAndGet();
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                var verdict = RequestSignature.verify(secrets.secretOf(agency).orElseThrow(),
                        exchange.getRequestHeaders().getFirst("X-MotCua-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-MotCua-Signature"), body, Instant.now());
                posted.add(new Posted(agency, verdict, new String(body, StandardCharsets.UTF_8)));
                byte[] answer = "{\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(verdict.valid() ? 202 : 401, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        api.start();
        URI apiUrl = URI.create("http://127.0.0.1:" + api.getAddress().getPort());
        simulator = DepartmentSimulator.start("127.0.0.1", 0, secretsJson, () -> apiUrl, Clock.systemUTC(), null);
    }

    @AfterEach
    void stop() {
        simulator.close();
        api.stop(0);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private HttpResponse<String> deliver(String pathAgency, String signer, String body, String idempotencyKey) throws Exception {
        long t = Instant.now().getEpochSecond();
        var request = HttpRequest.newBuilder(simulator.callbackUrl(pathAgency)).header("content-type", "application/json")
                .header("X-MotCua-Timestamp", Long.toString(t))
                .header("X-MotCua-Signature", RequestSignature.sign(secrets.secretOf(signer).orElseThrow(), t, body));
        if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(String body, String key) throws Exception { return deliver(KHCN, KHCN, body, key); }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(simulator.url() + path)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode dossiers(String agency) throws Exception {
        return Json.mapper().readTree(call("GET", "/agencies/" + agency + "/dossiers", null).body()).path("dossiers");
    }

    // ---- callbacks ------------------------------------------------------------------------------

    /**
     * Issue 16: the simulator kept what it received and the answers it owed in memory, so a crash of the local run lost
     * them. With a state file, a restart has them, and sends the automatic answers the API had not taken.
     */
    @Test
    void a_restart_on_the_same_state_file_keeps_what_was_received_and_sends_the_answers_still_owed(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String secretsJson = LocalRun.localDepartmentSecrets(PROJECT);
        Path state = dir.resolve("simulator/state.json");
        URI nowhere = URI.create("http://127.0.0.1:9"); // the API is down while the first one runs: no answer is taken
        var first = DepartmentSimulator.start("127.0.0.1", 0, secretsJson, () -> nowhere, Clock.systemUTC(), null, state);
        try {
            first.setMode(KHCN, DepartmentSimulator.Mode.AUTO_APPROVE);
            simulator.close();
            simulator = first;
            assertThat(deliver(callback, "dispatch-crash").statusCode()).isEqualTo(200);
        } finally {
            first.close(); // as good as a kill: its answers never got through
        }
        assertThat(posted).isEmpty();

        URI apiUrl = URI.create("http://127.0.0.1:" + api.getAddress().getPort());
        simulator = DepartmentSimulator.start("127.0.0.1", 0, secretsJson, () -> apiUrl, Clock.systemUTC(), null, state);

        assertThat(simulator.mode(KHCN)).isEqualTo(DepartmentSimulator.Mode.AUTO_APPROVE);
        assertThat(simulator.received(KHCN)).singleElement().satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo("dispatch-crash"));
        long end = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (posted.size() < 2 && System.nanoTime() < end) Thread.sleep(50);
        assertThat(posted).extracting(p -> p.body().contains("\"accepted\"") ? "accepted" : p.body().contains("\"resultReady\"") ? "resultReady" : "?")
                .containsExactly("accepted", "resultReady");
        end = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (simulator.received(KHCN).get(0).autoPending().get() && System.nanoTime() < end) Thread.sleep(50);
        assertThat(simulator.received(KHCN).get(0).autoPending()).as("nothing owed any more").isFalse();
    }

    @Test
    void a_signed_callback_is_received_once_per_idempotency_key() throws Exception {
        var first = deliver(callback, "dispatch-1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"received\"");
        var again = deliver(callback, "dispatch-1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\"");
        var list = dossiers(KHCN);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("dossierCode").asText()).isEqualTo("000.00.92.H48-200302-0007");
        assertThat(list.get(0).path("deliveries").asInt()).isEqualTo(2);
        assertThat(dossiers(GDDT)).isEmpty();
        assertThat(posted).isEmpty(); // manual: nobody answered yet
    }

    @Test
    void a_callback_with_a_bad_or_missing_signature_or_another_agencys_key_is_401() throws Exception {
        assertThat(deliver(KHCN, GDDT, callback, "k").statusCode()).isEqualTo(401);
        var unsigned = http.send(HttpRequest.newBuilder(simulator.callbackUrl(KHCN)).header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        long stale = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();
        var old = http.send(HttpRequest.newBuilder(simulator.callbackUrl(KHCN)).header("Idempotency-Key", "k")
                .header("X-MotCua-Timestamp", Long.toString(stale))
                .header("X-MotCua-Signature", RequestSignature.sign(secrets.secretOf(KHCN).orElseThrow(), stale, callback))
                .POST(HttpRequest.BodyPublishers.ofString(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).contains("STALE_TIMESTAMP");
        assertThat(dossiers(KHCN)).isEmpty();
    }

    @Test
    void a_callback_that_breaks_the_contract_or_lacks_its_key_is_400() throws Exception {
        assertThat(deliver(callback, null).statusCode()).isEqualTo(400);
        var broken = callback.replace("\"reason\": \"new\"", "\"reason\": \"whatever\"");
        assertThat(broken).isNotEqualTo(callback);
        assertThat(deliver(broken, "k2").statusCode()).isEqualTo(400);
        // Signed correctly by GDDT, sent to GDDT's endpoint, but about KHCN.
        assertThat(deliver(GDDT, GDDT, callback, "k3").statusCode()).isEqualTo(400);
        assertThat(dossiers(KHCN)).isEmpty();
        assertThat(dossiers(GDDT)).isEmpty();
    }

    @Test
    void down_answers_503_until_switched_back_then_the_same_delivery_is_received() throws Exception {
        assertThat(call("PUT", "/agencies/" + KHCN + "/mode", "{\"mode\":\"down\"}").statusCode()).isEqualTo(200);
        assertThat(deliver(callback, "dispatch-down").statusCode()).isEqualTo(503);
        assertThat(deliver(callback, "dispatch-down").statusCode()).isEqualTo(503);
        assertThat(dossiers(KHCN)).isEmpty();
        call("PUT", "/agencies/" + KHCN + "/mode", "{\"mode\":\"manual\"}");
        assertThat(deliver(callback, "dispatch-down").statusCode()).isEqualTo(200);
        assertThat(dossiers(KHCN)).hasSize(1);
    }

    @Test
    void reject_answers_400_a_permanent_refusal() throws Exception {
        call("PUT", "/agencies/" + KHCN + "/mode", "{\"mode\":\"reject\"}");
        var answer = deliver(callback, "dispatch-rej");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("REJECTED_BY_DEPARTMENT");
        assertThat(call("PUT", "/agencies/" + KHCN + "/mode", "{\"mode\":\"sleepy\"}").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/agencies/so-khong-co/dossiers", null).statusCode()).isEqualTo(404);
    }

    // ---- answers --------------------------------------------------------------------------------

    @Test
    void an_answer_goes_to_the_api_signed_with_the_agencys_key_and_valid_against_the_contract() throws Exception {
        deliver(callback, "dispatch-ans");
        var answer = call("POST", "/agencies/" + KHCN + "/dossiers/000.00.92.H48-200302-0007/answers",
                "{\"supplementRequired\":{\"items\":[\"Bản sao có chứng thực\"],\"reason\":\"Bản chụp chưa chứng thực\"}}");
        assertThat(answer.statusCode()).isEqualTo(202); // the API's answer, passed on
        assertThat(answer.body()).contains("queued");
        assertThat(answer.headers().firstValue("x-simulator-outcome")).contains("applied"); // it asked the API, signed
        assertThat(statusAsked.get()).isEqualTo(1);
        assertThat(posted).singleElement().satisfies(p -> {
            assertThat(p.agency()).isEqualTo(KHCN);
            assertThat(p.verdict()).isEqualTo(RequestSignature.Verdict.VALID);
            var update = DepartmentUpdate.parse(p.body());
            assertThat(update.dossierCode().value()).isEqualTo("000.00.92.H48-200302-0007");
            assertThat(update.answer()).isInstanceOf(DepartmentUpdate.Answer.SupplementRequired.class);
        });
        assertThat(dossiers(KHCN).get(0).path("answers").get(0).path("status").asInt()).isEqualTo(202);
        // Every answer is a new message.
        call("POST", "/agencies/" + KHCN + "/dossiers/000.00.92.H48-200302-0007/answers", "{\"accepted\":{}}");
        assertThat(posted).extracting(p -> Json.mapper().readTree(p.body()).path("messageId").asText()).doesNotHaveDuplicates().hasSize(2);
        assertThat(call("POST", "/agencies/" + KHCN + "/dossiers/x/answers", "{\"a\":1,\"b\":2}").statusCode()).isEqualTo(400);
    }

    @Test
    void a_department_answers_only_for_a_dossier_it_was_sent() throws Exception {
        var early = call("POST", "/agencies/" + KHCN + "/dossiers/000.00.92.H48-200302-0007/answers", "{\"accepted\":{}}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("NOT_RECEIVED");
        deliver(callback, "dispatch-late");
        var other = call("POST", "/agencies/" + GDDT + "/dossiers/000.00.92.H48-200302-0007/answers", "{\"accepted\":{}}");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(posted).isEmpty();
        assertThat(call("POST", "/agencies/" + KHCN + "/dossiers/000.00.92.H48-200302-0007/answers", "{\"accepted\":{}}").statusCode())
                .isEqualTo(202);
    }

    @Test
    void a_browser_on_another_origin_may_send_answers() throws Exception {
        var preflight = call("OPTIONS", "/agencies/" + KHCN + "/dossiers/000.00.92.H48-200302-0007/answers", null);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
        assertThat(call("GET", "/agencies/" + KHCN + "/dossiers", null).headers().firstValue("access-control-allow-origin")).contains("*");
    }

    @Test
    void auto_approve_accepts_then_approves_through_the_api() throws Exception {
        call("PUT", "/agencies/" + KHCN + "/mode", "{\"mode\":\"auto-approve\"}");
        assertThat(deliver(callback, "dispatch-auto").statusCode()).isEqualTo(200);
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); posted.size() < 2 && System.nanoTime() < end; ) Thread.sleep(50);
        assertThat(posted).extracting(p -> DepartmentUpdate.parse(p.body()).answer().key()).containsExactly("accepted", "resultReady");
        assertThat(posted).allSatisfy(p -> assertThat(p.verdict().valid()).isTrue());
        // A duplicate delivery does not answer twice.
        deliver(callback, "dispatch-auto");
        Thread.sleep(1000);
        assertThat(posted).hasSize(2);
    }

    @Test
    void the_page_lists_each_department_and_escapes_what_it_shows() throws Exception {
        var marked = callback.replace("\"name\": \"Cấp và cấp lại", "\"name\": \"<b>Cấp</b> và cấp lại");
        assertThat(marked).isNotEqualTo(callback);
        assertThat(deliver(marked, "dispatch-page").statusCode()).isEqualTo(200);
        var page = call("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(KHCN, GDDT, "so-ngoai-vu", "so-thong-tin-truyen-thong", "Phê duyệt", "Yêu cầu bổ sung");
        assertThat(page.body()).contains("&lt;b&gt;Cấp&lt;/b&gt;").doesNotContain("<b>Cấp</b>");
    }
}
