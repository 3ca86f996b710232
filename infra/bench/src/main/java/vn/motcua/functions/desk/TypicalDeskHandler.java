package vn.motcua.functions.desk;

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

/** TYPICAL-DEVELOPER VERSION of {@link DeskHandler} (benchmark only): default SDK clients, POJO events, same logic. */
public final class TypicalDeskHandler extends TypicalHttpHandler {
    private final DeskHandler handler = new DeskHandler(new DossierRepository(TypicalClients.dynamoDb(), TypicalClients.env("DOSSIER_TABLE")),
            new ReferenceData(TypicalClients.dynamoDb(), TypicalClients.env("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC()),
            Clock.systemUTC());

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws BadInput { return handler.handle(request, context); }
}
