package vn.motcua.local.runner.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.Base64;
import java.util.Map;

/** A POJO handler: the event and the response go through Lambda's own serialization, as on AWS. */
public final class PojoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var jwt = event.getRequestContext().getAuthorizer() == null ? null : event.getRequestContext().getAuthorizer().getJwt();
        String who = jwt == null ? "anonymous" : jwt.getClaims().get("email") + " " + jwt.getClaims().get("cognito:groups");
        String name = event.getPathParameters() == null ? "-" : event.getPathParameters().get("name");
        String body = event.getBody() == null ? "" : event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(event.getBody())) : event.getBody();
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("content-type", "text/plain", "x-route", event.getRouteKey(), "x-function", context.getFunctionName()))
                .withBody("hello " + name + " from " + who + ": " + body)
                .build();
    }
}
