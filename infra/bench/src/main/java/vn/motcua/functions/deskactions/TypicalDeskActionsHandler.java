package vn.motcua.functions.deskactions;

import com.amazonaws.services.lambda.runtime.Context;
import vn.motcua.bench.typical.TypicalClients;
import vn.motcua.bench.typical.TypicalHttpHandler;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Duration;

/** TYPICAL-DEVELOPER VERSION of {@link DeskActionsHandler} (benchmark only): default SDK clients, POJO events, same logic. */
public final class TypicalDeskActionsHandler extends TypicalHttpHandler {
    private final DeskActionsHandler handler = new DeskActionsHandler(new DossierRepository(TypicalClients.dynamoDb(), TypicalClients.env("DOSSIER_TABLE")),
            new ReferenceData(TypicalClients.dynamoDb(), TypicalClients.env("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC()),
            vn.motcua.queues.RoutingQueue.sqs(TypicalClients.sqs(), TypicalClients.env("ROUTING_QUEUE_URL")), Clock.systemUTC());

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws BadInput { return handler.handle(request, context); }
}
