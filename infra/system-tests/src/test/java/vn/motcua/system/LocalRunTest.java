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
 * would: sign in as a clerk through the local Cognito, read the catalog; the office's rights only with
 * TOTP (the pool's pre-token-generation function, run by the local authorizer); the departments' secrets
 * in the local Parameter Store; after a restart on the same data, the same pool and a token still good.
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
        String token = signIn("quay01@buudien.quangngai.vn", "Quay01-local");

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
    @Order(2)
    void aWrongPasswordIsRefusedByCognitoAsOnAws() {
        assertThatThrownBy(() -> signIn("quay01@buudien.quangngai.vn", "Sai-mat-khau-1"))
                .isInstanceOf(software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password");
    }

    @Test
    @Order(2)
    void theOfficesRightsComeWithTotpOnly_theStaffTokensFunctionDecides() throws Exception {
        // vanphong02 has no TOTP: signed in, but the token's office group is held back by the trigger
        String withoutTotp = signIn("vanphong02@quangngai.gov.vn", "Vanphong02-local");
        assertThat(get("/reports/statistics?from=2026-01-01&to=2026-12-31", withoutTotp).statusCode()).isEqualTo(403);
        // vanphong01 has TOTP on: the code at sign-in, and the office's statistics
        String withTotp = run.idToken("vanphong01@quangngai.gov.vn");
        var statistics = get("/reports/statistics?from=2026-01-01&to=2026-12-31", withTotp);
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theDepartmentsSecretsAreSecureStringsInTheLocalParameterStore() throws Exception {
        var secrets = JSON.readTree(java.nio.file.Files.readString(ProjectDirectory.find().resolve("infra/local/department-secrets.json")));
        var parameter = run.stack().ssm().getParameter(b -> b.name("/motcua/agencies/so-ngoai-vu/callback-signing-secret")
                .withDecryption(true)).parameter();
        assertThat(parameter.typeAsString()).isEqualTo("SecureString");
        assertThat(parameter.value()).isEqualTo(secrets.get("so-ngoai-vu").asText());
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
    void closingStopsEverythingTheNodeAndPythonProcessesIncluded() throws Exception {
        tokenBeforeRestart = signIn("quay01@buudien.quangngai.vn", "Quay01-local");
        poolBeforeRestart = run.staffPool();
        long node = run.stack().nodePid();
        long moto = run.stack().motoPid();
        URI api = run.apiUrl();
        run.close();
        run = null;

        assertThat(ProcessHandle.of(node).map(ProcessHandle::isAlive)).as("node pid %d", node).isNotEqualTo(java.util.Optional.of(true));
        assertThat(ProcessHandle.of(moto).map(ProcessHandle::isAlive)).as("moto pid %d", moto).isNotEqualTo(java.util.Optional.of(true));
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(api.resolve("/catalog")).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    @Order(5)
    void afterARestartOnTheSameDataThePoolIsTheSameAndATokenFromBeforeStillWorks() throws Exception {
        assertThat(tokenBeforeRestart).isNotNull();
        run = LocalRun.start(LocalRun.Options.ephemeral(ProjectDirectory.find(), data)
                .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build());
        assertThat(run.staffPool()).isEqualTo(poolBeforeRestart);
        var response = get("/catalog", tokenBeforeRestart);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String tokenBeforeRestart;
    private static LocalRun.StaffPoolIds poolBeforeRestart;

    /** Signs in as the web app does: InitiateAuth USER_PASSWORD_AUTH with the pool's app client, at the local Cognito. */
    private static String signIn(String email, String password) {
        var answer = run.stack().cognito().initiateAuth(b -> b.clientId(run.staffPool().clientId())
                .authFlow(software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(java.util.Map.of("USERNAME", email, "PASSWORD", password)));
        return answer.authenticationResult().idToken();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI api(String path) {
        return run.apiUrl().resolve(path);
    }
}
