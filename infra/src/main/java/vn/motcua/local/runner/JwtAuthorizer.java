package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import vn.motcua.edge.Log;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What API Gateway's HTTP API JWT authorizer decides, for the local run: the token from the identity source
 * (with or without {@code Bearer }), its RS256 signature checked against the issuer's JWKS (the local
 * Cognito's for a Cognito issuer: {@code <endpoint>/<pool id>/.well-known/jwks.json}), then the claims API
 * Gateway evaluates: {@code kid} (a key of that JWKS), {@code iss} (the authorizer's issuer), {@code aud}, or
 * {@code client_id} when there is no {@code aud} (one of its audiences), {@code exp}, {@code nbf} and
 * {@code iat}, and a scope when the route names scopes. Like API Gateway it does not read {@code token_use}:
 * an ID token (aud = the app client) and an access token (client_id = the app client) of the pool both pass.
 * Signatures and keys are nimbus-jose-jwt's business, not code of ours.
 *
 * <p>Cognito's pre-token-generation trigger is not run by the local Cognito (moto stores the setting, never
 * calls the function). So the authorizer runs it: once per issued token ({@code origin_jti}), with the event
 * Cognito sends, and hands the function the claims as the trigger's answer makes them (its groups, claims added
 * or suppressed). The token itself keeps what moto put in it: the web app, which reads the groups from the
 * token to shape its menus, may show a screen whose calls the API then refuses (403), where on AWS the menu
 * would not be there.
 */
public final class JwtAuthorizer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final int REMEMBERED_TOKENS = 10_000;

    /** What the authorizer decided about one request. */
    public sealed interface Decision {}

    /** Let through; {@code claims} as API Gateway flattens them, {@code scopes} null when the token has none. */
    public record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {}

    /** Refused: 401 (or 403 for missing scopes), with the www-authenticate header API Gateway sends. */
    public record Denied(int status, String message, String wwwAuthenticate) implements Decision {}

    /** A pre-token-generation function of a pool: takes Cognito's event, answers it with the response filled in. */
    @FunctionalInterface
    public interface TokenTrigger {
        byte[] invoke(byte[] event) throws Exception;
    }

    private final URI cognitoEndpoint;
    private final String region;
    private final Map<String, TokenTrigger> triggersByPool;
    private final Clock clock;
    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> triggered = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
            return size() > REMEMBERED_TOKENS;
        }
    });

    /**
     * @param cognitoEndpoint the local Cognito (moto); null: a Cognito issuer's keys from the issuer itself (AWS)
     * @param triggersByPool  the pre-token-generation function of each user pool id
     */
    public JwtAuthorizer(URI cognitoEndpoint, String region, Map<String, TokenTrigger> triggersByPool, Clock clock) {
        this.cognitoEndpoint = cognitoEndpoint;
        this.region = region;
        this.triggersByPool = Map.copyOf(triggersByPool);
        this.clock = clock;
    }

    /** Where the issuer's keys are: the local Cognito's JWKS for a Cognito issuer, else {@code <issuer>/.well-known/jwks.json}. */
    URL jwksUrl(String issuer) {
        String pool = cognitoPool(issuer);
        String url = pool != null && cognitoEndpoint != null
                ? cognitoEndpoint.toString().replaceAll("/+$", "") + "/" + pool + "/.well-known/jwks.json"
                : issuer.replaceAll("/+$", "") + "/.well-known/jwks.json";
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new RunnerException("the JWT authorizer's issuer " + issuer + " gives no JWKS URL: " + e.getMessage());
        }
    }

    /** The pool id of a Cognito issuer ({@code https://cognito-idp.<region>.amazonaws.com/<pool>}), else null. */
    static String cognitoPool(String issuer) {
        var m = java.util.regex.Pattern.compile("https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/([^/]+)/?").matcher(issuer);
        return m.matches() ? m.group(1) : null;
    }

    private DefaultJWTProcessor<SecurityContext> processor(String issuer) {
        return processors.computeIfAbsent(issuer, i -> {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUrl(i)).retrying(true).build();
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(RSA, keys));
            processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the claims are checked below, as API Gateway checks them
            return processor;
        });
    }

    /** Decides about the identity source's value for a route of {@code authorizer} that needs {@code routeScopes}. */
    public Decision authorize(HttpApiSpec.JwtAuthorizer authorizer, List<String> routeScopes, String identity) {
        if (identity == null || identity.isBlank()) return new Denied(401, "Unauthorized", "Bearer");
        String token = identity.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).strip();
        JWTClaimsSet verified;
        try {
            verified = processor(authorizer.issuer()).process(token, null);
        } catch (java.text.ParseException e) {
            return invalid("the token is not a JWT");
        } catch (com.nimbusds.jose.RemoteKeySourceException e) {
            Log.error("local.authorizer.jwks").with("issuer", authorizer.issuer()).with("detail", e.getMessage()).write();
            return invalid("the issuer's keys could not be fetched");
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return invalid("the token's signature could not be verified with the issuer's keys");
        }
        // as the token carries them: dates as seconds, one audience as a string
        Map<String, Object> claims = new LinkedHashMap<>(verified.toJSONObject());
        long now = clock.instant().getEpochSecond();
        if (!authorizer.issuer().equals(claims.get("iss"))) return invalid("the token has an untrusted issuer");
        // API Gateway reads client_id only when there is no aud; with both, aud decides
        List<String> audiences = verified.getAudience().isEmpty() && claims.get("client_id") != null
                ? List.of(String.valueOf(claims.get("client_id"))) : verified.getAudience();
        if (!authorizer.audience().isEmpty() && audiences.stream().noneMatch(authorizer.audience()::contains)) {
            return invalid("the token does not have a valid audience");
        }
        if (verified.getExpirationTime() == null || verified.getExpirationTime().toInstant().getEpochSecond() <= now) {
            return invalid("the token has expired");
        }
        if (verified.getNotBeforeTime() != null && verified.getNotBeforeTime().toInstant().getEpochSecond() > now) {
            return invalid("the token is not valid yet");
        }
        if (verified.getIssueTime() != null && verified.getIssueTime().toInstant().getEpochSecond() > now) {
            return invalid("the token was issued in the future");
        }
        Object scopeClaim = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        List<String> scopes = scopeClaim == null ? null : scopeClaim instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(scopeClaim).split(" "));
        if (!routeScopes.isEmpty() && (scopes == null || scopes.stream().noneMatch(routeScopes::contains))) {
            return new Denied(403, "Forbidden", "Bearer error=\"insufficient_scope\"");
        }
        String pool = cognitoPool(authorizer.issuer());
        TokenTrigger trigger = pool == null ? null : triggersByPool.get(pool);
        if (trigger != null) {
            try {
                claims = afterTrigger(trigger, pool, claims);
            } catch (Exception e) {
                // Cognito refuses to issue tokens when the trigger fails: the closest here is to refuse the token
                Log.error("local.authorizer.preTokenGeneration").with("pool", pool).error(e).write();
                return invalid("the pre-token-generation trigger failed");
            }
        }
        var flat = new LinkedHashMap<String, String>();
        claims.forEach((name, value) -> flat.put(name, flatten(value)));
        return new Allowed(flat, scopes);
    }

    /** The claims as Cognito would have issued them with the trigger's answer; once per issued token. */
    private Map<String, Object> afterTrigger(TokenTrigger trigger, String pool, Map<String, Object> claims) throws Exception {
        String issued = String.valueOf(claims.getOrDefault("origin_jti", claims.get("jti")));
        Map<String, Object> answer = triggered.get(issued);
        if (answer == null) {
            answer = JSON.convertValue(JSON.readTree(trigger.invoke(JSON.writeValueAsBytes(event(pool, claims)))), Map.class);
            triggered.put(issued, answer);
        }
        var result = new LinkedHashMap<>(claims);
        Map<?, ?> details = answer.get("response") instanceof Map<?, ?> r && r.get("claimsOverrideDetails") instanceof Map<?, ?> d ? d : Map.of();
        if (details.get("groupOverrideDetails") instanceof Map<?, ?> groups && groups.get("groupsToOverride") instanceof List<?> override) {
            if (override.isEmpty()) result.remove("cognito:groups");
            else result.put("cognito:groups", List.copyOf(override));
        }
        // version 1 of the event: claims added, overridden and suppressed in the ID token only
        if ("id".equals(claims.get("token_use"))) {
            if (details.get("claimsToAddOrOverride") instanceof Map<?, ?> add) add.forEach((k, v) -> result.put(String.valueOf(k), v));
            if (details.get("claimsToSuppress") instanceof List<?> suppress) suppress.forEach(k -> result.remove(String.valueOf(k)));
        }
        return result;
    }

    /** Cognito's pre-token-generation event (version 1, a sign-in), as {@code events/cognito-pre-token-generation.json} shows it. */
    private ObjectNode event(String pool, Map<String, Object> claims) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1");
        event.put("triggerSource", "TokenGeneration_Authentication");
        event.put("region", region);
        event.put("userPoolId", pool);
        event.put("userName", String.valueOf(claims.getOrDefault("cognito:username", claims.getOrDefault("username", claims.get("sub")))));
        ObjectNode caller = event.putObject("callerContext");
        caller.put("awsSdkVersion", "aws-sdk-unknown-unknown");
        caller.put("clientId", String.valueOf(claims.containsKey("aud") ? flatten(claims.get("aud")) : claims.get("client_id")));
        ObjectNode request = event.putObject("request");
        ObjectNode attributes = request.putObject("userAttributes");
        attributes.put("sub", String.valueOf(claims.get("sub")));
        if (claims.get("email") != null) attributes.put("email", String.valueOf(claims.get("email")));
        if (claims.get("email_verified") != null) attributes.put("email_verified", String.valueOf(claims.get("email_verified")));
        ObjectNode groupConfiguration = request.putObject("groupConfiguration");
        ArrayNode groups = groupConfiguration.putArray("groupsToOverride");
        if (claims.get("cognito:groups") instanceof List<?> l) l.forEach(g -> groups.add(String.valueOf(g)));
        groupConfiguration.putArray("iamRolesToOverride");
        groupConfiguration.putNull("preferredRole");
        event.putObject("response").putNull("claimsOverrideDetails");
        return event;
    }

    private static Denied invalid(String reason) {
        return new Denied(401, "Unauthorized", "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + reason + "\"");
    }

    /** HTTP APIs hand claims over as strings; arrays and maps the way API Gateway prints them: {@code [desk office]}. */
    static String flatten(Object value) {
        if (value instanceof List<?> list) return list.stream().map(JwtAuthorizer::flatten).collect(Collectors.joining(" ", "[", "]"));
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ":" + flatten(e.getValue())).collect(Collectors.joining(" ", "map[", "]"));
        }
        return String.valueOf(value);
    }
}
