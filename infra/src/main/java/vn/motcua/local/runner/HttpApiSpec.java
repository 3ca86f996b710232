package vn.motcua.local.runner;

import vn.motcua.local.template.TemplateResources;
import vn.motcua.local.template.Template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static vn.motcua.local.template.Template.list;
import static vn.motcua.local.template.Template.map;

/**
 * An {@code AWS::Serverless::HttpApi} as the local server needs it: stage, CORS and JWT authorizers,
 * intrinsics resolved. Events without an ApiId belong to SAM's implicit {@code ServerlessHttpApi},
 * configured by {@code Globals.HttpApi}.
 *
 * @param defaultAuthorizer the authorizer every route gets unless it says {@code Authorizer: NONE}; null for none
 */
public record HttpApiSpec(String logicalId, String apiId, String stage, Cors cors, String defaultAuthorizer,
                          Map<String, JwtAuthorizer> authorizers) {

    public static final String TYPE = "AWS::Serverless::HttpApi";
    public static final String IMPLICIT = "ServerlessHttpApi";

    /** A JWT authorizer: the token comes from {@code header}, and must carry this issuer and one of these audiences. */
    public record JwtAuthorizer(String name, String header, String issuer, List<String> audience) {}

    /**
     * An HTTP API's CorsConfiguration; lists hold what the template says ({@code *} included).
     * @param maxAgeSeconds null when not set
     */
    public record Cors(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods,
                       List<String> exposeHeaders, boolean allowCredentials, Integer maxAgeSeconds) {

        /** The value of access-control-allow-origin for this Origin, or empty when it is not allowed. */
        public Optional<String> allowedOrigin(String origin) {
            if (origin == null) return Optional.empty();
            for (String allowed : allowOrigins) {
                if (allowed.equals("*")) return Optional.of(allowCredentials ? origin : "*");
                if (matches(allowed.toLowerCase(Locale.ROOT), origin.toLowerCase(Locale.ROOT))) return Optional.of(origin);
            }
            return Optional.empty();
        }

        /** API Gateway accepts a wildcard subdomain: {@code https://*.example.com}. */
        private static boolean matches(String pattern, String origin) {
            int star = pattern.indexOf('*');
            if (star < 0) return pattern.equals(origin);
            String prefix = pattern.substring(0, star);
            String suffix = pattern.substring(star + 1);
            return origin.length() > prefix.length() + suffix.length() && origin.startsWith(prefix) && origin.endsWith(suffix);
        }
    }

    /** The route path prefix: none for {@code $default}, else {@code /stage}. */
    public String pathPrefix() { return stage.equals("$default") ? "" : "/" + stage; }

    public Optional<Cors> corsConfiguration() { return Optional.ofNullable(cors); }

    /** Every HttpApi of the template, and the implicit one when a function's HttpApi event names no ApiId. */
    public static Map<String, HttpApiSpec> read(Template template, TemplateResources resources, List<FunctionSpec> functions) {
        var apis = new LinkedHashMap<String, HttpApiSpec>();
        for (var resource : template.resourcesOfType(TYPE)) {
            apis.put(resource.name(), read(template, resources, resource.name(), resource.properties(), resource.path() + ".Properties"));
        }
        boolean implicit = functions.stream().flatMap(f -> f.eventsOfType("HttpApi").stream())
                .anyMatch(e -> e.properties().get("ApiId") == null);
        if (implicit) {
            var globals = map(map(template.root().get("Globals")).get("HttpApi"));
            apis.put(IMPLICIT, read(template, resources, IMPLICIT, globals, "Globals.HttpApi"));
        }
        return apis;
    }

    private static HttpApiSpec read(Template template, TemplateResources resources, String logicalId,
                                    Map<String, Object> raw, String path) {
        var props = map(resources.resolve(raw, path));
        if (props.containsKey("DefinitionBody") || props.containsKey("DefinitionUri")) {
            throw new RunnerException(template.where(path + ".DefinitionBody") + ": an OpenAPI definition is not served"
                    + " locally; declare the routes as the functions' HttpApi events");
        }
        String stage = props.get("StageName") == null ? "$default" : String.valueOf(props.get("StageName"));
        return new HttpApiSpec(logicalId, apiId(logicalId), stage, cors(props.get("CorsConfiguration")),
                defaultAuthorizer(template, props, path), authorizers(template, props, path));
    }

    private static Cors cors(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) return null;
        if (Boolean.TRUE.equals(value) || "true".equals(value)) {
            return new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), false, null);
        }
        var c = map(value);
        Object maxAge = c.get("MaxAge");
        return new Cors(strings(c.get("AllowOrigins")), strings(c.get("AllowHeaders")), strings(c.get("AllowMethods")),
                strings(c.get("ExposeHeaders")), Boolean.TRUE.equals(c.get("AllowCredentials")) || "true".equals(c.get("AllowCredentials")),
                maxAge == null ? null : Integer.valueOf(String.valueOf(maxAge instanceof Double d ? d.longValue() : maxAge)));
    }

    private static String defaultAuthorizer(Template template, Map<String, Object> props, String path) {
        var auth = map(props.get("Auth"));
        if (Boolean.TRUE.equals(auth.get("EnableIamAuthorizer"))) {
            throw new RunnerException(template.where(path + ".Auth.EnableIamAuthorizer") + ": IAM authorization is not emulated locally");
        }
        Object name = auth.get("DefaultAuthorizer");
        if (name == null || "NONE".equals(name)) return null;
        if (!map(auth.get("Authorizers")).containsKey(String.valueOf(name))) {
            throw new RunnerException(template.where(path + ".Auth.DefaultAuthorizer") + ": no authorizer named " + name);
        }
        return String.valueOf(name);
    }

    private static Map<String, JwtAuthorizer> authorizers(Template template, Map<String, Object> props, String path) {
        var result = new LinkedHashMap<String, JwtAuthorizer>();
        map(map(props.get("Auth")).get("Authorizers")).forEach((name, body) -> {
            var a = map(body);
            String where = path + ".Auth.Authorizers." + name;
            if (!a.containsKey("JwtConfiguration")) {
                throw new RunnerException(template.where(where) + ": only JWT authorizers are emulated locally");
            }
            var jwt = map(a.get("JwtConfiguration"));
            String source = a.get("IdentitySource") == null ? "$request.header.Authorization" : String.valueOf(a.get("IdentitySource"));
            if (!source.startsWith("$request.header.")) {
                throw new RunnerException(template.where(where + ".IdentitySource") + ": only $request.header.* identity sources are emulated");
            }
            result.put(name, new JwtAuthorizer(name, source.substring("$request.header.".length()).toLowerCase(Locale.ROOT),
                    String.valueOf(jwt.get("issuer")), strings(jwt.get("audience"))));
        });
        return result;
    }

    private static List<String> strings(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?>) return list(value).stream().map(String::valueOf).toList();
        return List.of(String.valueOf(value));
    }

    /** Ten lower-case characters like a real API id, stable per logical id so URLs in logs stay the same. */
    private static String apiId(String logicalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(logicalId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
