package vn.motcua.functions.departmentupdates;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.RequestSignature;
import vn.motcua.departments.UpdateInbox;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.DepartmentMessages;
import vn.motcua.store.DepartmentRejections;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.time.Duration;

/**
 * {@code POST /departments/{agencyId}/updates}: a department's signed update, checked and queued
 * ({@link UpdateInbox} says what is checked and how each refusal is answered); 202 when queued.
 * {@code GET /departments/{agencyId}/updates/{messageId}}, signed too: queued, applied, or refused and why.
 * No JWT: the signature with the agency's own secret is the authentication.
 */
public final class DepartmentUpdatesHandler extends HttpFunction {

    private final UpdateInbox inbox;

    public DepartmentUpdatesHandler() {
        this(DepartmentSecrets.fromSetting(Environment.require("DEPARTMENT_SECRETS"), Reference.DATA::catalog, AwsClients::ssm),
                new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                new DepartmentMessages(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")));
    }

    private DepartmentUpdatesHandler(DepartmentSecrets secrets, DossierRepository dossiers, DepartmentMessages messages) {
        this(new UpdateInbox(secrets, dossiers, messages,
                new DepartmentRejections(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                UpdatesQueue.sqs(AwsClients.sqs(), Environment.require("UPDATES_QUEUE_URL")),
                Clock.systemUTC(), Lifecycle.standard()));
        // Every refusal of this endpoint is recorded, so the canned call does not go through the inbox: its
        // parts run instead, reads only: the request, the agency's secret and the signature, the update's
        // schema, the catalog, the dossier and the message looked up (neither exists).
        Priming.register("DepartmentUpdatesHandler", List.of(DynamoDbClient.class, SqsClient.class, SsmClient.class), () -> {
            var request = HttpRequest.from(Json.read(new ByteArrayInputStream(Priming.canned(getClass(), "priming/department-updates.json"))));
            String agency = request.pathParameters().get("agencyId");
            byte[] secret = secrets.secretOf(agency).orElse("priming-secret-not-used-anywhere-else".getBytes(StandardCharsets.UTF_8));
            byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
            Instant now = Instant.now();
            RequestSignature.verify(secret, Long.toString(now.getEpochSecond()), RequestSignature.sign(secret, now.getEpochSecond(), body), body, now);
            var update = DepartmentUpdate.parse(request.body());
            Reference.DATA.catalog();
            dossiers.find(update.dossierCode());
            messages.find(agency, update.messageId());
        });
    }

    DepartmentUpdatesHandler(UpdateInbox inbox) { this.inbox = inbox; }

    /** The catalog names each agency's secret parameter in SSM; read only when the setting is "ssm". */
    private static final class Reference {
        static final Reference DATA = new Reference();
        private volatile ReferenceData data;

        vn.motcua.domain.catalog.Catalog catalog() {
            if (data == null) {
                data = new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC());
            }
            return data.current().catalog();
        }
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        var call = new UpdateInbox.Call(request.pathParameters().get("agencyId"),
                request.header(RequestSignature.TIMESTAMP_HEADER).orElse(null),
                request.header(RequestSignature.SIGNATURE_HEADER).orElse(null),
                request.body(), request.requestId());
        if (request.method().equals("GET")) return status(call, request.pathParameters().get("messageId"));
        var queued = inbox.receive(call);
        var body = Json.object()
                .put("status", "queued")
                .put("messageId", queued.messageId())
                .put("dossierCode", queued.dossierCode())
                .put("receivedAt", queued.receivedAt().toString());
        return HttpResponse.json(202, body).withHeader("cache-control", "no-store");
    }

    /** {@code GET /departments/{agencyId}/updates/{messageId}}: what became of one of the department's messages. */
    private HttpResponse status(UpdateInbox.Call call, String messageId) throws BadInput {
        var status = inbox.status(call, messageId);
        var body = Json.object()
                .put("messageId", status.messageId())
                .put("dossierCode", status.dossierCode())
                .put("status", status.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("receivedAt", status.receivedAt().toString());
        status.refusal().ifPresent(r -> body.putObject("refusal").put("code", r.code()).put("message", r.message()));
        return HttpResponse.ok(body).withHeader("cache-control", "no-store");
    }
}
