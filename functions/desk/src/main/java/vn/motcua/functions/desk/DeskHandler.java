package vn.motcua.functions.desk;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.desk.DeskLookup;
import vn.motcua.desk.ListQuery;
import vn.motcua.desk.PrintedForms;
import vn.motcua.desk.PublicLookupPage;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Log;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Map;

/**
 * The desk's reads, for the counter staff and the province's office ({@link DeskLookup}):
 * <ul>
 *   <li>{@code GET /dossiers?agency=&state=} | {@code ?dueBy=} | {@code ?receivedFrom=&receivedTo=},
 *       with {@code cursor} and {@code limit}: one page of dossier summaries and {@code nextCursor} ({@link ListQuery});</li>
 *   <li>{@code GET /dossiers?q=}: the search by code, applicant name (with or without diacritics), ID number or phone;</li>
 *   <li>{@code GET /worklist}: the desk's day, every list at once ({@link DeskLookup#worklist});</li>
 *   <li>{@code GET /dossiers/{code}}: the full dossier with its timeline and process control slip;</li>
 *   <li>{@code GET /dossiers/{code}/forms/{form}}: a form of the dossier printed again by the server ({@link PrintedForms});</li>
 *   <li>{@code GET /dossiers/refusals?on=}: one day's guidance and refusals at the desk (today without {@code on});</li>
 *   <li>{@code GET /dossiers/refusals/{id}/forms/{form}}: form 02 or 03 of a guidance or refusal at the desk, printed again.</li>
 * </ul>
 */
public final class DeskHandler extends HttpFunction {

    static final String[] GROUPS = {"desk", "office"};

    private final DeskLookup lookup;
    private final PrintedForms forms;

    public DeskHandler() {
        this(Wiring.fromEnvironment());
        Rehearsal.register(this, List.of(DynamoDbClient.class), world -> new Rehearsal.Act(
                new DeskHandler(world.wiring().deskLookup(), world.wiring().printedForms()),
                List.of("priming/desk.json", "priming/desk-dossier.json"), Map.of("CODE", world.inProcess().code().value())));
    }

    private DeskHandler(Wiring wiring) {
        this(wiring.deskLookup(), wiring.printedForms());
    }

    DeskHandler(DeskLookup lookup, PrintedForms forms) {
        this.lookup = lookup;
        this.forms = forms;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        request.staffIn(GROUPS);
        if (request.route().equals("GET /worklist")) {
            var worklist = lookup.worklist();
            Log.info("desk.worklist").with("requestId", request.requestId()).write();
            return HttpResponse.ok(worklist).withHeader("cache-control", "no-store");
        }
        if (request.route().equals("GET /dossiers/refusals")) {
            var refusals = lookup.deskRefusalsOn(request.query());
            // the day and the count only: the list holds applicants' names
            Log.info("desk.refusals.listed").with("requestId", request.requestId()).with("on", refusals.on().toString())
                    .with("count", refusals.count()).write();
            return HttpResponse.ok(refusals.body()).withHeader("cache-control", "no-store");
        }
        if (request.route().equals("GET /dossiers/refusals/{id}/forms/{form}")) {
            var printed = forms.printDeskForm(request.pathParameter("id"), request.pathParameter("form"));
            Log.info("desk.form.printed").with("requestId", request.requestId()).with("refusalId", request.pathParameter("id"))
                    .with("form", printed.form()).with("basis", printed.basis()).write();
            return HttpResponse.ok(printed.toJson()).withHeader("cache-control", "no-store");
        }
        if (request.pathParameters().containsKey("form")) {
            var printed = forms.print(request.dossierCode(), request.pathParameter("form"), PublicLookupPage.from(request));
            Log.info("desk.form.printed").with("requestId", request.requestId()).with("code", request.dossierCode())
                    .with("form", printed.form()).with("basis", printed.basis()).write();
            return HttpResponse.ok(printed.toJson()).withHeader("cache-control", "no-store");
        }
        if (request.pathParameters().containsKey("code")) {
            // Personal data of applicants: no shared cache may keep it.
            return HttpResponse.ok(lookup.one(request.dossierCode())).withHeader("cache-control", "no-store");
        }
        var listed = lookup.list(request.query());
        Log.info("desk.list").with("requestId", request.requestId()).with("list", listed.list()).with("count", listed.count()).write();
        return HttpResponse.ok(listed.body()).withHeader("cache-control", "no-store");
    }
}
