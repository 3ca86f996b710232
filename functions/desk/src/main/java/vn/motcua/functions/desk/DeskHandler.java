package vn.motcua.functions.desk;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.desk.DossierView;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.Page;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The desk's reads, for the counter staff and the province's office:
 * <ul>
 *   <li>{@code GET /dossiers?agency=&state=} | {@code ?dueBy=} | {@code ?receivedFrom=&receivedTo=},
 *       with {@code cursor} and {@code limit}: one page of dossier summaries and {@code nextCursor};</li>
 *   <li>{@code GET /dossiers/{code}}: the full dossier with its timeline and process control slip.</li>
 * </ul>
 * Each list reads one index of the dossier table; nothing here scans.
 */
public final class DeskHandler extends HttpFunction {

    static final String[] GROUPS = {"desk", "office"};

    private final DossierRepository dossiers;
    private final ReferenceData reference;
    private final Clock clock;

    public DeskHandler() {
        this(new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")),
                new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), Duration.ofMinutes(5), Clock.systemUTC()),
                Clock.systemUTC());
        Priming.register(this, "priming/desk.json", java.util.List.of(DynamoDbClient.class));
    }

    DeskHandler(DossierRepository dossiers, ReferenceData reference, Clock clock) {
        this.dossiers = dossiers;
        this.reference = reference;
        this.clock = clock;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        request.staffIn(GROUPS);
        var answer = request.pathParameters().containsKey("code") ? one(request) : list(request);
        // Personal data of applicants: no shared cache may keep it.
        return answer.withHeader("cache-control", "no-store");
    }

    private HttpResponse list(HttpRequest request) throws BadInput {
        var catalog = reference.current().catalog();
        var query = ListQuery.parse(request.query(), catalog);
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
        var today = LocalDate.now(clock.withZone(Dossier.ZONE));
        ObjectNode body = Json.object();
        var items = body.putArray("items");
        var view = new DossierView(catalog);
        page.items().forEach(d -> items.add(view.summary(d, today)));
        body.put("nextCursor", page.cursor().orElse(null));
        Log.info("desk.list").with("requestId", request.requestId()).with("list", query.getClass().getSimpleName())
                .with("count", page.items().size()).write();
        return HttpResponse.ok(body);
    }

    private Page<Dossier> read(ListQuery query) {
        var cursor = query.page().cursor();
        int limit = query.page().limit();
        if (query instanceof ListQuery.ByAgencyAndState q) return dossiers.byAgencyAndState(q.agencyId(), q.state(), cursor, limit);
        if (query instanceof ListQuery.DueBy q) return dossiers.openDueBy(q.lastDay(), cursor, limit);
        var q = (ListQuery.ReceivedBetween) query;
        return dossiers.receivedBetween(q.first(), q.last(), cursor, limit);
    }

    private HttpResponse one(HttpRequest request) throws BadInput {
        String text = request.pathParameter("code");
        if (!DossierCode.isValid(text)) {
            throw new BadInput("INVALID_DOSSIER_CODE", "Mã hồ sơ «" + abbreviate(text)
                    + "» không đúng định dạng (ví dụ: 000.00.53.H48-220921-0099).", "code");
        }
        var code = new DossierCode(text);
        var dossier = dossiers.find(code).orElseThrow(() -> new BadInput(404, "DOSSIER_NOT_FOUND",
                "Không tìm thấy hồ sơ có mã " + code + ".", List.of(new BadInput.FieldError("code", "Không tìm thấy hồ sơ có mã " + code + "."))));
        var today = LocalDate.now(clock.withZone(Dossier.ZONE));
        return HttpResponse.ok(new DossierView(reference.current().catalog()).full(dossier, today));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
