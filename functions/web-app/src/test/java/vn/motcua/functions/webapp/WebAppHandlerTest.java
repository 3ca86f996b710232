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

    private static final Map<String, String> COGNITO = Map.of("SIGN_IN", "cognito", "AWS_REGION", "ap-southeast-1",
            "STAFF_USER_POOL_CLIENT_ID", "4abc123client");
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
        assertThat(config.path("signIn").asText()).isEqualTo("cognito");
        assertThat(config.path("region").asText()).isEqualTo("ap-southeast-1");
        assertThat(config.path("clientId").asText()).isEqualTo("4abc123client");
    }

    @Test
    void the_config_says_local_in_the_local_run_and_names_no_pool_client() throws Exception {
        var local = new WebAppHandler(Map.of("SIGN_IN", "local"));
        JsonNode config = Json.mapper().readTree(LambdaEvents.invoke(local, get("/app/config.json")).path("body").asText());
        assertThat(config.path("signIn").asText()).isEqualTo("local");
        assertThat(config.has("clientId")).isFalse();
    }

    @Test
    void a_misconfigured_function_fails_at_start_naming_the_variable() {
        assertThatThrownBy(() -> new WebAppHandler(Map.of("SIGN_IN", "cognito", "AWS_REGION", "ap-southeast-1")))
                .hasMessageContaining("STAFF_USER_POOL_CLIENT_ID");
        assertThatThrownBy(() -> new WebAppHandler(Map.of("SIGN_IN", "saml"))).hasMessageContaining("SIGN_IN");
    }
}
