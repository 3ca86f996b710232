package vn.motcua.functions.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.edge.Json;
import vn.motcua.local.stack.LambdaEvents;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GET / and GET /app/{proxy+} through events/web-app-get.json (no authorizer). */
class WebAppHandlerTest {

    private static final Map<String, String> COGNITO = Map.of("AWS_REGION", "ap-southeast-1",
            "STAFF_USER_POOL_CLIENT_ID", "4abc123client", "DOCUMENTS_BUCKET", "motcua-prod-documents-123456789012");
    private final WebAppHandler handler = new WebAppHandler(COGNITO);

    private static ObjectNode get(String path) {
        ObjectNode event = LambdaEvents.load("web-app-get.json");
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        return event;
    }

    private JsonNode invoke(ObjectNode event) {
        return LambdaEvents.invoke(handler, event);
    }

    @Test
    void the_event_file_gets_the_script_as_javascript_with_an_etag() {
        JsonNode answer = invoke(LambdaEvents.load("web-app-get.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("content-type").asText()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(answer.path("headers").path("etag").asText()).matches("\"[0-9a-f]{24}\"");
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-cache");
        assertThat(answer.path("body").asText()).contains("import ");
    }

    @Test
    void the_home_page_is_the_app_in_vietnamese() {
        JsonNode answer = invoke(get("/"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("content-type").asText()).isEqualTo("text/html; charset=utf-8");
        assertThat(answer.path("body").asText()).contains("<html lang=\"vi\">", "Một Cửa", "/app/app.js");
    }

    @Test
    void a_matching_etag_gets_304_without_a_body() {
        String etag = invoke(get("/app/app.css")).path("headers").path("etag").asText();
        ObjectNode again = get("/app/app.css");
        ((ObjectNode) again.path("headers")).put("if-none-match", etag);
        JsonNode answer = invoke(again);
        assertThat(answer.path("statusCode").asInt()).isEqualTo(304);
        assertThat(answer.path("body").asText()).isEmpty();
        assertThat(answer.path("headers").path("etag").asText()).isEqualTo(etag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/../vn/motcua/functions/webapp/WebAppHandler.class", "/app/%2e%2e/logback.xml",
            "/app/..%2fpom.xml", "/app/missing.js", "/app/WebAppHandler.class", "/app/screens/", "/app/a\\b.js",
            "/app/.hidden.js", "/elsewhere", "/app/web/app.js"})
    void nothing_outside_the_app_files_is_served(String path) {
        JsonNode answer = invoke(get(path));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(404);
        assertThat(answer.path("body").asText()).isEqualTo("Không tìm thấy trang này.");
    }

    @Test
    void the_config_tells_the_page_to_sign_in_with_cognito_in_aws() throws Exception {
        JsonNode answer = invoke(get("/app/config.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        JsonNode config = Json.mapper().readTree(answer.path("body").asText());
        assertThat(config.path("region").asText()).isEqualTo("ap-southeast-1");
        assertThat(config.path("clientId").asText()).isEqualTo("4abc123client");
        assertThat(config.path("cognitoEndpoint").asText()).isEqualTo("https://cognito-idp.ap-southeast-1.amazonaws.com/");
    }

    @Test
    void in_the_local_run_the_config_names_the_local_cognito_the_same_way_the_sdk_finds_it() throws Exception {
        var local = new WebAppHandler(Map.of("AWS_REGION", "ap-southeast-1", "STAFF_USER_POOL_CLIENT_ID", "6f1e2d3c4b5a",
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:8010"));
        JsonNode config = Json.mapper().readTree(LambdaEvents.invoke(local, get("/app/config.json")).path("body").asText());
        assertThat(config.path("clientId").asText()).isEqualTo("6f1e2d3c4b5a");
        assertThat(config.path("cognitoEndpoint").asText()).isEqualTo("http://127.0.0.1:8010/");
        assertThat(config.has("signIn")).as("one way to sign in, in AWS and locally").isFalse();
    }

    @Test
    void a_misconfigured_function_fails_at_start_naming_the_variable() {
        assertThatThrownBy(() -> new WebAppHandler(Map.of("AWS_REGION", "ap-southeast-1")))
                .hasMessageContaining("STAFF_USER_POOL_CLIENT_ID");
        assertThatThrownBy(() -> new WebAppHandler(Map.of("STAFF_USER_POOL_CLIENT_ID", "x"))).hasMessageContaining("AWS_REGION");
    }

    // ------------------------------------------------------------------ the page's security headers

    static Map<String, String> directives(String policy) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (String d : policy.split(";\\s*")) {
            String[] parts = d.strip().split("\\s+", 2);
            map.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return map;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app/app.js", "/app/config.json", "/app/missing.js"})
    void every_answer_carries_the_policy_nosniff_and_no_referrer(String path) {
        JsonNode headers = invoke(get(path)).path("headers");
        var csp = directives(headers.path("content-security-policy").asText());
        assertThat(csp).containsEntry("default-src", "'none'").containsEntry("script-src", "'self'")
                .containsEntry("frame-ancestors", "'none'").containsEntry("base-uri", "'none'").containsEntry("img-src", "'self'");
        // one hash per printed form's template (01 to 05): the frames that show them need no other inline style
        assertThat(csp.get("style-src")).matches("'self'( 'sha256-[A-Za-z0-9+/]{43}='){5}");
        assertThat(csp).containsEntry("font-src", "'self'"); // the forms' font, served by the app itself
        assertThat(headers.path("x-content-type-options").asText()).isEqualTo("nosniff");
        assertThat(headers.path("referrer-policy").asText()).isEqualTo("no-referrer");
    }

    @Test
    void a_304_carries_the_policy_too() {
        String etag = invoke(get("/")).path("headers").path("etag").asText();
        ObjectNode again = get("/");
        ((ObjectNode) again.path("headers")).put("if-none-match", etag);
        JsonNode answer = invoke(again);
        assertThat(answer.path("statusCode").asInt()).isEqualTo(304);
        assertThat(answer.path("headers").path("content-security-policy").asText()).contains("frame-ancestors 'none'");
    }

    @Test
    void the_page_may_call_its_api_cognito_and_the_documents_bucket_and_nothing_else() {
        var aws = directives(invoke(get("/")).path("headers").path("content-security-policy").asText());
        assertThat(aws.get("connect-src")).isEqualTo("'self' https://cognito-idp.ap-southeast-1.amazonaws.com"
                + " https://motcua-prod-documents-123456789012.s3.ap-southeast-1.amazonaws.com");
        var local = new WebAppHandler(Map.of("AWS_REGION", "ap-southeast-1", "STAFF_USER_POOL_CLIENT_ID", "6f1e2d3c4b5a",
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:8010",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000", "DOCUMENTS_BUCKET", "motcua-dev-documents-000000000000"));
        var here = directives(LambdaEvents.invoke(local, get("/")).path("headers").path("content-security-policy").asText());
        // the local Cognito instead of AWS's, and nothing else added
        assertThat(here.get("connect-src")).isEqualTo("'self' http://127.0.0.1:8010 http://127.0.0.1:9000");
        // a bucket name S3 cannot put in a host name over HTTPS: the regional endpoint, as the presigned URLs use
        assertThat(WebAppSettings.bucketOrigin(Map.of("AWS_REGION", "ap-southeast-1", "DOCUMENTS_BUCKET", "my.bucket")))
                .contains("https://s3.ap-southeast-1.amazonaws.com");
    }

    @Test
    void the_receipts_style_element_is_allowed_by_its_hash_and_nothing_else_inline() throws Exception {
        var receipt = vn.motcua.desk.ReceiptPage.render(sampleReceipt(), java.util.Optional.empty());
        String style = receipt.substring(receipt.indexOf("<style>") + "<style>".length(), receipt.indexOf("</style>"));
        String hash = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(style.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(WebAppSettings.receiptStyleHash()).isEqualTo("'sha256-" + hash + "'");
        assertThat(receipt).as("one style element, no style attribute, no script").containsOnlyOnce("<style>")
                .doesNotContain(" style=").doesNotContainIgnoringCase("<script");
    }

    @Test
    void the_forms_font_is_served_by_the_app_as_binary_with_its_type() {
        var answer = invoke(get("/app/fonts/tinos-vietnamese-400-normal.woff2"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("content-type").asText()).isEqualTo("font/woff2");
        assertThat(answer.path("isBase64Encoded").asBoolean()).isTrue();
        byte[] font = java.util.Base64.getDecoder().decode(answer.path("body").asText());
        assertThat(new String(font, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("wOF2");
        assertThat(invoke(get("/app/fonts/LICENSE")).path("statusCode").asInt()).as("no extension: not served").isEqualTo(404);
    }

    static vn.motcua.desk.Receipt sampleReceipt() {
        return new vn.motcua.desk.Receipt("000.00.92.H48-261128-0001", vn.motcua.desk.Desk.QUANG_NGAI_POST, "Nguyễn Văn An",
                "051190001234", "Phường Nghĩa Lộ, tỉnh Quảng Ngãi", "0905123456", java.util.Optional.empty(), "2.001914",
                "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi",
                java.util.List.of(new vn.motcua.desk.Receipt.Line("Đơn đề nghị cấp bản sao", "bản chính", 1)), 1, "trong ngày",
                java.time.LocalDateTime.of(2026, 11, 28, 9, 30), java.util.Optional.of(java.time.LocalDate.of(2026, 11, 28)),
                "trả trong ngày", false, vn.motcua.domain.dossier.ResultReturn.atDesk(), "quay01", java.util.Optional.of("K7M2Q9XA"));
    }

    /** The app's own files hold no inline script, handler or style, so the policy needs no 'unsafe-inline'. */
    @Test
    void the_app_has_no_inline_script_handler_or_style() throws Exception {
        var root = java.nio.file.Path.of("src/main/resources/web");
        try (var files = java.nio.file.Files.walk(root)) {
            for (var file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String text = java.nio.file.Files.readString(file);
                if (file.toString().endsWith(".html")) {
                    assertThat(text).as(file.toString()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                            .doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContainPattern("\\sstyle\\s*=").doesNotContain("<style");
                }
                if (file.toString().endsWith(".js")) {
                    assertThat(text).as(file.toString()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                            "eval(", "new Function", "setAttribute('on", "setAttribute('style", "javascript:");
                }
            }
        }
    }
}
