package vn.motcua.functions.deskactions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.desk.DeskActions;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;

/**
 * {@code POST /dossiers/{code}/{action}} (desk group only): supplement-received, fee-paid, returned,
 * delivered, withdrawal; each one event through the lifecycle ({@link DeskActions} says how). 200 with the
 * full dossier; a move the lifecycle refuses is 409 with its code and message, nothing changed.
 */
public final class DeskActionsHandler extends HttpFunction {

    private final DeskActions actions;

    public DeskActionsHandler() {
        this(Wiring.fromEnvironment().deskActions());
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class), world ->
                world.act(new DeskActionsHandler(world.wiring().deskActions()), "priming/desk-actions.json", world.resultReadyByPost()));
    }

    DeskActionsHandler(DeskActions actions) {
        this.actions = actions;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        var staff = request.staffIn("desk");
        var code = request.dossierCode();
        // the last segment of the route: POST /dossiers/{code}/fee-paid -> fee-paid
        String action = request.route().substring(request.route().lastIndexOf('/') + 1);
        var done = actions.act(staff.id(), code, action, request::jsonBody, request.header("Idempotency-Key"), request.requestId());
        ObjectNode body = Json.object();
        body.put("action", done.action());
        body.put("replayed", done.replayed());
        done.routing().ifPresent(routing -> body.put("routing", routing));
        body.set("dossier", done.dossier());
        return HttpResponse.ok(body).withHeader("cache-control", "no-store");
    }
}
