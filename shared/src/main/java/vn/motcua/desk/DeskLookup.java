package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Page;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The desk's reads, for the counter staff and the province's office: one page of a list of dossiers (by
 * agency and state, due by a day, received in a range: {@link ListQuery}), or one dossier in full with its
 * timeline and process control slip ({@link DossierView}). Each list reads one index; nothing scans.
 */
public record DeskLookup(Dossiers dossiers, Supplier<ReferenceData.Snapshot> reference, Clock clock) {

    /** One page of summaries, with the cursor of the next page (null: the last one). */
    public record Listed(ObjectNode body, String list, int count) {}

    /** {@code GET /dossiers?...}: the query string checked ({@link ListQuery}), then one page of the list it names. */
    public Listed list(Map<String, String> queryString) throws BadInput {
        var catalog = reference.get().catalog();
        var query = ListQuery.parse(queryString, catalog);
        Page<Dossier> page;
        try {
            page = read(query);
        } catch (IllegalArgumentException e) {
            // The store refuses a cursor that is not one of this list's; the other arguments were checked above.
            if (query.page().cursor().isPresent()) throw ListQuery.invalidCursor();
            throw e;
        } catch (DynamoDbException e) {
            // A forged cursor whose key DynamoDB cannot use: the caller's mistake, not ours.
            if (query.page().cursor().isPresent() && e.statusCode() == 400) throw ListQuery.invalidCursor();
            throw e;
        }
        ObjectNode body = Json.object();
        var items = body.putArray("items");
        var view = new DossierView(catalog);
        var today = today();
        page.items().forEach(d -> items.add(view.summary(d, today)));
        body.put("nextCursor", page.cursor().orElse(null));
        return new Listed(body, query.getClass().getSimpleName(), page.items().size());
    }

    private Page<Dossier> read(ListQuery query) {
        var cursor = query.page().cursor();
        int limit = query.page().limit();
        return switch (query) {
            case ListQuery.ByAgencyAndState q -> dossiers.byAgencyAndState(q.agencyId(), q.state(), cursor, limit);
            case ListQuery.DueBy q -> dossiers.openDueBy(q.lastDay(), cursor, limit);
            case ListQuery.ReceivedBetween q -> dossiers.receivedBetween(q.first(), q.last(), cursor, limit);
        };
    }

    /** {@code GET /dossiers/{code}}: the dossier in full, or 404 {@code DOSSIER_NOT_FOUND}. */
    public ObjectNode one(DossierCode code) throws BadInput {
        var dossier = dossiers.find(code).orElseThrow(() -> notFound(code));
        return new DossierView(reference.get().catalog()).full(dossier, today(), dossiers.receiptRecord(code));
    }

    private LocalDate today() { return LocalDate.now(clock.withZone(Dossier.ZONE)); }

    /** The answer to a dossier code that is well formed but names no dossier. */
    static BadInput notFound(DossierCode code) {
        String message = "Không tìm thấy hồ sơ có mã " + code + ".";
        return new BadInput(404, "DOSSIER_NOT_FOUND", message, List.of(new BadInput.FieldError("code", message)));
    }
}
