package vn.motcua.functions.reports;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.reports.Reports;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.portal.PortalReconciliation;
import vn.motcua.wiring.Wiring;

import java.util.List;
import java.util.Map;

/**
 * The province office's reports (group {@code office} only), by {@link Reports}:
 * <ul>
 *   <li>{@code GET /reports/statistics?from=&to=[&agency=][&format=csv]}: the national statistics layout per agency;</li>
 *   <li>{@code GET /reports/tracking-book?from=&to=[&agency=][&format=csv]}: the tracking book (form 06);</li>
 *   <li>{@code GET /reports/scorecard?month=[&agency=][&format=csv]}: the month's scorecard (Decision 766).</li>
 *   <li>{@code GET /reports/portal-sync?from=&to=}: the sync ledger reconciled with the national portal ({@link PortalReconciliation}).</li>
 * </ul>
 */
public final class ReportsHandler extends HttpFunction {

    static final String[] GROUPS = {"office"};

    private final Reports reports;
    /** Built on first use: the other reports never reach the portal. */
    private final java.util.function.Supplier<PortalReconciliation> portalSync;

    public ReportsHandler() {
        this(Wiring.fromEnvironment().reports(), () -> Wiring.fromEnvironment().portalReconciliation());
        Rehearsal.register(this, List.of(DynamoDbClient.class), world -> {
            world.inProcess();
            world.resultReadyByPost();
            return new Rehearsal.Act(new ReportsHandler(world.wiring().reports(), () -> world.wiring().portalReconciliation()), List.of("priming/reports.json",
                    "priming/reports-tracking-book.json", "priming/reports-scorecard.json"), Map.of());
        });
    }

    ReportsHandler(Reports reports, java.util.function.Supplier<PortalReconciliation> portalSync) {
        this.reports = reports;
        this.portalSync = portalSync;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        request.staffIn(GROUPS);
        if (request.path() != null && request.path().endsWith("/portal-sync")) {
            return HttpResponse.ok(portalSync.get().report(request.query(), request.requestId()))
                    .withHeader("cache-control", "no-store");
        }
        boolean book = request.path() != null && request.path().endsWith("/tracking-book");
        boolean scorecard = request.path() != null && request.path().endsWith("/scorecard");
        var report = scorecard ? reports.scorecard(request.query(), request.requestId()) : reports.report(book, request.query(), request.requestId());
        var answer = switch (report) {
            case Reports.Report.AsJson json -> HttpResponse.ok(json.body());
            case Reports.Report.AsCsv csv -> HttpResponse.text(200, "text/csv; charset=utf-8", csv.text())
                    .withHeader("content-disposition", "attachment; filename=\"" + csv.fileName() + "\"");
        };
        // The tracking book names applicants: no shared cache may keep a report.
        return answer.withHeader("cache-control", "no-store");
    }
}
