package vn.motcua.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP and queue edges, driven by the real event shapes in events/. */
class EdgeTest {

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    EdgeTest() {
        Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() { Log.redirect(null); }

    static ObjectNode event(String name) throws IOException {
        Path root = Path.of(System.getProperty("motcua.project.dir", ".."));
        return (ObjectNode) Json.mapper().readTree(Files.readString(root.resolve("events").resolve(name)));
    }

    static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, JsonNode event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, (Context) null);
        return Json.mapper().readTree(out.toByteArray());
    }

    /** Echoes what it understood of the request, or fails the way it is told to. */
    static final class Echo extends HttpFunction {
        @Override
        protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
            var staff = request.staffIn("desk");
            if (request.body() != null) {
                JsonNode body = request.jsonBody();
                if (body.path("explode").asBoolean()) throw new IllegalStateException("bug");
            }
            ObjectNode answer = Json.object().put("staff", staff.id()).put("route", request.routeKey());
            answer.putArray("groups").addAll(staff.groups().stream().map(Json.mapper().getNodeFactory()::textNode).toList());
            return HttpResponse.ok(answer);
        }
    }

    @Test
    void a_route_the_function_does_not_serve_is_one_code_from_every_function() {
        var e = BadInput.noSuchRoute("DELETE /dossiers/{code}");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo(BadInput.NO_SUCH_ROUTE).isEqualTo("NO_SUCH_ROUTE");
        assertThat(e.getMessage()).isEqualTo("Không có chức năng này: DELETE /dossiers/{code}.");
        assertThat(e.fields()).isEmpty();
    }

    @Test
    void http_event_is_read_and_answered_with_the_staff_from_the_claims() throws IOException {
        JsonNode answer = invoke(new Echo(), event("catalog-list.json"));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(answer.path("body").asText());
        assertThat(body.path("staff").asText()).isEqualTo("7b1c2d3e-0000-4000-8000-00000000d001");
        assertThat(body.path("route").asText()).isEqualTo("GET /catalog");
        assertThat(body.path("groups").toString()).isEqualTo("[\"desk\"]");
    }

    @Test
    void malformed_json_is_a_400_that_says_where() throws IOException {
        ObjectNode event = event("catalog-list.json");
        event.put("body", "{\"name\": ");
        JsonNode answer = invoke(new Echo(), event);

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        JsonNode error = Json.mapper().readTree(answer.path("body").asText()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(error.path("message").asText()).contains("không phải JSON hợp lệ", "dòng 1");
    }

    @Test
    void base64_bodies_are_decoded() throws IOException {
        ObjectNode event = event("catalog-list.json");
        event.put("body", java.util.Base64.getEncoder().encodeToString("{\"explode\": true}".getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        assertThat(invoke(new Echo(), event).path("statusCode").asInt()).isEqualTo(500);
    }

    @Test
    void no_claims_is_401_and_the_wrong_group_is_403() throws IOException {
        ObjectNode anonymous = event("catalog-list.json");
        ((ObjectNode) anonymous.path("requestContext")).remove("authorizer");
        assertThat(invoke(new Echo(), anonymous).path("statusCode").asInt()).isEqualTo(401);

        ObjectNode office = event("catalog-list.json");
        ((ObjectNode) office.path("requestContext").path("authorizer").path("jwt").path("claims")).put("cognito:groups", "[office]");
        assertThat(invoke(new Echo(), office).path("statusCode").asInt()).isEqualTo(403);
    }

    @Test
    void a_bug_is_a_500_with_the_request_id_and_one_json_log_line() throws IOException {
        ObjectNode event = event("catalog-list.json");
        event.put("body", "{\"explode\": true}");
        JsonNode answer = invoke(new Echo(), event);

        assertThat(answer.path("statusCode").asInt()).isEqualTo(500);
        assertThat(answer.path("body").asText()).contains("cGl0YWJjZGVmZ2hpamtsbW5vcA=");
        String[] lines = logs.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines[0]);
        assertThat(line.path("event").asText()).isEqualTo("http.failed");
        assertThat(line.path("requestId").asText()).isEqualTo("cGl0YWJjZGVmZ2hpamtsbW5vcA=");
        assertThat(lines[0]).doesNotContain("quay01@");
    }

    /** Issue 16, finding 5: a group named "readonly,office" was read as two groups, office among them. */
    @Test
    void a_group_name_with_a_comma_is_one_group() {
        assertThat(HttpRequest.groups("[readonly,office]")).containsExactly("readonly,office");
        assertThat(HttpRequest.groups("[\"readonly,office\"]")).containsExactly("readonly,office");
        assertThat(HttpRequest.groups("[readonly,office desk]")).containsExactly("readonly,office", "desk");
    }

    /** Issue 16, finding 3: 10,000 unknown fields gave a 1.7 MB answer, 40,000 one over Lambda's 6 MB. */
    @Test
    void an_answer_lists_the_first_fields_at_fault_and_counts_the_rest() throws IOException {
        var fields = new ArrayList<BadInput.FieldError>();
        for (int i = 0; i < 40_000; i++) fields.add(new BadInput.FieldError("f" + i, "Trường «f" + i + "» không được hỗ trợ."));
        var answer = HttpResponse.problem(new BadInput(400, "INVALID_FIELDS", "Có 40000 thông tin chưa hợp lệ.", fields));

        assertThat(answer.body().length()).isLessThan(8_000);
        JsonNode error = Json.mapper().readTree(answer.body()).path("error");
        assertThat(error.path("fields")).hasSize(HttpResponse.MAX_FIELDS);
        assertThat(error.path("fields").get(0).path("field").asText()).isEqualTo("f0");
        assertThat(error.path("moreFields").asInt()).isEqualTo(40_000 - HttpResponse.MAX_FIELDS);
    }

    /**
     * Issue 16, the fault suite's bad-input corpus: a dossier code, a form or a date of {@code <script>…} came back
     * verbatim in the 400's message; it is the same text to a JSON parser, but no byte of the answer reads as markup.
     */
    @Test
    void an_error_quoting_the_bad_value_never_carries_markup() throws IOException {
        String value = "<script>alert('x')</script><img src=x onerror=alert(2)>&amp;";
        var answer = HttpResponse.problem(new BadInput("INVALID_DOSSIER_CODE", "Mã hồ sơ không hợp lệ: «" + value + "»", "code"));

        assertThat(answer.body()).doesNotContain("<", ">", "&", "'");
        assertThat(Json.mapper().readTree(answer.body()).path("error").path("message").asText()).isEqualTo("Mã hồ sơ không hợp lệ: «" + value + "»");
        assertThat(answer.body()).contains("Mã hồ sơ"); // non-ASCII stays as it is
    }

    /** Issue 16, finding 3: the body is refused by its size before it is parsed. */
    @Test
    void a_body_over_the_limit_is_a_413_before_it_is_parsed() throws IOException {
        ObjectNode event = event("catalog-list.json");
        event.put("body", "{\"x\":\"" + "a".repeat(HttpFunction.MAX_BODY_BYTES) + "\"}");
        JsonNode answer = invoke(new Echo(), event);

        assertThat(answer.path("statusCode").asInt()).isEqualTo(413);
        JsonNode error = Json.mapper().readTree(answer.path("body").asText()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(error.path("message").asText()).contains("quá lớn");
    }

    @Test
    void groups_claim_in_both_shapes() {
        assertThat(HttpRequest.groups("[desk office]")).containsExactly("desk", "office");
        assertThat(HttpRequest.groups("[\"desk\",\"office\"]")).containsExactly("desk", "office");
        assertThat(HttpRequest.groups(null)).isEmpty();
    }

    @Test
    void a_failing_record_is_reported_alone_and_the_others_are_done() throws IOException {
        List<String> done = new ArrayList<>();
        var consumer = new QueueFunction() {
            @Override
            protected void handle(QueueMessage message, Context context) throws Exception {
                if (!Json.mapper().readTree(message.body()).path("ok").asBoolean()) throw new IllegalArgumentException("poison");
                done.add(message.messageId());
            }
        };
        JsonNode answer = invoke(consumer, event("sqs-batch.json"));

        assertThat(done).containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(answer.path("batchItemFailures")).hasSize(1);
        assertThat(answer.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"queue\":\"motcua-dev-routing\"", "\"receiveCount\":3");
    }
}
