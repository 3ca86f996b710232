package vn.motcua.functions.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.desk.DeskService;
import vn.motcua.desk.PublicLookupPage;
import vn.motcua.desk.ReceiptPage;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /dossiers}: receive a dossier at the desk (201 with the receipt, form 01), or answer
 * 422 MISSING_DOCUMENTS with what the citizen must bring (form 02). {@code POST /dossiers/refusals}:
 * the desk refuses with reasons (201 with form 03). Desk staff only. The rules are in {@link DeskService}.
 */
public final class IntakeHandler extends HttpFunction {

    private final DeskService desk;

    public IntakeHandler() {
        this(Wiring.fromEnvironment().deskService());
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class), world -> new Rehearsal.Act(
                new IntakeHandler(world.wiring().deskService()), List.of("priming/intake.json", "priming/intake-refusal.json"), Map.of()));
    }

    IntakeHandler(DeskService desk) {
        this.desk = desk;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        var staff = request.staffIn("desk");
        var clerk = new DeskService.Clerk(staff.id(), staff.label());
        var key = request.header("Idempotency-Key");
        return switch (request.route()) {
            case "POST /dossiers" -> answer(desk.receive(clerk, request.jsonBody(), key, request.requestId()), lookupPage(request));
            case "POST /dossiers/refusals" -> answer(desk.refuse(clerk, request.jsonBody(), key, request.requestId()));
            default -> throw BadInput.noSuchRoute(request.routeKey());
        };
    }

    /** Where the receipt's QR code leads: the web app on the origin this request came to ({@link PublicLookupPage#from}). */
    static Optional<PublicLookupPage> lookupPage(HttpRequest request) {
        return PublicLookupPage.from(request);
    }

    static HttpResponse answer(DeskService.IntakeResult result, Optional<PublicLookupPage> lookup) {
        if (result instanceof DeskService.Received r) {
            ObjectNode body = Json.object();
            body.put("code", r.receipt().code());
            body.put("state", "RECEIVED");
            body.put("routing", r.routing().name().toLowerCase(Locale.ROOT));
            body.put("replayed", r.replayed());
            body.set("receipt", r.receipt().toJson());
            body.put("receiptHtml", ReceiptPage.render(r.receipt(), lookup));
            return HttpResponse.json(r.replayed() ? 200 : 201, body).withHeader("location", "/dossiers/" + r.receipt().code());
        }
        var incomplete = (DeskService.Incomplete) result;
        ObjectNode error = Json.object();
        error.put("code", "MISSING_DOCUMENTS");
        error.put("message", "Hồ sơ chưa đầy đủ nên chưa được tiếp nhận: còn thiếu " + incomplete.missing().size()
                + " giấy tờ. Hướng dẫn người nộp bổ sung theo danh sách dưới đây.");
        var fields = error.putArray("fields");
        incomplete.missing().forEach(m -> fields.addObject().put("field", "documents").put("message", m.messageVi()));
        ObjectNode body = Json.object();
        body.set("error", error);
        body.set("missing", incomplete.guidance().get("missing"));
        body.set("guidance", incomplete.guidance());
        body.put("refusalId", incomplete.refusalId());
        return HttpResponse.json(422, body);
    }

    static HttpResponse answer(DeskService.Refused refused) {
        ObjectNode body = Json.object();
        body.put("id", refused.refusalId());
        body.put("replayed", refused.replayed());
        body.set("refusal", refused.slip());
        return HttpResponse.json(refused.replayed() ? 200 : 201, body);
    }
}
