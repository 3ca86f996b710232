package vn.motcua.functions.webapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.aws.Environment;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The counter web app, served through the HTTP API on the API's own origin (so no CORS):
 * {@code GET /} is the app's page, {@code GET /app/{proxy+}} its files, and {@code GET
 * /app/config.json} tells the page how to sign in, from this function's environment
 * ({@code SIGN_IN} = {@code cognito} or {@code local}, the user pool client, the region).
 * Every answer carries an ETag; a matching {@code If-None-Match} gets 304. No AWS SDK here.
 */
public final class WebAppHandler extends HttpFunction {

    /** Revalidate every time: files are not fingerprinted, and a 304 costs one small request. */
    static final String CACHE = "no-cache";

    private final StaticFiles files;
    private final String config;
    private final String configEtag;

    public WebAppHandler() {
        this(environment());
        vn.motcua.aws.Priming.register(this, "priming/web-app.json", java.util.List.of()); // no AWS client: the files and their answer
    }

    /** Read through {@link Environment}, which the local runner gives each function its own of. */
    private static Map<String, String> environment() {
        var env = new java.util.HashMap<String, String>();
        for (String name : List.of("SIGN_IN", "AWS_REGION", "STAFF_USER_POOL_CLIENT_ID")) {
            Environment.get(name).ifPresent(v -> env.put(name, v));
        }
        return env;
    }

    WebAppHandler(Map<String, String> env) {
        this.files = new StaticFiles("web", WebAppHandler.class.getClassLoader());
        this.config = Json.write(config(env));
        this.configEtag = StaticFiles.etag(config.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode config(Map<String, String> env) {
        String mode = env.getOrDefault("SIGN_IN", "cognito");
        if (!mode.equals("cognito") && !mode.equals("local")) {
            throw new IllegalStateException("SIGN_IN must be cognito or local, got " + mode);
        }
        ObjectNode config = Json.object().put("signIn", mode);
        if (mode.equals("cognito")) {
            config.put("region", require(env, "AWS_REGION"));
            config.put("clientId", require(env, "STAFF_USER_POOL_CLIENT_ID"));
        }
        return config;
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
        return value;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        String path = request.path();
        if (path.equals("/") || path.equals("/app") || path.equals("/app/")) return file("index.html", request);
        if (path.equals("/app/config.json")) {
            return answer(request, configEtag, "application/json; charset=utf-8", config);
        }
        if (path.startsWith("/app/")) return file(path.substring("/app/".length()), request);
        return notFound();
    }

    private HttpResponse file(String name, HttpRequest request) {
        return files.find(name).map(f -> answer(request, f.etag(), f.contentType(), f.body())).orElseGet(WebAppHandler::notFound);
    }

    private static HttpResponse answer(HttpRequest request, String etag, String type, String body) {
        boolean fresh = request.header("if-none-match").map(v -> List.of(v.split(",\\s*")).contains(etag)).orElse(false);
        var response = fresh ? new HttpResponse(304, Map.of(), "") : HttpResponse.text(200, type, body);
        return response.withHeader("etag", etag).withHeader("cache-control", CACHE)
                .withHeader("x-content-type-options", "nosniff").withHeader("referrer-policy", "no-referrer");
    }

    private static HttpResponse notFound() {
        return HttpResponse.text(404, "text/plain; charset=utf-8", "Không tìm thấy trang này.")
                .withHeader("cache-control", "no-store");
    }
}
