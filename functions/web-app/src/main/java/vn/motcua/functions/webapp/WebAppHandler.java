package vn.motcua.functions.webapp;

import com.amazonaws.services.lambda.runtime.Context;
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
 * /app/config.json} tells the page how to sign in, from this function's environment: the user pool's
 * app client and the region, and the Cognito endpoint when it is not AWS's own (the local run's, from
 * {@code AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER}, as every SDK client of the project reads it).
 * Every answer carries an ETag; a matching {@code If-None-Match} gets 304. No AWS SDK here.
 *
 * <p>Every answer also carries the page's {@link WebAppSettings#contentSecurityPolicy}: scripts and styles
 * from this origin only, calls to this origin, the sign-in service and the documents bucket only; no framing
 * by anyone ({@code frame-ancestors 'none'}); plus {@code nosniff} and {@code no-referrer}.
 */
public final class WebAppHandler extends HttpFunction {

    /** Revalidate every time: files are not fingerprinted, and a 304 costs one small request. */
    static final String CACHE = "no-cache";

    private final StaticFiles files;
    private final String config;
    private final String configEtag;
    private final String policy;

    public WebAppHandler() {
        this(WebAppSettings.environment());
        vn.motcua.aws.Priming.register(this, "priming/web-app.json", java.util.List.of()); // no AWS client: the files and their answer
    }

    WebAppHandler(Map<String, String> env) {
        this.files = new StaticFiles("web", WebAppHandler.class.getClassLoader());
        this.config = Json.write(WebAppSettings.config(env));
        this.configEtag = StaticFiles.etag(config.getBytes(StandardCharsets.UTF_8));
        this.policy = WebAppSettings.contentSecurityPolicy(env, WebAppSettings.formStyleHashes());
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
        return files.find(name).map(f -> answer(request, f.etag(), f.contentType(), f.body(), f.base64())).orElseGet(this::notFound);
    }

    private HttpResponse answer(HttpRequest request, String etag, String type, String body) {
        return answer(request, etag, type, body, false);
    }

    private HttpResponse answer(HttpRequest request, String etag, String type, String body, boolean base64) {
        boolean fresh = request.header("if-none-match").map(v -> List.of(v.split(",\\s*")).contains(etag)).orElse(false);
        var response = fresh ? new HttpResponse(304, Map.of(), "")
                : new HttpResponse(200, Map.of("content-type", type), body, base64);
        return secured(response.withHeader("etag", etag).withHeader("cache-control", CACHE));
    }

    private HttpResponse secured(HttpResponse response) {
        return response.withHeader("content-security-policy", policy)
                .withHeader("x-content-type-options", "nosniff").withHeader("referrer-policy", "no-referrer");
    }

    private HttpResponse notFound() {
        return secured(HttpResponse.text(404, "text/plain; charset=utf-8", "Không tìm thấy trang này.")
                .withHeader("cache-control", "no-store"));
    }
}
