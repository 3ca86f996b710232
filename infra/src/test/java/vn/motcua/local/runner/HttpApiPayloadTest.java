package vn.motcua.local.runner;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API Gateway's rules for turning a function's output into an HTTP answer (payload format 2.0). */
class HttpApiPayloadTest {

    private static HttpApiPayload.Answer answer(String output) throws HttpApiPayload.MalformedResponse {
        return HttpApiPayload.answer(output.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(HttpApiPayload.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutStatusCodeTheOutputIsA200JsonBody() throws Exception {
        var object = answer("{\"agencies\":[]}");
        assertThat(object.status()).isEqualTo(200);
        assertThat(object.headers()).containsExactly(Map.entry("content-type", "application/json"));
        assertThat(body(object)).isEqualTo("{\"agencies\":[]}");
        assertThat(body(answer("\"Xin chào\""))).isEqualTo("Xin chào");
        assertThat(body(answer("42"))).isEqualTo("42");
        assertThat(answer("").status()).isEqualTo(200);
    }

    @Test
    void aStructuredAnswerGivesStatusHeadersCookiesAndBody() throws Exception {
        var a = answer("{\"statusCode\":\"422\",\"headers\":{\"x-n\":3,\"x-null\":null},\"cookies\":[\"a=1\"],\"body\":\"{}\"}");
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.headers()).containsExactly(Map.entry("x-n", "3"), Map.entry("set-cookie", "a=1"));
        assertThat(body(a)).isEqualTo("{}");
    }

    @Test
    void aBase64BodyIsDecoded() throws Exception {
        var a = answer("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"AAEC/w==\"}");
        assertThat(a.body()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void malformedAnswersAreRefused() {
        assertThatThrownBy(() -> answer("not json")).isInstanceOf(HttpApiPayload.MalformedResponse.class);
        assertThatThrownBy(() -> answer("{\"statusCode\":\"ok\"}")).isInstanceOf(HttpApiPayload.MalformedResponse.class);
        assertThatThrownBy(() -> answer("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"***\"}"))
                .isInstanceOf(HttpApiPayload.MalformedResponse.class);
    }

    @Test
    void textBodiesAreKnownByTheirContentType() {
        assertThat(HttpApiPayload.isText("application/json; charset=utf-8")).isTrue();
        assertThat(HttpApiPayload.isText("application/problem+json")).isTrue();
        assertThat(HttpApiPayload.isText("text/csv")).isTrue();
        assertThat(HttpApiPayload.isText("application/x-www-form-urlencoded")).isFalse();
        assertThat(HttpApiPayload.isText("image/png")).isFalse();
        assertThat(HttpApiPayload.isText(null)).isFalse();
    }

    @Test
    void repeatedQueryParametersAreCommaJoined() {
        assertThat(HttpApiPayload.query("a=1&b=x+y&a=2&c")).containsExactly(
                Map.entry("a", "1,2"), Map.entry("b", "x y"), Map.entry("c", ""));
    }
}
