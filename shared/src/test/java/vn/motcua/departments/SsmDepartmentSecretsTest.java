package vn.motcua.departments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import software.amazon.awssdk.services.ssm.SsmClient;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.edge.Json;
import vn.motcua.reference.CatalogFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No SSM emulator runs on this machine (LocalStack needs Docker), so the SDK's SSM client talks to a
 * small server that answers SSM's JSON protocol for {@code GetParameters}, the one call we make.
 */
class SsmDepartmentSecretsTest {

    private HttpServer server;
    private SsmClient ssm;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    private Catalog catalog;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = Json.mapper().readTree(exchange.getRequestBody());
            requests.add(request);
            var h = exchange.getRequestHeaders();
            headers.add(Map.of("target", String.valueOf(h.getFirst("X-Amz-Target")), "type", String.valueOf(h.getFirst("Content-Type")),
                    "authorization", String.valueOf(h.getFirst("Authorization")), "path", exchange.getRequestURI().getPath(),
                    "method", exchange.getRequestMethod()));
            ObjectNode answer = Json.object();
            ArrayNode found = answer.putArray("Parameters");
            ArrayNode invalid = answer.putArray("InvalidParameters");
            request.get("Names").forEach(n -> {
                String value = parameters.get(n.asText());
                if (value == null) invalid.add(n.asText());
                else found.addObject().put("Name", n.asText()).put("Type", "SecureString").put("Value", value).put("Version", 1);
            });
            byte[] body = Json.write(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ssm = AwsClients.newSsm(AwsSettings.from(Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:" + server.getAddress().getPort())));
        Path dir = Path.of(System.getProperty("motcua.project.dir", ".."), "infra", "seed", "catalog");
        catalog = CatalogFiles.validate(Files.readString(dir.resolve("agencies.json")), "agencies.json",
                Files.readString(dir.resolve("procedures.json")), "procedures.json");
    }

    @AfterEach
    void stop() {
        ssm.close();
        server.stop(0);
    }

    @Test
    void readsEveryAgencysSecretInOneDecryptedCallAndCachesThem() {
        parameters.put("/motcua/agencies/so-ngoai-vu/callback-signing-secret", "a".repeat(40));
        parameters.put("/motcua/agencies/so-khoa-hoc-cong-nghe/callback-signing-secret", "b".repeat(40));
        var clock = new MovableClock();
        var secrets = new SsmDepartmentSecrets(ssm, () -> catalog, clock);

        assertThat(secrets.secretOf("so-ngoai-vu")).hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo("a".repeat(40)));
        assertThat(secrets.secretOf("so-khoa-hoc-cong-nghe")).isPresent();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("WithDecryption").asBoolean()).isTrue();
        assertThat(requests.get(0).get("Names")).hasSize(catalog.agencies().size());
        // SSM's awsJson1_1 protocol, signed with SigV4 for the service "ssm" in the function's region
        assertThat(headers.get(0)).containsEntry("method", "POST").containsEntry("path", "/")
                .containsEntry("target", "AmazonSSM.GetParameters").containsEntry("type", "application/x-amz-json-1.1");
        assertThat(headers.get(0).get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=test/")
                .contains("/ap-southeast-1/ssm/aws4_request").contains("x-amz-target").containsPattern("Signature=[0-9a-f]{64}");

        // a rotated secret is seen once the cache is stale
        parameters.put("/motcua/agencies/so-ngoai-vu/callback-signing-secret", "c".repeat(40));
        clock.advance(SsmDepartmentSecrets.FRESH_FOR.plusSeconds(1));
        assertThat(secrets.secretOf("so-ngoai-vu")).hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo("c".repeat(40)));
        assertThat(requests).hasSize(2);
    }

    @Test
    void anAgencyWithoutASecretIsRefusedWithoutFloodingSsm() {
        parameters.put("/motcua/agencies/so-ngoai-vu/callback-signing-secret", "a".repeat(40));
        parameters.put("/motcua/agencies/so-giao-duc-dao-tao/callback-signing-secret", "too short");
        var clock = new MovableClock();
        var secrets = new SsmDepartmentSecrets(ssm, () -> catalog, clock);

        assertThat(secrets.secretOf("so-giao-duc-dao-tao")).isEmpty();
        for (int i = 0; i < 20; i++) assertThat(secrets.secretOf("no-such-agency")).isEmpty();
        assertThat(requests).hasSize(1);
        clock.advance(SsmDepartmentSecrets.MISS_RETRY.plusSeconds(1));
        assertThat(secrets.secretOf("no-such-agency")).isEmpty();
        assertThat(requests).hasSize(2);
    }

    @Test
    void theSettingChoosesSsmOrInlineJsonAndNeverEchoesAValue() {
        assertThat(DepartmentSecrets.fromSetting("ssm", () -> catalog, () -> ssm)).isInstanceOf(SsmDepartmentSecrets.class);
        assertThat(DepartmentSecrets.fromSetting("{\"so-ngoai-vu\":\"" + "x".repeat(32) + "\"}", () -> catalog, () -> ssm)
                .secretOf("so-ngoai-vu")).isPresent();
        assertThatThrownBy(() -> DepartmentSecrets.fromSetting("hunter2-secret", () -> catalog, () -> ssm))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DepartmentSecrets.fromSetting(" ", () -> catalog, () -> ssm)).hasMessageContaining("DEPARTMENT_SECRETS");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T03:00:00Z");
        void advance(Duration d) { now = now.plus(d); }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
