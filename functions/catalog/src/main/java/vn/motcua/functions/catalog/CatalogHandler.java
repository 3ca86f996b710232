package vn.motcua.functions.catalog;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;
import vn.motcua.store.ReferenceData;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /catalog}: the departments and their procedures with the document checklists, the
 * time limits and the fees, for the counter form. Callback settings stay out (they are the
 * dispatcher's business, not the clerk's).
 */
public final class CatalogHandler extends HttpFunction {

    private final Supplier<ReferenceData.Snapshot> reference;

    public CatalogHandler() {
        this(Wiring.fromEnvironment().reference());
        Rehearsal.register(this, List.of(DynamoDbClient.class), world ->
                new Rehearsal.Act(new CatalogHandler(world.wiring().reference()), List.of("priming/catalog.json"), Map.of()));
    }

    CatalogHandler(Supplier<ReferenceData.Snapshot> reference) {
        this.reference = reference;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        request.staffIn("desk", "office"); // a token without a staff group is no staff
        var snapshot = reference.get();
        return HttpResponse.ok(render(snapshot.catalog()).put("version", snapshot.version()))
                .withHeader("cache-control", "private, max-age=60");
    }

    static ObjectNode render(Catalog catalog) {
        ObjectNode body = Json.object();
        ArrayNode agencies = body.putArray("agencies");
        for (Agency agency : catalog.agencies()) {
            ObjectNode a = agencies.addObject()
                    .put("id", agency.id())
                    .put("nameVi", agency.name().vi())
                    .put("nameEn", agency.name().en());
            ArrayNode procedures = a.putArray("procedures");
            for (Procedure p : catalog.proceduresOf(agency.id())) {
                ObjectNode row = procedures.addObject()
                        .put("code", p.code())
                        .put("nameVi", p.name().vi())
                        .put("nameEn", p.name().en())
                        .put("resultByPost", p.resultByPost())
                        .put("fee", p.fee().inVietnamese());
                row.putObject("timeLimit")
                        .put("value", p.timeLimit().value())
                        .put("unit", p.timeLimit().unit().name().toLowerCase(java.util.Locale.ROOT))
                        .put("text", p.timeLimit().inVietnamese());
                ArrayNode documents = row.putArray("documents");
                for (var d : p.documents()) {
                    documents.addObject().put("name", d.name()).put("form", d.form().name().toLowerCase(java.util.Locale.ROOT))
                            .put("formText", d.form().inVietnamese()).put("count", d.count()).put("required", d.required());
                }
            }
        }
        return body;
    }
}
