package vn.motcua.portal;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The national portal over HTTP (the JDK's client, no redirects followed), at the URL of the template parameter
 * {@code NationalPortalUrl}: {@code POST <url>/hoso/dongbo} with one {@link PortalRecord}, {@code GET
 * <url>/hoso/<code>} for what the portal holds. 2xx: accepted; 4xx: refused for good (its body is the reason);
 * 5xx, no connection or no answer within {@code timeout}: unavailable, try again. The paths are ASSUMED (the
 * portal's specification is not public): this class is the one to change when it is known.
 */
public final class HttpNationalPortal implements NationalPortal {

    private final URI base;
    private final Duration timeout;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public HttpNationalPortal(String url, Duration timeout) {
        if (url == null || !url.matches("https?://.+")) throw new IllegalArgumentException("the national portal's URL is http(s)://...: " + url);
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.timeout = timeout;
    }

    @Override
    public Answer send(PortalRecord record) throws Unavailable {
        var request = HttpRequest.newBuilder(base.resolve("hoso/dongbo")).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(record.toJson(), StandardCharsets.UTF_8)).build();
        var response = call(request);
        String body = response.body().length() > 1000 ? response.body().substring(0, 1000) : response.body();
        int status = response.statusCode();
        if (status >= 200 && status < 300) return new Answer.Accepted(body);
        if (status >= 400 && status < 500 && status != 408 && status != 429) return new Answer.Rejected(status + " " + body);
        throw new Unavailable("the portal answered " + status, null);
    }

    @Override
    public List<Held> holdings(DossierCode code) throws Unavailable {
        var request = HttpRequest.newBuilder(base.resolve("hoso/" + code.value())).timeout(timeout).GET().build();
        var response = call(request);
        if (response.statusCode() == 404) return List.of();
        if (response.statusCode() != 200) throw new Unavailable("the portal answered " + response.statusCode(), null);
        try {
            var held = new ArrayList<Held>();
            for (JsonNode n : Json.tree(response.body()).path("DanhSach")) held.add(new Held(n.path("SoThuTu").asInt(), n.path("TrangThaiHoSo").asInt()));
            return held;
        } catch (IOException e) {
            throw new Unavailable("the portal's answer is not JSON", e);
        }
    }

    private HttpResponse<String> call(HttpRequest request) throws Unavailable {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }
}
