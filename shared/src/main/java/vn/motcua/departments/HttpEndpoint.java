package vn.motcua.departments;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The department's endpoint over the JDK's HTTP client: no redirects followed, the catalog's timeout. */
public final class HttpEndpoint implements DossierDelivery.Endpoint {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public DossierDelivery.Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        var request = HttpRequest.newBuilder(url).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = response.body();
            int keep = Math.min(answer.length, 4096);
            return new DossierDelivery.Answer(response.statusCode(), new String(answer, 0, keep, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
