package vn.motcua.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP API (payload 2.0) response: status, headers, body.
 *
 * @param base64Body the body is base64 of binary content (a font), as API Gateway takes it
 */
public record HttpResponse(int status, Map<String, String> headers, String body, boolean base64Body) {

    public HttpResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, Map.of("content-type", "application/json; charset=utf-8"), Json.write(body));
    }

    public static HttpResponse ok(JsonNode body) { return json(200, body); }

    public static HttpResponse text(int status, String contentType, String body) {
        return new HttpResponse(status, Map.of("content-type", contentType), body);
    }

    /** How many fields at fault an answer lists; the rest are counted ({@code moreFields}). */
    public static final int MAX_FIELDS = 20;

    /**
     * The answer to bad input: {"error": {"code", "message", "fields": [{field, message}], "moreFields": n}}: the first
     * {@value #MAX_FIELDS} fields, then how many more (a request with 40,000 unknown fields once got a 6.8 MB answer).
     */
    public static HttpResponse problem(BadInput problem) {
        ObjectNode error = Json.object();
        error.put("code", problem.code());
        error.put("message", problem.getMessage());
        var fields = error.putArray("fields");
        for (var f : problem.fields().subList(0, Math.min(MAX_FIELDS, problem.fields().size()))) {
            fields.addObject().put("field", f.field()).put("message", f.message());
        }
        if (problem.fields().size() > MAX_FIELDS) error.put("moreFields", problem.fields().size() - MAX_FIELDS);
        ObjectNode body = Json.object();
        body.set("error", error);
        // the message often quotes the bad value ("Mã hồ sơ không hợp lệ: «<script>…»"): escaped so it never reads as markup
        return new HttpResponse(problem.status(), Map.of("content-type", "application/json; charset=utf-8"), Json.writeHtmlSafe(body));
    }

    public HttpResponse withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, Map.copyOf(copy), body, base64Body);
    }

    /** The JSON that Lambda returns to API Gateway. */
    public ObjectNode toEvent() {
        ObjectNode node = Json.object();
        node.put("statusCode", status);
        ObjectNode h = node.putObject("headers");
        headers.forEach(h::put);
        node.put("body", body == null ? "" : body);
        node.put("isBase64Encoded", base64Body);
        return node;
    }
}
