package vn.motcua.edge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Json} reads and writes with the streaming API: the trees and the text must be what
 * {@code ObjectMapper.readTree}/{@code writeValueAsString} gave, node class for node class.
 */
class JsonTest {

    /** What Json used before: the default mapper. */
    private static final ObjectMapper BEFORE = new ObjectMapper();

    private static final String NESTED = """
            {"hoSo":{"ma":"000.00.53.H48-220921-0099","nguoiNop":"Nguyễn Thị Hoà","diaChi":"Số 1, phường Điện Biên, quận Ba Đình, Hà Nội",
             "giayTo":[{"ten":"Đơn đề nghị","soBan":2,"dat":true},{"ten":"Bản sao \\"CCCD\\"","soBan":1,"dat":false,"ghiChu":null}],
             "phi":150000,"tyLe":0.15,"lon":12345678901,"rấtLớn":123456789012345678901234567890,"am":-42,"khong":-0,"muc":1E2,
             "thapPhan":-1.5e-7,"kyTu":"tab\\tnew\\nline\\\\ slash\\/ \\u0001 \\u00e9 😀","rong":{},"mangRong":[],"long":[[[[1]]],[[]]]}}
            """;

    @ParameterizedTest
    @ValueSource(strings = {NESTED, "{}", "[]", "null", "true", "false", "0", "-0", "1.0", "-0.0", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", "1e-400",
            "0.1", "3.141592653589793238462643383279", "\"chuỗi\"", "\"\"", "  {\"a\" : [ 1 , 2 ] }  ",
            "{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":{\"x\":1},\"a\":[2]}", "{} trailing", "[1] ]", "{}}", "\"x\" 1"})
    void reads_the_same_tree_as_the_mapper(String text) throws IOException {
        JsonNode before = BEFORE.readTree(text);
        JsonNode after = Json.tree(text);
        assertSameTree(after, before, "$");
        assertThat(Json.tree(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(before);
        assertThat(Json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(before);
        assertThat(Json.write(after)).isEqualTo(BEFORE.writeValueAsString(before));
    }

    @Test
    void round_trips_vietnamese_text_escapes_and_numbers() throws Exception {
        JsonNode tree = Json.parse(NESTED);
        JsonNode hoSo = tree.get("hoSo");
        assertThat(hoSo.get("nguoiNop").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(hoSo.get("kyTu").asText()).isEqualTo("tab\tnew\nline\\ slash/ \u0001 é 😀");
        assertThat(hoSo.get("phi").isInt()).isTrue();
        assertThat(hoSo.get("lon").isLong()).isTrue();
        assertThat(hoSo.get("rấtLớn").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(hoSo.get("tyLe").isDouble()).isTrue();
        assertThat(hoSo.get("giayTo").get(1).get("ghiChu").isNull()).isTrue();
        assertThat(hoSo.get("giayTo").get(0).get("dat").asBoolean()).isTrue();

        String written = Json.write(tree);
        assertThat(written).contains("\"Nguyễn Thị Hoà\"", "\"Bản sao \\\"CCCD\\\"\"", "\\u0001", "😀", "123456789012345678901234567890", "100.0");
        assertThat(Json.parse(written)).isEqualTo(tree);
        assertThat(written).isEqualTo(BEFORE.writeValueAsString(BEFORE.readTree(NESTED)));
    }

    @Test
    void writes_built_trees_as_the_mapper_did() throws Exception {
        ObjectNode o = Json.object().put("s", "đ").put("i", 1).put("l", 1L << 40).put("d", 0.5).put("f", 1.25f)
                .put("bd", new BigDecimal("1.50")).put("bi", BigInteger.TEN.pow(30)).put("t", true).putNull("n")
                .put("nan", Double.NaN).put("bytes", new byte[] {1, 2, 3, (byte) 250});
        o.set("a", Json.array().add(1).add("x").addNull().add(Json.object()));
        o.putPOJO("pojo", Map.of("k", List.of(1, 2)));
        o.set("missing", com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        assertThat(Json.write(o)).isEqualTo(BEFORE.writeValueAsString(o));
        assertThat(Json.write(JsonNodeFactory.instance.textNode("x"))).isEqualTo("\"x\"");
        assertThat(Json.array()).isEmpty();
    }

    @Test
    void no_content_is_a_missing_node_as_with_the_mapper() throws IOException {
        assertThat(Json.tree("").isMissingNode()).isTrue();
        assertThat(Json.tree(" \n ").isMissingNode()).isTrue();
        assertThat(Json.read(new ByteArrayInputStream(new byte[0]))).isEqualTo(BEFORE.readTree(new ByteArrayInputStream(new byte[0])));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":", "{\"a\" 1}", "[1,]", "[1 2]", "{\"a\":tru}", "{\n  \"hoTen\": \"Lê Văn\n\"}",
            "{\n\n    \"x\": 01}", "'x'", "{\"a\":1,}", "nul", "{\"a\":\"\\q\"}", "\"không đóng", "]", "{\"a\":[1,{\"b\":}]}"})
    void malformed_json_names_the_line_and_column_as_before(String text) {
        String expected;
        try {
            BEFORE.readTree(text);
            throw new AssertionError("the mapper read " + text);
        } catch (JsonProcessingException e) {
            expected = "Nội dung gửi lên không phải JSON hợp lệ (dòng " + e.getLocation().getLineNr() + ", cột "
                    + e.getLocation().getColumnNr() + ").";
        }
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.code()).isEqualTo("MALFORMED_JSON");
            assertThat(e.getMessage()).isEqualTo(expected);
        });
    }

    @Test
    void malformed_json_message_is_exact() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": tru\n}")).isInstanceOfSatisfying(BadInput.class, e ->
                assertThat(e.getMessage()).isEqualTo("Nội dung gửi lên không phải JSON hợp lệ (dòng 2, cột 8)."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void empty_body_is_empty_body(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.code()).isEqualTo("EMPTY_BODY");
            assertThat(e.getMessage()).isEqualTo("Yêu cầu không có nội dung.");
        });
        assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(BadInput.class);
    }

    @Test
    void duplicates_are_refused_when_asked_as_a_strict_mapper_refused_them() throws IOException {
        var strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        String text = "{\"a\":1,\n \"b\":{\"c\":1,\"c\":2}}";
        JsonProcessingException before = null;
        try {
            strict.readTree(text);
        } catch (JsonProcessingException e) {
            before = e;
        }
        assertThat(before).isNotNull();
        String expected = before.getOriginalMessage() + " " + before.getLocation().getLineNr() + ":" + before.getLocation().getColumnNr();
        assertThatThrownBy(() -> Json.treeWithoutDuplicates(text)).isInstanceOfSatisfying(JsonProcessingException.class, e ->
                assertThat(e.getOriginalMessage() + " " + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr())
                        .isEqualTo(expected).startsWith("Duplicate field 'c'"));
        assertThat(Json.treeWithoutDuplicates("{\"a\":{\"c\":1},\"b\":{\"c\":2}}")).isEqualTo(Json.tree("{\"a\":{\"c\":1},\"b\":{\"c\":2}}"));
    }

    @Test
    void deep_nesting_is_limited_by_the_parser_not_the_stack() throws IOException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> BEFORE.readTree(deep)).isInstanceOf(JsonProcessingException.class);
        // the limit has no location (the mapper's code ran into a NullPointerException here: a 500)
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.code()).isEqualTo("MALFORMED_JSON");
            assertThat(e.getMessage()).isEqualTo("Nội dung gửi lên không phải JSON hợp lệ.");
        });
        String fine = "[".repeat(400) + "]".repeat(400);
        assertThat(Json.write(Json.tree(fine))).isEqualTo(fine);
    }

    /**
     * The point of the streaming reader: an HTTP event read, its JSON body parsed, an answer and a log
     * line written, in a fresh JVM, load no ObjectMapper (~690 classes at cold start).
     */
    @Test
    void the_http_path_loads_no_object_mapper() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path root = Path.of(System.getProperty("motcua.project.dir", ".."));
        var command = List.of(java.toString(), "-Xshare:auto", "-Xlog:class+load=info", "-cp", classPath,
                WithoutMapper.class.getName(), root.resolve("events").resolve("intake-post.json").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ANSWER {\"statusCode\":201").contains("com.fasterxml.jackson.core.JsonFactory ");
        assertThat(output).doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectReader ")
                .doesNotContain("com.fasterxml.jackson.databind.SerializerProvider ");
    }

    /** Run by {@link #the_http_path_loads_no_object_mapper} in its own JVM. */
    public static final class WithoutMapper {
        public static void main(String[] args) throws Exception {
            JsonNode event = Json.read(Files.newInputStream(Path.of(args[0])));
            HttpRequest request = HttpRequest.from(event);
            JsonNode body = request.jsonBody();
            ObjectNode answer = Json.object().put("route", request.routeKey()).put("fields", body.size());
            answer.set("echo", body);
            answer.putArray("claims").add(Json.write(Json.object().put("n", 1)));
            Log.redirect(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            Log.info("answered").with("route", request.routeKey()).with("body", body).write();
            // a queued job is written without the mapper too (Wire builds its strict reader only to read)
            answer.put("job", new vn.motcua.contracts.RoutingJob("job-1", new vn.motcua.domain.dossier.DossierCode(
                    "000.00.53.H48-220921-0099"), vn.motcua.contracts.RoutingJob.Reason.RECEIVED, java.time.Instant.EPOCH).toJson());
            System.out.println("ANSWER " + Json.write(HttpResponse.json(201, answer).toEvent()));
        }
    }

    private static void assertSameTree(JsonNode after, JsonNode before, String at) {
        assertThat(after.getClass()).as(at).isEqualTo(before.getClass());
        assertThat(after).as(at).isEqualTo(before);
        if (before.isContainerNode()) {
            List<String> names = new ArrayList<>();
            after.fieldNames().forEachRemaining(names::add);
            List<String> beforeNames = new ArrayList<>();
            before.fieldNames().forEachRemaining(beforeNames::add);
            assertThat(names).as(at).containsExactlyElementsOf(beforeNames);
            Iterator<JsonNode> a = after.elements();
            Iterator<JsonNode> b = before.elements();
            int i = 0;
            while (b.hasNext()) assertSameTree(a.next(), b.next(), at + "[" + i++ + "]");
        }
    }
}
