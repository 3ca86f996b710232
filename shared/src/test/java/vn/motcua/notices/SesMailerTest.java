package vn.motcua.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Mailer#ses} (the SDK's SES v2 client) against a small server speaking SES v2's REST-JSON
 * protocol, for what the local SES emulator cannot do: refuse a message, fail for good. (Throttling
 * that the SDK retries until it succeeds is tested through a failing proxy in FaultsTest.) (Sending itself is tested against the
 * emulator by the notifier and the deadline watch.)
 */
class SesMailerTest {

    private HttpServer server;
    private SesV2Client ses;
    private volatile int status = 200;
    private volatile String errorType;
    private volatile String answer = "{\"MessageId\":\"m-1\"}";
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    private final Email email = new Email("dan@example.vn", "Hồ sơ đã được tiếp nhận", "<p>Chào bạn</p>", "Chào bạn");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(Json.mapper().readTree(exchange.getRequestBody()));
            var h = exchange.getRequestHeaders();
            requests.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getPath(),
                    "authorization", String.valueOf(h.getFirst("Authorization"))));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            if (errorType != null) exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ses = AwsClients.newSesV2(AwsSettings.from(Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + server.getAddress().getPort())));
    }

    @AfterEach
    void stop() {
        ses.close();
        server.stop(0);
    }

    @Test
    void sendsOneSignedSimpleUtf8MessageAndAnswersItsId() {
        assertThat(Mailer.ses(ses, "motcua@example.vn", "notices").send(email)).isEqualTo("m-1");

        assertThat(requests.get(0)).containsEntry("method", "POST").containsEntry("path", "/v2/email/outbound-emails");
        assertThat(requests.get(0).get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=test/")
                .contains("/ap-southeast-1/ses/aws4_request");
        JsonNode sent = bodies.get(0);
        assertThat(sent.path("FromEmailAddress").asText()).isEqualTo("motcua@example.vn");
        assertThat(sent.path("Destination").path("ToAddresses").get(0).asText()).isEqualTo("dan@example.vn");
        assertThat(sent.path("ConfigurationSetName").asText()).isEqualTo("notices");
        JsonNode simple = sent.path("Content").path("Simple");
        assertThat(simple.path("Subject").path("Data").asText()).isEqualTo("Hồ sơ đã được tiếp nhận");
        assertThat(simple.path("Subject").path("Charset").asText()).isEqualTo("UTF-8");
        assertThat(simple.path("Body").path("Html").path("Data").asText()).isEqualTo("<p>Chào bạn</p>");
        assertThat(simple.path("Body").path("Text").path("Charset").asText()).isEqualTo("UTF-8");

        Mailer.ses(ses, "motcua@example.vn", " ").send(email);
        assertThat(bodies.get(1).has("ConfigurationSetName")).isFalse();
    }

    @Test
    void aRejectedMessageIsPermanent() {
        status = 400;
        errorType = "MessageRejected:http://internal.amazon.com/coral/com.amazonaws.services.sesv2/";
        answer = "{\"message\":\"Email address is not verified.\"}";
        assertThatThrownBy(() -> Mailer.ses(ses, "motcua@example.vn", "").send(email))
                .isInstanceOfSatisfying(Mailer.Rejected.class, e -> assertThat(e.reason()).isEqualTo("MESSAGE_REJECTED"));
    }

    @Test
    void throttlingAnOutageAndOtherBadRequestsAreTemporary() {
        for (int s : new int[] {429, 500, 503}) {
            status = s;
            errorType = s == 429 ? "TooManyRequestsException" : null;
            answer = "{}";
            int before = requests.size();
            assertThatThrownBy(() -> Mailer.ses(ses, "motcua@example.vn", "").send(email))
                    .isInstanceOfSatisfying(SesV2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(s));
            assertThat(requests.size() - before).as("the SDK retried HTTP " + s).isGreaterThan(1);
        }
        status = 404;
        errorType = null;
        answer = "{\"__type\":\"NotFoundException\",\"message\":\"Configuration set does not exist\"}";
        assertThatThrownBy(() -> Mailer.ses(ses, "motcua@example.vn", "missing").send(email))
                .isInstanceOfSatisfying(SesV2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException"));
    }
}
