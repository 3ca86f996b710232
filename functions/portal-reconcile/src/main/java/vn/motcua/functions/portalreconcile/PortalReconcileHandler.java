package vn.motcua.functions.portalreconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.portal.PortalReconciliation;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The daily reconciliation of the sync ledger with the national portal (schedule {@code Reconcile}): the dossiers
 * received in the last {@value #DAYS} days, each mismatch logged (dossier code, sequence number, problem: no personal
 * data) for the office and the operators; the office reads the same list at {@code GET /reports/portal-sync}. A
 * citizen's rating that never reached the ledger (its nudge lost) wakes the sync again, which owes and sends it. The
 * portal unreachable: thrown, so Lambda retries the invocation and a last failure lands in the failed-invocations queue.
 */
public final class PortalReconcileHandler implements RequestStreamHandler {

    static final int DAYS = 30;

    private final PortalReconciliation reconciliation;
    private final Consumer<DossierCode> nudge;
    private final Clock clock;

    public PortalReconcileHandler() {
        this(Wiring.fromEnvironment().portalReconciliation(), Wiring.fromEnvironment().portalNudge(), Clock.systemUTC());
        Rehearsal.register(this, List.of(DynamoDbClient.class), world -> {
            world.inProcess();
            return new Rehearsal.Act(new PortalReconcileHandler(world.wiring().portalReconciliation(), world.wiring().portalNudge(), world.ports().clock()),
                    List.of("priming/portal-reconcile.json"), Map.of());
        });
    }

    PortalReconcileHandler(PortalReconciliation reconciliation, Consumer<DossierCode> nudge, Clock clock) {
        this.reconciliation = reconciliation;
        this.nudge = nudge;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.read(input); // the schedule's event: nothing in it matters
        var today = Dossier.localDate(clock.instant());
        PortalReconciliation.Report report;
        try {
            report = reconciliation.run(today.minusDays(DAYS - 1), today);
        } catch (vn.motcua.portal.NationalPortal.Unavailable e) {
            Log.error("portal.reconciliation.unavailable").with("reason", e.getMessage()).write();
            throw new IllegalStateException("the national portal cannot be reached: " + e.getMessage(), e);
        }
        for (var m : report.mismatches()) {
            Log.warn("portal.reconciliation.mismatch").with("dossier", m.code().value()).with("seq", m.seq()).with("problem", m.problem().name()).write();
        }
        for (var code : report.ratingsNotOwed()) {
            nudge.accept(code);
            Log.info("portal.reconciliation.rating_nudged").with("dossier", code.value()).write();
        }
        (report.mismatches().isEmpty() ? Log.info("portal.reconciliation") : Log.warn("portal.reconciliation"))
                .with("from", report.from().toString()).with("to", report.to().toString()).with("dossiers", report.dossiers())
                .with("changes", report.changes()).with("acknowledged", report.acknowledged()).with("mismatches", report.mismatches().size()).write();
        var answer = report.toJson();
        answer.remove("mismatches");
        answer.put("mismatches", report.mismatches().size());
        output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }
}
