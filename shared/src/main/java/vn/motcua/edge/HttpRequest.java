package vn.motcua.edge;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.domain.dossier.DossierCode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway HTTP API (payload format 2.0) request, read from the event's JSON: only what the
 * handlers use. Header names are lower-cased, as API Gateway delivers them.
 *
 * @param domainName {@code requestContext.domainName}, the API's host name ("" when absent)
 */
public record HttpRequest(
        String routeKey,
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        Map<String, String> pathParameters,
        String body,
        String requestId,
        Map<String, String> claims,
        String domainName) {

    public static HttpRequest from(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String body = Json.text(event, "body");
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        var headers = new LinkedHashMap<String, String>();
        event.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        return new HttpRequest(
                Json.text(event, "routeKey"),
                context.path("http").path("method").asText(""),
                Optional.ofNullable(Json.text(event, "rawPath")).orElse(context.path("http").path("path").asText("")),
                Collections.unmodifiableMap(headers),
                strings(event.path("queryStringParameters")),
                strings(event.path("pathParameters")),
                body,
                context.path("requestId").asText(""),
                strings(context.path("authorizer").path("jwt").path("claims")),
                context.path("domainName").asText(""));
    }

    private static Map<String, String> strings(JsonNode node) {
        if (!node.isObject()) return Map.of();
        var map = new LinkedHashMap<String, String>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : Json.write(e.getValue())));
        return Collections.unmodifiableMap(map);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public String pathParameter(String name) throws BadInput {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw new BadInput("MISSING_PATH_PARAMETER", "Thiếu tham số đường dẫn: " + name + ".", name);
        }
        return value;
    }

    /** The route key ({@code POST /dossiers/{code}/fee-paid}), "" when the event has none. */
    public String route() {
        return routeKey == null ? "" : routeKey;
    }

    /** The dossier code of the path ({@code {code}}); a 400 {@code INVALID_DOSSIER_CODE} naming it when it is not one. */
    public DossierCode dossierCode() throws BadInput {
        String text = pathParameter("code");
        if (!DossierCode.isValid(text)) {
            throw new BadInput("INVALID_DOSSIER_CODE", "Mã hồ sơ không hợp lệ: «" + (text.length() <= 40 ? text : text.substring(0, 40) + "…")
                    + "» không đúng định dạng (ví dụ: 000.00.53.H48-220921-0099).", "code");
        }
        return new DossierCode(text);
    }

    /** The body as JSON; malformed or empty bodies are a 400 with the place of the error. */
    public JsonNode jsonBody() throws BadInput {
        return Json.parse(body);
    }

    /**
     * The signed-in staff member, from the JWT authorizer's claims. API Gateway refuses a request
     * without a valid token before it reaches us; this second check keeps a route that was left
     * open by mistake from acting anonymously.
     */
    public Staff staff() throws BadInput {
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            throw new BadInput(401, "UNAUTHENTICATED", "Cần đăng nhập để thực hiện thao tác này.", List.of());
        }
        // The label printed on forms and shown to people: the staff member's name (the pool's standard "name"
        // attribute, in the ID token), else the email; never the subject id.
        String name = claims.get("name");
        String label = name != null && !name.isBlank() ? name.strip()
                : claims.getOrDefault("email", claims.getOrDefault("username", subject));
        return new Staff(subject, label, groups(claims.get("cognito:groups")));
    }

    /** The staff member, who must belong to one of the groups. */
    public Staff staffIn(String... groups) throws BadInput {
        Staff staff = staff();
        for (String group : groups) {
            if (staff.groups().contains(group)) return staff;
        }
        throw new BadInput(403, "FORBIDDEN", "Tài khoản của bạn không có quyền thực hiện thao tác này.", List.of());
    }

    /** HTTP APIs flatten array claims to "[a b]"; a JSON array string is accepted too. */
    static List<String> groups(String claim) {
        if (claim == null || claim.isBlank()) return List.of();
        String inner = claim.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) inner = inner.substring(1, inner.length() - 1);
        return List.of(inner.replace("\"", "").split("[\\s,]+")).stream().filter(s -> !s.isBlank()).toList();
    }

    /** Who acts: the subject id (what logs and history keep), a display label, the groups. */
    public record Staff(String id, String label, List<String> groups) {}
}
