package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The local stand-in for Cognito and the HTTP API's JWT authorizer: dev users from a data file sign
 * in with a password and get an ID token shaped like Cognito's (sub, email, cognito:groups, iss,
 * aud, token_use, iat, exp); routes behind an authorizer check it as API Gateway would and hand its
 * claims to the function in the same flattened form.
 */
public final class DevSignIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One dev user. The password is local-only and lives in the repository in plain text on purpose. */
    public record User(String username, String password, String sub, String email, List<String> groups) {}

    /** Whom a token is made for: the issuer and audience of the template's JWT authorizer. */
    public record Issuer(String issuer, String audience) {}

    /** What the authorizer decided about one request. */
    public sealed interface Decision {}

    /** Let through; {@code claims} as API Gateway flattens them, {@code scopes} null when the token has none. */
    public record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {}

    /** Refused: 401 (or 403 for missing scopes), with the www-authenticate header API Gateway sends. */
    public record Denied(int status, String message, String wwwAuthenticate) implements Decision {}

    private final List<User> users;
    private final Jwt jwt;
    private final Issuer issuer;
    private final Duration lifetime;
    private final Clock clock;

    public DevSignIn(List<User> users, byte[] signingKey, Issuer issuer, Duration lifetime, Clock clock) {
        this.users = List.copyOf(users);
        this.jwt = new Jwt(signingKey);
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public List<User> users() { return users; }

    public Duration tokenLifetime() { return lifetime; }

    /** A signed ID token for this user, if the password is right. */
    public Optional<String> signIn(String username, String password) {
        for (User user : users) {
            if (user.username().equals(username) && MessageDigest.isEqual(
                    user.password().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    String.valueOf(password).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return Optional.of(token(user));
            }
        }
        return Optional.empty();
    }

    /** The user's ID token, without a password: for tests and tools. */
    public String token(User user) {
        long now = clock.instant().getEpochSecond();
        var claims = new LinkedHashMap<String, Object>();
        claims.put("sub", user.sub());
        claims.put("email_verified", true);
        claims.put("iss", issuer.issuer());
        claims.put("cognito:username", user.username());
        claims.put("cognito:groups", user.groups());
        claims.put("aud", issuer.audience());
        claims.put("event_id", UUID.randomUUID().toString());
        claims.put("token_use", "id");
        claims.put("auth_time", now);
        claims.put("exp", now + lifetime.toSeconds());
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("email", user.email());
        return jwt.sign(claims);
    }

    /** A token signed with any claims (tests: expired or foreign tokens). */
    String sign(Map<String, Object> claims) { return jwt.sign(claims); }

    /**
     * What API Gateway's JWT authorizer would decide: a token in the identity source (with or without
     * {@code Bearer }), signed by us, unexpired, from the configured issuer, for one of its audiences,
     * and carrying one of the route's scopes when it has any.
     */
    public Decision authorize(HttpApiSpec.JwtAuthorizer authorizer, List<String> routeScopes, String identity) {
        if (identity == null || identity.isBlank()) return new Denied(401, "Unauthorized", "Bearer");
        String token = identity.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).strip();
        Map<String, Object> claims;
        try {
            claims = jwt.verify(token);
        } catch (Jwt.Invalid e) {
            return invalid(e.getMessage());
        }
        long now = clock.instant().getEpochSecond();
        if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= now) return invalid("the token has expired");
        if (claims.get("nbf") instanceof Number nbf && nbf.longValue() > now) return invalid("the token is not valid yet");
        if (!authorizer.issuer().equals(claims.get("iss"))) return invalid("the token has an untrusted issuer");
        var audiences = new ArrayList<String>();
        if (claims.get("aud") instanceof List<?> l) l.forEach(a -> audiences.add(String.valueOf(a)));
        else if (claims.get("aud") != null) audiences.add(String.valueOf(claims.get("aud")));
        if (claims.get("client_id") != null) audiences.add(String.valueOf(claims.get("client_id")));
        if (!authorizer.audience().isEmpty() && audiences.stream().noneMatch(authorizer.audience()::contains)) {
            return invalid("the token does not have a valid audience");
        }
        List<String> scopes = claims.get("scope") == null ? null : List.of(String.valueOf(claims.get("scope")).split(" "));
        if (!routeScopes.isEmpty() && (scopes == null || scopes.stream().noneMatch(routeScopes::contains))) {
            return new Denied(403, "Forbidden", "Bearer error=\"insufficient_scope\"");
        }
        var flat = new LinkedHashMap<String, String>();
        claims.forEach((name, value) -> flat.put(name, flatten(value)));
        return new Allowed(flat, scopes);
    }

    private static Denied invalid(String reason) {
        return new Denied(401, "Unauthorized", "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + reason + "\"");
    }

    /** HTTP APIs hand claims over as strings; arrays and maps the way API Gateway prints them: {@code [desk office]}. */
    static String flatten(Object value) {
        if (value instanceof List<?> list) return list.stream().map(DevSignIn::flatten).collect(Collectors.joining(" ", "[", "]"));
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ":" + flatten(e.getValue())).collect(Collectors.joining(" ", "map[", "]"));
        }
        return String.valueOf(value);
    }

    // ------------------------------------------------------------------ the users file

    /** Reads the dev users; a problem names the file and the field. */
    public static List<User> readUsers(Path file) {
        String source = file.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new RunnerException(file + ": cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        var problems = new ArrayList<String>();
        var users = new ArrayList<User>();
        var names = new HashSet<String>();
        JsonNode list = root.path("users");
        if (!list.isArray() || list.isEmpty()) problems.add(source + " /users: a non-empty array of users is required");
        for (int i = 0; i < list.size(); i++) {
            JsonNode u = list.get(i);
            String at = source + " /users/" + i;
            String username = text(u, "username", at, problems);
            String password = text(u, "password", at, problems);
            String sub = text(u, "sub", at, problems);
            String email = text(u, "email", at, problems);
            var groups = new ArrayList<String>();
            if (!u.path("groups").isArray()) problems.add(at + "/groups: an array of group names is required");
            u.path("groups").forEach(g -> groups.add(g.asText()));
            if (username != null && !names.add(username)) problems.add(at + "/username: '" + username + "' appears twice");
            users.add(new User(username, password, sub, email, groups));
        }
        if (!problems.isEmpty()) throw new RunnerException("dev users refused:\n  " + String.join("\n  ", problems));
        return users;
    }

    private static String text(JsonNode node, String field, String at, List<String> problems) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(at + "/" + field + ": a non-empty string is required");
            return null;
        }
        return value.asText();
    }
}
