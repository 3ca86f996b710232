package vn.motcua.functions.documents;

import com.amazonaws.services.lambda.runtime.Context;
import vn.motcua.bench.typical.SdkS3Links;
import vn.motcua.bench.typical.TypicalClients;
import vn.motcua.bench.typical.TypicalHttpHandler;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Duration;

/** TYPICAL-DEVELOPER VERSION of {@link DocumentsHandler} (benchmark only): default SDK clients, POJO events, same logic. */
public final class TypicalDocumentsHandler extends TypicalHttpHandler {
    private final DocumentsHandler handler = new DocumentsHandler(
            new DossierRepository(TypicalClients.dynamoDb(), TypicalClients.env("DOSSIER_TABLE")), new SdkS3Links(TypicalClients.presigner()),
            TypicalClients.env("DOCUMENTS_BUCKET"), Long.parseLong(TypicalClients.env("MAX_DOCUMENT_BYTES")));

    @Override
    protected HttpResponse route(HttpRequest request, Context context) throws BadInput { return handler.handle(request, context); }
}
