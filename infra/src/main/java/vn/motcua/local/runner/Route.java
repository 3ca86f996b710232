package vn.motcua.local.runner;

import vn.motcua.local.template.Template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static vn.motcua.local.template.Template.list;
import static vn.motcua.local.template.Template.map;

/**
 * One HTTP API route: {@code GET /dossiers/{code}}, {@code ANY /files/{proxy+}}, to one function.
 *
 * @param authorizer the JWT authorizer guarding it, or null for an open route
 * @param scopes     the route's AuthorizationScopes (a token needs one of them); empty for none
 */
public record Route(HttpApiSpec api, String method, String path, String function, String event,
                    HttpApiSpec.JwtAuthorizer authorizer, List<String> scopes) {

    public String routeKey() { return method + " " + path; }

    /** The routes of every function's HttpApi events. Two functions on one route key is an error, as on AWS. */
    public static List<Route> read(Template template, Map<String, HttpApiSpec> apis, List<FunctionSpec> functions) {
        var routes = new ArrayList<Route>();
        var seen = new LinkedHashMap<String, String>();
        for (FunctionSpec function : functions) {
            for (var event : function.eventsOfType("HttpApi")) {
                var p = event.properties();
                String apiName = apiName(p.get("ApiId"));
                HttpApiSpec api = apis.get(apiName);
                if (api == null) {
                    throw new RunnerException(template.where(event.path() + ".Properties.ApiId") + ": no HttpApi named " + apiName);
                }
                Object format = p.get("PayloadFormatVersion");
                if (format != null && !"2.0".equals(String.valueOf(format))) {
                    throw new RunnerException(template.where(event.path() + ".Properties.PayloadFormatVersion")
                            + ": payload format " + format + " is not served locally (only 2.0)");
                }
                String method = p.get("Method") == null ? "ANY" : String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT);
                String path = p.get("Path") == null ? "$default" : literalPath(p.get("Path"));
                if (method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD")) method = "ANY";
                if (!path.equals("$default") && !path.startsWith("/")) {
                    throw new RunnerException(template.where(event.path() + ".Properties.Path") + ": a path starts with '/'");
                }
                var auth = map(p.get("Auth"));
                Object authorizerName = auth.containsKey("Authorizer") ? auth.get("Authorizer") : api.defaultAuthorizer();
                HttpApiSpec.JwtAuthorizer authorizer = null;
                if (authorizerName != null && !"NONE".equals(authorizerName)) {
                    authorizer = api.authorizers().get(String.valueOf(authorizerName));
                    if (authorizer == null) {
                        throw new RunnerException(template.where(event.path() + ".Properties.Auth.Authorizer")
                                + ": no authorizer named " + authorizerName + " on " + api.logicalId());
                    }
                }
                var route = new Route(api, method, path, function.logicalId(), event.name(), authorizer,
                        list(auth.get("AuthorizationScopes")).stream().map(String::valueOf).toList());
                String key = api.pathPrefix() + " " + route.routeKey();
                String previous = seen.putIfAbsent(key, function.logicalId() + "." + event.name());
                if (previous != null) {
                    throw new RunnerException(template.where(event.path()) + ": route " + route.routeKey()
                            + " is already taken by " + previous);
                }
                routes.add(route);
            }
        }
        return routes;
    }


    /**
     * A route's path: text, or an {@code Fn::Sub} without variables left (a department's own route: Fn::ForEach put the
     * department in, as AWS::LanguageExtensions does before SAM reads the path).
     */
    static String literalPath(Object path) {
        if (path instanceof vn.motcua.local.template.Intrinsic.Sub sub && sub.variables().isEmpty() && !sub.text().contains("${")) {
            return sub.text();
        }
        return String.valueOf(path);
    }
    private static String apiName(Object apiId) {
        if (apiId == null) return HttpApiSpec.IMPLICIT;
        if (apiId instanceof vn.motcua.local.template.Intrinsic.Ref ref) return ref.target();
        return String.valueOf(apiId);
    }

    // ------------------------------------------------------------------ matching

    /** A route that matched a request path, with the path parameters it captured (decoded). */
    public record Match(Route route, Map<String, String> pathParameters) {}

    /**
     * The route API Gateway would pick: the most specific path (literal segments before
     * {@code {param}}, those before {@code {proxy+}}), an exact method before ANY, {@code $default} last.
     *
     * @param rawPath the request path, percent-encoded as received
     */
    public static Optional<Match> select(List<Route> routes, String method, String rawPath) {
        Match best = null;
        int[] bestRank = null;
        for (Route route : routes) {
            if (!route.method.equals("ANY") && !route.method.equals(method)) continue;
            String prefix = route.api.pathPrefix();
            if (!rawPath.startsWith(prefix + "/") && !(prefix.isEmpty() && rawPath.isEmpty())) continue;
            String path = rawPath.substring(prefix.length());
            var params = route.match(path);
            if (params == null) continue;
            int[] rank = route.rank();
            if (best == null || RANK_ORDER.compare(rank, bestRank) < 0) {
                best = new Match(route, params);
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    private static final Comparator<int[]> RANK_ORDER = java.util.Arrays::compare;

    /** Smaller is more specific: per segment 0 literal, 1 parameter, 2 greedy; then the method; $default last. */
    private int[] rank() {
        if (path.equals("$default")) return new int[] {9};
        String[] segments = segments(path);
        int[] rank = new int[segments.length + 2];
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            rank[i] = s.endsWith("+}") ? 2 : s.startsWith("{") ? 1 : 0;
        }
        rank[segments.length] = 3; // end of path: a longer literal path is more specific than a parameter here
        rank[segments.length + 1] = method.equals("ANY") ? 1 : 0;
        return rank;
    }

    /** The path parameters if this route's path matches, else null. */
    Map<String, String> match(String rawPath) {
        var params = new LinkedHashMap<String, String>();
        if (path.equals("$default")) return params;
        String[] pattern = segments(path);
        String[] actual = segments(rawPath);
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= actual.length) return null; // {proxy+} needs at least one segment
                var rest = new ArrayList<String>();
                for (int j = i; j < actual.length; j++) rest.add(decode(actual[j]));
                params.put(p.substring(1, p.length() - 2), String.join("/", rest));
                return params;
            }
            if (i >= actual.length) return null;
            if (p.startsWith("{") && p.endsWith("}")) {
                if (actual[i].isEmpty()) return null;
                params.put(p.substring(1, p.length() - 1), decode(actual[i]));
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return pattern.length == actual.length ? params : null;
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** Percent-decoding of a path segment ('+' stays '+', unlike a query string). */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) return segment;
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0 && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
