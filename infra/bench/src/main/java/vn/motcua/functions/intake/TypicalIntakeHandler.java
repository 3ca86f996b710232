package vn.motcua.functions.intake;

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

/** TYPICAL-DEVELOPER VERSION of {@link IntakeHandler} (benchmark only): default SDK clients, POJO events, same logic. */
public final class TypicalIntakeHandler extends TypicalHttpHandler {
    private final IntakeHandler handler = new IntakeHandler(new vn.motcua.desk.DeskService(
            new DossierRepository(TypicalClients.dynamoDb(), TypicalClients.env("DOSSIER_TABLE")),
            new vn.motcua.store.DossierCodes(TypicalClients.dynamoDb(), TypicalClients.env("DOSSIER_TABLE")),
            new ReferenceData(TypicalClients.dynamoDb(), TypicalClients.env("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC())::current,
            vn.motcua.queues.RoutingQueue.sqs(TypicalClients.sqs(), TypicalClients.env("ROUTING_QUEUE_URL")),
            vn.motcua.desk.Desk.QUANG_NGAI_POST, Clock.systemUTC()));

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws BadInput { return handler.handle(request, context); }
}
