package vn.motcua.bench.typical;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TYPICAL-DEVELOPER VERSION, for the benchmark only: a POJO {@code RequestHandler} of Lambda's event
 * classes, so the runtime's default (reflective, Jackson-based) serialization reads the event and
 * writes the answer. The request is handed to the same handler logic as the real function, so both
 * make the same AWS calls for the same event; only the plumbing differs.
 */
public abstract class TypicalHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    protected abstract HttpResponse route(HttpRequest request, Context context) throws BadInput;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpResponse response;
        try {
            response = route(request(event), context);
        } catch (BadInput e) {
            response = HttpResponse.problem(e);
        } catch (RuntimeException e) {
            e.printStackTrace();
            response = HttpResponse.problem(new BadInput(500, "INTERNAL_ERROR", "Hệ thống gặp lỗi, xin thử lại.", List.of()));
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(response.headers())
                .withBody(response.body()).withIsBase64Encoded(false).build();
    }

    static HttpRequest request(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        var headers = new LinkedHashMap<String, String>();
        if (event.getHeaders() != null) event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> claims = context != null && context.getAuthorizer() != null && context.getAuthorizer().getJwt() != null
                && context.getAuthorizer().getJwt().getClaims() != null ? context.getAuthorizer().getJwt().getClaims() : Map.of();
        return new HttpRequest(event.getRouteKey(),
                context == null || context.getHttp() == null ? "" : context.getHttp().getMethod(),
                event.getRawPath(), headers,
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
                body, context == null ? "" : context.getRequestId(), claims,
                context == null || context.getDomainName() == null ? "" : context.getDomainName());
    }
}
