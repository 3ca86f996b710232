package vn.motcua.functions.catalog;

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

/** TYPICAL-DEVELOPER VERSION of {@link CatalogHandler} (benchmark only): default SDK clients, POJO events, same logic. */
public final class TypicalCatalogHandler extends TypicalHttpHandler {
    private final CatalogHandler handler = new CatalogHandler(new ReferenceData(TypicalClients.dynamoDb(),
            TypicalClients.env("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC()));

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws BadInput { return handler.handle(request, context); }
}
