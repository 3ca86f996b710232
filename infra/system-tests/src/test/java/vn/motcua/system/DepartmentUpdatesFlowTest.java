package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.local.LocalRun;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.store.DossierRepository;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dossier's trip through the departments in the local run, as infra/run starts it: received at the
 * desk, routed, delivered as a signed callback to the department (the simulator), then the department
 * answers through the API; the updates queue and function apply the answers, and the desk sees them in
 * {@code GET /dossiers/{code}}.
 */
class DepartmentUpdatesFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    private static LocalRun run;

    @BeforeAll
    static void start() {
        run = LocalRun.start(LocalRun.Options.ephemeral(ProjectDirectory.find(), data)
                .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build());
    }

    @AfterAll
    static void stop() {
        if (run != null) run.close();
    }

    @Test
    void a_decision_sent_from_the_simulator_moves_the_dossier_and_the_desk_sees_it() throws Exception {
        String token = signIn();
        String body = JSON.readTree(Files.readString(ProjectDirectory.find().resolve("events/intake-post.json"))).get("body").asText();
        var received = HTTP.send(HttpRequest.newBuilder(api("/dossiers")).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "flow-1").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(received.statusCode()).as(received.body()).isEqualTo(201);
        var code = new DossierCode(JSON.readTree(received.body()).path("code").asText());

        var table = run.runner().functions().stream().filter(f -> f.logicalId().equals("UpdatesFunction")).findFirst().orElseThrow()
                .environment().get("DOSSIER_TABLE");
        var dossiers = new DossierRepository(run.stack().dynamoDb(), table);
        String agency = dossiers.find(code).orElseThrow().agencyId();
        handOver(dossiers, code, agency);

        // The department accepts, through the simulator's own route as a person or a browser test would.
        var accepted = HTTP.send(HttpRequest.newBuilder(URI.create(run.simulator().url() + "/agencies/" + agency + "/dossiers/" + code.value() + "/answers"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"accepted\":{}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(stateSeenByTheDesk(token, code, "IN_PROCESS")).isEqualTo("IN_PROCESS");

        var approved = run.simulator().answer(agency, code.value(),
                JSON.readTree("{\"resultReady\":{\"outcome\":\"approved\",\"documents\":[\"SIM/ket-qua.pdf\"]}}"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(202);
        assertThat(stateSeenByTheDesk(token, code, "RESULT_READY")).isEqualTo("RESULT_READY");

        // Another department, with its own valid key, cannot touch it: 403 from the API, nothing changes.
        String other = run.simulator().agencies().stream().filter(a -> !a.equals(agency)).findFirst().orElseThrow();
        var refused = run.simulator().answer(other, code.value(), JSON.readTree("{\"accepted\":{}}"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("WRONG_AGENCY");
        assertThat(dossiers.find(code).orElseThrow().state().name()).isEqualTo("RESULT_READY");
    }

    /** The router and the dispatcher deliver the dossier: wait for the simulated department to have it. */
    private static void handOver(DossierRepository dossiers, DossierCode code, String agency) throws InterruptedException {
        for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < end; Thread.sleep(200)) {
            if (run.simulator().received(agency).stream().anyMatch(r -> r.dossierCode().equals(code.value()))) return;
        }
        throw new AssertionError("the simulated department " + agency + " never received " + code.value());
    }

    /** Polls the desk's view of the dossier until it shows {@code expected} (the queue and function run in the background). */
    private static String stateSeenByTheDesk(String token, DossierCode code, String expected) throws Exception {
        String state = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; Thread.sleep(200)) {
            var response = HTTP.send(HttpRequest.newBuilder(api("/dossiers/" + code.value())).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode dossier = JSON.readTree(response.body());
            state = dossier.path("state").path("code").asText();
            if (state.equals(expected)) return state;
        }
        return state;
    }

    /** A desk clerk signed in through the local Cognito (USER_PASSWORD_AUTH, as the web app signs in). */
    private static String signIn() {
        return run.idToken("quay01@buudien.quangngai.vn");
    }

    private static URI api(String path) { return run.apiUrl().resolve(path); }
}
