package vn.motcua.functions.documents;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import vn.motcua.documents.DocumentLinks;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Map;

/**
 * Documents of a dossier, for the desk ({@link DocumentLinks}):
 * <ul>
 * <li>{@code POST /dossiers/{code}/documents} {@code {fileName, contentType, size}}: a presigned PUT for a new
 *     key under the dossier's prefix; the browser uploads straight to S3, the document-received function
 *     checks the file and registers it;</li>
 * <li>{@code GET /dossiers/{code}/documents/{documentId}/link}: a presigned GET of a registered document.</li>
 * </ul>
 */
public final class DocumentsHandler extends HttpFunction {

    static final String PRESIGN_ROUTE = "POST /dossiers/{code}/documents";
    static final String LINK_ROUTE = "GET /dossiers/{code}/documents/{documentId}/link";

    private final DocumentLinks links;

    public DocumentsHandler() {
        this(Wiring.fromEnvironment().documentLinks());
        Rehearsal.register(this, List.of(DynamoDbClient.class, S3Client.class), world -> {
            var dossier = world.received();
            return new Rehearsal.Act(new DocumentsHandler(world.wiring().documentLinks()), List.of("priming/documents.json",
                    "priming/documents-link.json"), Map.of("CODE", dossier.code().value(), "DOCUMENT_ID", world.registered(dossier, "Giấy phép.pdf")));
        });
    }

    DocumentsHandler(DocumentLinks links) {
        this.links = links;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        var staff = request.staffIn("desk");
        var answer = switch (request.route()) {
            case PRESIGN_ROUTE -> links.upload(staff.id(), request.dossierCode(), request.jsonBody(), request.requestId());
            case LINK_ROUTE -> links.download(request.dossierCode(), request.pathParameter("documentId"), request.requestId());
            default -> throw BadInput.noSuchRoute(request.routeKey());
        };
        return HttpResponse.ok(answer).withHeader("cache-control", "no-store");
    }
}
