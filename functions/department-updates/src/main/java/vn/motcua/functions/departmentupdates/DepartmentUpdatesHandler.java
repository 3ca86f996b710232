package vn.motcua.functions.departmentupdates;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import vn.motcua.departments.RequestSignature;
import vn.motcua.departments.UpdateInbox;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Locale;

/**
 * {@code POST /departments/{agencyId}/updates}: a department's signed update, checked and queued
 * ({@link UpdateInbox} says what is checked and how each refusal is answered); 202 when queued.
 * {@code GET /departments/{agencyId}/updates/{messageId}}, signed too: queued, applied, or refused and why.
 * No JWT: the signature with the agency's own secret is the authentication.
 */
public final class DepartmentUpdatesHandler extends HttpFunction {

    private final UpdateInbox inbox;

    public DepartmentUpdatesHandler() {
        this(Wiring.fromEnvironment().updateInbox());
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class, SsmClient.class), world -> new Rehearsal.Act(
                new DepartmentUpdatesHandler(world.wiring().updateInbox()), List.of("priming/department-updates.json"),
                world.signedUpdate(world.transferred())));
    }

    DepartmentUpdatesHandler(UpdateInbox inbox) { this.inbox = inbox; }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        var call = new UpdateInbox.Call(agencyOf(request),
                request.header(RequestSignature.TIMESTAMP_HEADER).orElse(null),
                request.header(RequestSignature.SIGNATURE_HEADER).orElse(null),
                request.body(), request.requestId(), request.rawBody());
        if (request.method().equals("GET")) return status(call, request.pathParameters().get("messageId"));
        var queued = inbox.receive(call);
        var body = Json.object()
                .put("status", "queued")
                .put("messageId", queued.messageId())
                .put("dossierCode", queued.dossierCode())
                .put("receivedAt", queued.receivedAt().toString());
        return HttpResponse.json(202, body).withHeader("cache-control", "no-store");
    }

    /**
     * The agency of the path: a parameter on the catch-all route, a literal segment on a department's own route
     * ({@code /departments/so-ngoai-vu/updates}, throttled on its own).
     */
    static String agencyOf(HttpRequest request) {
        String agency = request.pathParameters().get("agencyId");
        if (agency != null) return agency;
        var segments = request.path().split("/");
        // /departments/<agency>/updates[/...]: the segment after "departments"
        for (int i = 0; i + 1 < segments.length; i++) if (segments[i].equals("departments")) return segments[i + 1];
        return null;
    }

    /** {@code GET /departments/{agencyId}/updates/{messageId}}: what became of one of the department's messages. */
    private HttpResponse status(UpdateInbox.Call call, String messageId) throws BadInput {
        var status = inbox.status(call, messageId);
        var body = Json.object()
                .put("messageId", status.messageId())
                .put("dossierCode", status.dossierCode())
                .put("status", status.state().name().toLowerCase(Locale.ROOT))
                .put("receivedAt", status.receivedAt().toString());
        status.refusal().ifPresent(r -> body.putObject("refusal").put("code", r.code()).put("message", r.message()));
        return HttpResponse.ok(body).withHeader("cache-control", "no-store");
    }
}
