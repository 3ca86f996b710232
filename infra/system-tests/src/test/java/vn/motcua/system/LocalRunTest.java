package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.LocalRun;
import vn.motcua.local.stack.ProjectDirectory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run command's system on the real template.yaml and the built functions, started the way
 * {@code infra/run} starts it (ephemeral ports, a temporary data directory), used as the desk app
 * would: sign in as a clerk, read the catalog.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    private static LocalRun.Options options;
    private static LocalRun run;

    @BeforeAll
    static void start() {
        options = LocalRun.Options.ephemeral(ProjectDirectory.find(), data).build();
        run = LocalRun.start(options);
    }

    @AfterAll
    static void stop() {
        if (run != null) run.close();
    }

    @Test
    @Order(1)
    void aDeskClerkSignsInAndReadsTheCatalogOfTheFourDepartments() throws Exception {
        String token = signIn("quay01", "quay01-local");

        var response = HTTP.send(HttpRequest.newBuilder(api("/catalog")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode agencies = JSON.readTree(response.body()).get("agencies");
        assertThat(agencies).hasSize(4);
        agencies.forEach(agency -> assertThat(agency.get("nameVi").asText()).startsWith("Sở "));
        agencies.forEach(agency -> assertThat(agency.get("procedures")).isNotEmpty());
    }

    @Test
    @Order(2)
    void theCatalogWithoutATokenIs401() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(api("/catalog")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    @Order(3)
    void aSecondRunOnTheSameDataSaysWhichProcessRuns() {
        assertThatThrownBy(() -> LocalRun.start(LocalRun.Options.ephemeral(ProjectDirectory.find(), data)
                .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build()))
                .hasMessageContaining("already running (pid " + ProcessHandle.current().pid() + ")");
    }

    @Test
    @Order(4)
    void closingStopsEverythingTheNodeProcessIncluded() throws Exception {
        long node = run.stack().nodePid();
        URI api = run.apiUrl();
        run.close();
        run = null;

        assertThat(ProcessHandle.of(node).map(ProcessHandle::isAlive)).as("node pid %d", node).isNotEqualTo(java.util.Optional.of(true));
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(api.resolve("/catalog")).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
    }

    private static String signIn(String username, String password) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(api("/_local/sign-in"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("token").asText();
    }

    private static URI api(String path) {
        return run.apiUrl().resolve(path);
    }
}
