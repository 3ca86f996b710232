package vn.motcua.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's Runtime API, spoken to as the runtime interface client speaks to it. */
class RuntimeApiTest {

    private static final String ARN = "arn:aws:lambda:ap-southeast-1:000000000000:function:catalog";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RuntimeApi api;

    @AfterEach
    void close() {
        if (api != null) api.close();
    }

    private RuntimeApi start(String... events) {
        api = new RuntimeApi(List.of(events).stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList(), ARN, Duration.ofSeconds(20));
        return api;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, null);
    }

    private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) request.header("Lambda-Runtime-Function-Error-Type", errorType);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + RuntimeApi.PREFIX + path);
    }

    @Test
    void next_hands_out_the_event_with_the_headers_lambda_sends_content_type_included() throws Exception {
        start("{\"routeKey\":\"GET /catalog\"}");
        long before = System.currentTimeMillis();

        var next = get("invocation/next");

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"routeKey\":\"GET /catalog\"}");
        var h = next.headers();
        assertThat(h.firstValue("Content-Type")).hasValue("application/json");
        assertThat(h.firstValue("Lambda-Runtime-Aws-Request-Id")).get().asString().matches("[0-9a-f-]{36}");
        assertThat(h.firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(ARN);
        assertThat(Long.parseLong(h.firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                .isBetween(before + 19_000, System.currentTimeMillis() + 20_000);
        assertThat(h.firstValue("Lambda-Runtime-Trace-Id")).get().asString()
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
    }

    @Test
    void every_event_is_handed_out_once_in_order_and_the_run_ends_when_the_last_is_answered() throws Exception {
        start("{\"n\":1}", "{\"n\":2}");

        var first = get("invocation/next");
        String id1 = first.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        assertThat(post("invocation/" + id1 + "/response", "{\"statusCode\":200}").statusCode()).isEqualTo(202);
        assertThat(api.outcome()).isNotDone();
        var second = get("invocation/next");
        String id2 = second.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        assertThat(second.body()).isEqualTo("{\"n\":2}");
        assertThat(id2).isNotEqualTo(id1);
        assertThat(post("invocation/" + id2 + "/response", "{\"statusCode\":201}").statusCode()).isEqualTo(202);

        var outcome = api.outcome().get(5, TimeUnit.SECONDS);
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.invocations()).extracting(RuntimeApi.Invocation::requestId).containsExactly(id1, id2);
        assertThat(outcome.invocations()).extracting(RuntimeApi.Invocation::body).containsExactly("{\"statusCode\":200}", "{\"statusCode\":201}");
        var i1 = outcome.invocations().get(0);
        assertThat(outcome.firstNextNanos()).isPositive().isLessThanOrEqualTo(i1.deliveredNanos());
        assertThat(i1.answeredNanos()).isGreaterThanOrEqualTo(i1.deliveredNanos());
        assertThat(i1.millis()).isNotNegative();
        assertThat(outcome.restoreNextNanos()).isZero();
    }

    @Test
    void an_answer_for_an_unknown_or_already_answered_request_id_is_refused_as_lambda_refuses_it() throws Exception {
        start("{}", "{}");
        String id = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

        var unknown = post("invocation/not-an-id/response", "{}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("InvalidRequestID");
        assertThat(post("invocation/" + id + "/response", "{}").statusCode()).isEqualTo(202);
        assertThat(post("invocation/" + id + "/response", "{}").statusCode()).isEqualTo(400);
        assertThat(api.outcome()).isNotDone();
    }

    @Test
    void an_invocation_error_ends_the_run_as_a_failure_with_its_type_and_body() throws Exception {
        start("{}", "{}");
        String id = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

        var accepted = post("invocation/" + id + "/error", "{\"errorMessage\":\"boom\"}", "Runtime.IllegalStateException");

        assertThat(accepted.statusCode()).isEqualTo(202);
        var outcome = api.outcome().get(5, TimeUnit.SECONDS);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.failure()).isEqualTo("invocation error Runtime.IllegalStateException: {\"errorMessage\":\"boom\"}");
        assertThat(outcome.invocations()).singleElement().satisfies(i -> {
            assertThat(i.error()).isTrue();
            assertThat(i.errorType()).isEqualTo("Runtime.IllegalStateException");
        });
    }

    @Test
    void an_init_error_ends_the_run_before_any_event() throws Exception {
        start("{}");

        assertThat(post("init/error", "{\"errorMessage\":\"no table\"}", "Runtime.BadFunctionCode").statusCode()).isEqualTo(202);

        var outcome = api.outcome().get(5, TimeUnit.SECONDS);
        assertThat(outcome.failure()).isEqualTo("init error Runtime.BadFunctionCode: {\"errorMessage\":\"no table\"}");
        assertThat(outcome.invocations()).isEmpty();
        assertThat(outcome.firstNextNanos()).isZero();
    }

    @Test
    void restore_next_is_answered_at_once_and_recorded_before_the_first_next() throws Exception {
        start("{}");

        var restore = get("restore/next");
        var next = get("invocation/next");

        assertThat(restore.statusCode()).isEqualTo(200);
        assertThat(next.statusCode()).isEqualTo(200);
        post("invocation/" + next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow() + "/response", "{}");
        var outcome = api.outcome().get(5, TimeUnit.SECONDS);
        assertThat(outcome.restoreNextNanos()).isPositive();
        assertThat(outcome.restoredNanos()).isGreaterThanOrEqualTo(outcome.restoreNextNanos());
        assertThat(outcome.firstNextNanos()).isGreaterThanOrEqualTo(outcome.restoredNanos());
    }

    @Test
    void a_restore_error_ends_the_run() throws Exception {
        start("{}");
        get("restore/next");

        post("restore/error", "{\"errorMessage\":\"afterRestore failed\"}", "Runtime.AfterRestoreError");

        assertThat(api.outcome().get(5, TimeUnit.SECONDS).failure()).startsWith("restore error Runtime.AfterRestoreError");
    }

    @Test
    void once_every_event_is_answered_a_further_next_is_held_until_the_api_closes() throws Exception {
        start("{}");
        String id = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        post("invocation/" + id + "/response", "{}");

        var held = http.sendAsync(HttpRequest.newBuilder(uri("invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(held).isNotDone();

        api.close();
        // released: 410 Gone, or the connection closed with the server
        int status = held.handle((r, e) -> r != null ? r.statusCode() : -1).get(5, TimeUnit.SECONDS);
        assertThat(status).isIn(410, -1);
    }

    @Test
    void an_unknown_path_is_not_found() throws Exception {
        start("{}");
        assertThat(get("invocation/something").statusCode()).isEqualTo(404);
        assertThat(post("invocation/next", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void a_process_that_exits_before_answering_fails_the_run() throws Exception {
        start("{}");
        Process exits = new ProcessBuilder("true").start();

        var outcome = api.await(exits, Duration.ofSeconds(10));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.failure()).isEqualTo("the runtime exited (code 0) before answering every event");
    }

    @Test
    void a_process_that_never_answers_fails_the_run_when_the_limit_passes() throws Exception {
        start("{}");
        Process waits = new ProcessBuilder("sleep", "30").start();
        try {
            var outcome = api.await(waits, Duration.ofMillis(300));
            assertThat(outcome.failure()).startsWith("no answer within");
        } finally {
            waits.destroyForcibly();
        }
    }
}
