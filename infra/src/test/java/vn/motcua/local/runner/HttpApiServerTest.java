package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's HTTP API served locally, over real HTTP: the events functions receive, the answers
 * clients get, API Gateway's own errors, CORS and the JWT authorizer. Functions are the tiny
 * handlers of {@code vn.motcua.local.runner.handlers}, loaded from an artifact directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESK_ORIGIN = "http://localhost:8080";

    @TempDir
    static Path project;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestPool pool;
    private LocalRunner runner;
    private URI api;

    @BeforeAll
    void start() {
        RunnerFixture.buildArtifact(project);
        pool = TestPool.start();
        runner = LocalRunner.read(pool.setup(project));
        runner.load(project.resolve("unpacked"));
        api = runner.serveHttp("127.0.0.1", 0, Clock.systemUTC()).url();
    }

    @AfterAll
    void stop() {
        if (runner != null) runner.close();
        if (pool != null) pool.close();
    }

    // ------------------------------------------------------------------ the event a function gets

    @Test
    void pathParametersQueryHeadersAndCookiesArriveAsApiGatewaySendsThem() throws Exception {
        var request = HttpRequest.newBuilder(api.resolve("/items/a%20b?x=1&x=2&y=%C3%A0&flag"))
                .header("X-Custom", "one").header("X-Custom", "two").header("Cookie", "a=1; b=2").GET().build();

        JsonNode event = echoed(send(request));

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("ANY /items/{id}");
        assertThat(event.get("rawPath").asText()).isEqualTo("/items/a%20b");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("x=1&x=2&y=%C3%A0&flag");
        assertThat(event.get("queryStringParameters")).isEqualTo(json("{\"x\":\"1,2\",\"y\":\"à\",\"flag\":\"\"}"));
        assertThat(event.get("pathParameters")).isEqualTo(json("{\"id\":\"a b\"}"));
        assertThat(event.get("headers").get("x-custom").asText()).isEqualTo("one,two");
        assertThat(event.get("headers").has("cookie")).isFalse();
        assertThat(event.get("cookies")).isEqualTo(json("[\"a=1\",\"b=2\"]"));
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.has("body")).isFalse();

        JsonNode context = event.get("requestContext");
        assertThat(context.get("routeKey").asText()).isEqualTo("ANY /items/{id}");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.get("apiId").asText()).hasSize(10);
        assertThat(context.get("http")).isEqualTo(json("{\"method\":\"GET\",\"path\":\"/items/a%20b\",\"protocol\":\"HTTP/1.1\","
                + "\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"" + event.get("headers").get("user-agent").asText() + "\"}"));
        assertThat(context.get("timeEpoch").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(context.get("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.has("authorizer")).isFalse();
    }

    @Test
    void theRequestIdIsTheOneInTheEventAndInTheAnswer() throws Exception {
        var response = get("/items/7");
        assertThat(echoed(response).get("requestContext").get("requestId").asText())
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
    }

    @Test
    void aLiteralRouteWinsOverAParameterAndAnExactMethodOverAny() throws Exception {
        assertThat(echoed(get("/items/new")).get("routeKey").asText()).isEqualTo("GET /items/new");
        var post = HttpRequest.newBuilder(api.resolve("/items/new")).POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(echoed(send(post)).get("routeKey").asText()).isEqualTo("ANY /items/{id}");
    }

    @Test
    void aGreedyPathParameterTakesTheRestOfThePath() throws Exception {
        JsonNode event = echoed(get("/files/2026/H48/receipt%201.pdf"));
        assertThat(event.get("pathParameters").get("proxy").asText()).isEqualTo("2026/H48/receipt 1.pdf");
        assertThat(get("/files").statusCode()).isEqualTo(404);
    }

    @Test
    void aJsonBodyArrivesAsTextAndABinaryBodyAsBase64() throws Exception {
        var jsonPost = HttpRequest.newBuilder(api.resolve("/items/1")).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Nguyễn\"}")).build();
        JsonNode text = echoed(send(jsonPost));
        assertThat(text.get("body").asText()).isEqualTo("{\"name\":\"Nguyễn\"}");
        assertThat(text.get("isBase64Encoded").asBoolean()).isFalse();

        var binaryPost = HttpRequest.newBuilder(api.resolve("/items/1")).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2, (byte) 255})).build();
        JsonNode binary = echoed(send(binaryPost));
        assertThat(binary.get("body").asText()).isEqualTo("AAEC/w==");
        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
    }

    // ------------------------------------------------------------------ the answer a client gets

    @Test
    void theFunctionsStatusHeadersAndCookiesReachTheClient() throws Exception {
        var response = get("/items/1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo")).contains("yes");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("seen=1; Path=/", "again=2");
    }

    @Test
    void anAnswerWithoutStatusCodeIsA200WithTheAnswerAsJson() throws Exception {
        var response = get("/greet/a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(JSON.readTree(response.body()).get("greeting").asText()).isEqualTo("xin chao");
    }

    @Test
    void aPojoHandlerGoesThroughLambdasSerialization() throws Exception {
        var request = HttpRequest.newBuilder(api.resolve("/hello/Lan")).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("chào")).build();
        var response = send(request);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        assertThat(response.headers().firstValue("x-route")).contains("POST /hello/{name}");
        assertThat(response.headers().firstValue("x-function")).contains("motcua-local-PojoFunction");
        assertThat(response.body()).isEqualTo("hello Lan from anonymous: chào");
    }

    @Test
    void eachFunctionSeesItsOwnEnvironment() throws Exception {
        JsonNode a = JSON.readTree(get("/greet/a").body());
        JsonNode b = JSON.readTree(get("/greet/b").body());

        assertThat(a).isEqualTo(json("{\"greeting\":\"xin chao\",\"table\":\"runner-test-things\",\"function\":\"motcua-local-GreeterA\","
                + "\"memory\":\"256\",\"region\":\"ap-southeast-1\",\"dynamodb\":\"http://127.0.0.1:9\"}"));
        assertThat(b).isEqualTo(json("{\"greeting\":\"hello\",\"table\":\"runner-test-things\",\"function\":\"greeter-b-test\","
                + "\"memory\":\"1024\",\"region\":\"ap-southeast-1\",\"dynamodb\":\"http://127.0.0.1:9\"}"));
    }

    // ------------------------------------------------------------------ API Gateway's own errors

    @Test
    void anUnknownRouteOrMethodIs404NotFound() throws Exception {
        var unknown = get("/nowhere");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"Not Found\"}");
        var wrongMethod = HttpRequest.newBuilder(api.resolve("/greet/a")).DELETE().build();
        assertThat(send(wrongMethod).statusCode()).isEqualTo(404);
    }

    @Test
    void aFailingHandlerIs500AndTheErrorIsLogged() throws Exception {
        String logged = capturingLogs(() -> {
            var response = get("/boom");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        });
        assertThat(logged).contains("\"event\":\"local.function.failed\"").contains("FailingFunction").contains("failing on purpose");
    }

    @Test
    void anAnswerThatIsNotJsonIs500() throws Exception {
        String logged = capturingLogs(() -> {
            var response = get("/malformed");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        });
        assertThat(logged).contains("local.function.malformedResponse");
    }

    // ------------------------------------------------------------------ CORS

    @Test
    void aPreflightIsAnsweredFromTheApisCorsConfiguration() throws Exception {
        long before = runner.function("EchoFunction").invocations();
        var preflight = HttpRequest.newBuilder(api.resolve("/secure")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", DESK_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build();
        var response = send(preflight);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).contains(DESK_ORIGIN);
        assertThat(response.headers().firstValue("access-control-allow-methods")).contains("GET,POST");
        assertThat(response.headers().firstValue("access-control-allow-headers")).contains("authorization,content-type");
        assertThat(response.headers().firstValue("access-control-max-age")).contains("600");
        assertThat(runner.function("EchoFunction").invocations()).isEqualTo(before);
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeaders() throws Exception {
        var preflight = HttpRequest.newBuilder(api.resolve("/items/1")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET").build();
        var response = send(preflight);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void anAnswerToAnAllowedOriginCarriesTheApisCorsHeadersNotTheFunctions() throws Exception {
        var request = HttpRequest.newBuilder(api.resolve("/items/1")).header("Origin", DESK_ORIGIN).GET().build();
        var response = send(request);
        assertThat(response.headers().allValues("access-control-allow-origin")).containsExactly(DESK_ORIGIN);
        assertThat(response.headers().firstValue("access-control-expose-headers")).contains("x-echo");
    }

    // ------------------------------------------------------------------ the JWT authorizer

    @Test
    void aProtectedRouteWithoutATokenIs401AndTheFunctionIsNotCalled() throws Exception {
        long before = runner.function("EchoFunction").invocations();
        var response = get("/secure");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer");
        assertThat(runner.function("EchoFunction").invocations()).isEqualTo(before);
    }

    @Test
    void forgedAndMalformedTokensAre401() throws Exception {
        // signed with a key of ours, not the pool's, with the pool's claims: the signature gives it away
        var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("dummy").generate();
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(pool.issuer()).audience(pool.clientId).subject(pool.clerkSub)
                .claim("token_use", "id").claim("cognito:groups", List.of("desk", "office"))
                .issueTime(new java.util.Date()).expirationTime(new java.util.Date(System.currentTimeMillis() + 3_600_000)).build();
        var forged = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                .keyID("dummy").build(), claims);
        forged.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));

        assertThat(withToken("/secure", forged.serialize())).satisfies(r -> refused(r, "signature"));
        assertThat(withToken("/secure", "not.a.token")).satisfies(r -> refused(r, "JWT"));
    }

    @Test
    void aSignedInClerksClaimsReachTheFunctionAsApiGatewayFlattensThem() throws Exception {
        String token = pool.signIn().idToken();
        var response = withToken("/secure", token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode jwt = echoed(response).get("requestContext").get("authorizer").get("jwt");
        JsonNode claims = jwt.get("claims");
        assertThat(claims.get("sub").asText()).isEqualTo(pool.clerkSub);
        assertThat(claims.get("email").asText()).isEqualTo("quay01@buudien.quangngai.vn");
        assertThat(claims.get("cognito:groups").asText()).isEqualTo("[desk]");
        assertThat(claims.get("token_use").asText()).isEqualTo("id");
        assertThat(claims.get("iss").asText()).isEqualTo(pool.issuer());
        assertThat(claims.get("aud").asText()).isEqualTo(pool.clientId);
        assertThat(claims.get("exp").asText()).matches("\\d+");
        assertThat(jwt.get("scopes").isNull()).isTrue();
    }

    @Test
    void aPojoHandlerReadsTheClaimsToo() throws Exception {
        var response = withToken("/me", pool.signIn().idToken());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).startsWith("hello - from quay01@buudien.quangngai.vn [desk]");
    }

    @Nested
    class LocalEndpoints {
        @Test
        void thereIsNoSignInBesideCognito() throws Exception {
            assertThat(post("/_local/sign-in", "{\"username\":\"quay01\",\"password\":\"Quay01-local\"}").statusCode()).isEqualTo(404);
        }

        @Test
        void theAdminPageListsRoutes() throws Exception {
            var response = get("/_local");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("GET /secure").contains("\"authorizer\":\"Staff\"");
        }

        @Test
        void firingAScheduleThatDoesNotExistIs404() throws Exception {
            assertThat(post("/_local/schedules/EchoFunction/Nightly", "").statusCode()).isEqualTo(404);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void refused(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(response.headers().firstValue("www-authenticate").orElseThrow()).contains("invalid_token").contains(why);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET().build());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> withToken(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The event the echo function received: the body of its answer. */
    private static JsonNode echoed(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String capturingLogs(Call call) throws Exception {
        var buffer = new ByteArrayOutputStream();
        vn.motcua.edge.Log.redirect(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            vn.motcua.edge.Log.redirect(null);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
