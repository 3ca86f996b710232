package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API payload format 2.0, both ways: the event a request becomes, and the HTTP
 * answer a function's output becomes. Follows what API Gateway does, quirks included: header names
 * lower-cased and repeated headers comma-joined, cookies moved out of the headers, non-text bodies
 * base64-encoded, and an output without {@code statusCode} answered as a 200 JSON of itself.
 */
final class HttpApiPayload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpApiPayload() {}

    /** A request as it came off the wire. Header names in any case, in arrival order, repeated names kept. */
    record Request(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body,
                   String sourceIp, String protocol, Instant time, String requestId) {}

    /** What the function answered, as HTTP. Header names as the function wrote them. */
    record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

    /** The function's output is not a response API Gateway accepts: it answers 500. */
    static final class MalformedResponse extends Exception {
        MalformedResponse(String message) { super(message); }
    }

    static ObjectNode event(Request request, Route.Match match, JwtAuthorizer.Allowed authorization) {
        Route route = match.route();
        String routeKey = route.path().equals("$default") ? "$default" : route.routeKey();
        var headers = new LinkedHashMap<String, String>();
        var cookies = new ArrayList<String>();
        for (var header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String c : header.getValue().split(";")) if (!c.isBlank()) cookies.add(c.strip());
                continue;
            }
            headers.merge(name, header.getValue(), (a, b) -> a + "," + b);
        }
        // What API Gateway adds on its way in.
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(request.time().getEpochSecond())
                + "-" + java.util.HexFormat.of().formatHex(randomBytes(12)));

        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (!cookies.isEmpty()) cookies.forEach(event.putArray("cookies")::add);
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);
        var query = query(request.rawQuery());
        if (!query.isEmpty()) query.forEach(event.putObject("queryStringParameters")::put);
        if (!match.pathParameters().isEmpty()) match.pathParameters().forEach(event.putObject("pathParameters")::put);

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", route.api().apiId());
        if (authorization != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            authorization.claims().forEach(jwt.putObject("claims")::put);
            if (authorization.scopes() == null) jwt.putNull("scopes");
            else authorization.scopes().forEach(jwt.putArray("scopes")::add);
        }
        String host = headers.getOrDefault("host", "localhost");
        String domain = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        context.put("domainName", domain);
        context.put("domainPrefix", domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", request.requestId());
        context.put("routeKey", routeKey);
        context.put("stage", route.api().stage());
        context.put("time", TIME.format(request.time()));
        context.put("timeEpoch", request.time().toEpochMilli());

        if (request.body().length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Query parameters decoded, repeated names comma-joined as format 2.0 does. */
    static Map<String, String> query(String rawQuery) {
        var result = new LinkedHashMap<String, String>();
        if (rawQuery == null || rawQuery.isEmpty()) return result;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            result.merge(name, value, (a, b) -> a + "," + b);
        }
        return result;
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    /** Bodies API Gateway passes as text; everything else (forms and files included) arrives base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) return false;
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/javascript") || type.endsWith("+json") || type.endsWith("+xml");
    }

    /** The HTTP answer for a function's output, by API Gateway's rules for format 2.0. */
    static Answer answer(byte[] output) throws MalformedResponse {
        JsonNode node;
        try {
            node = output.length == 0 ? JSON.nullNode() : JSON.readTree(output);
        } catch (IOException e) {
            throw new MalformedResponse("the function's output is not JSON");
        }
        if (node == null || node.isMissingNode()) node = JSON.nullNode();
        if (!node.isObject() || !node.has("statusCode")) {
            // No statusCode: API Gateway takes the whole output as a JSON body.
            String body = node.isNull() && output.length == 0 ? "" : node.isTextual() ? node.asText() : new String(output, StandardCharsets.UTF_8).strip();
            return new Answer(200, List.of(Map.entry("content-type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode statusNode = node.get("statusCode");
        int status;
        if (statusNode.canConvertToInt() && statusNode.isIntegralNumber()) status = statusNode.asInt();
        else if (statusNode.isTextual() && statusNode.asText().matches("\\d{3}")) status = Integer.parseInt(statusNode.asText());
        else throw new MalformedResponse("statusCode is not a number: " + statusNode);
        if (status < 100 || status > 599) throw new MalformedResponse("statusCode out of range: " + status);

        var headers = new ArrayList<Map.Entry<String, String>>();
        JsonNode h = node.path("headers");
        if (!h.isMissingNode() && !h.isNull() && !h.isObject()) throw new MalformedResponse("headers is not an object");
        h.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) headers.add(Map.entry(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        });
        JsonNode cookies = node.path("cookies");
        if (cookies.isArray()) cookies.forEach(c -> headers.add(Map.entry("set-cookie", c.asText())));

        JsonNode bodyNode = node.path("body");
        byte[] body;
        if (bodyNode.isMissingNode() || bodyNode.isNull()) {
            body = new byte[0];
        } else {
            String text = bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString();
            if (node.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    throw new MalformedResponse("isBase64Encoded is true but the body is not base64");
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new Answer(status, headers, body);
    }
}
