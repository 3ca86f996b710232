package vn.motcua.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.Json;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The reconciliation of the sync ledger with what the national portal holds, for the dossiers received in a period:
 * what the office must look at, one line per change.
 * <ul>
 *   <li>{@code MISSING_AT_PORTAL}: acknowledged, yet the portal does not hold it;</li>
 *   <li>{@code STATUS_DIFFERS}: the portal holds another status for that change;</li>
 *   <li>{@code UNKNOWN_TO_LEDGER}: the portal holds a change the ledger never sent;</li>
 *   <li>{@code REFUSED}: the portal refused the record for good (its answer says why: a procedure code not published...);</li>
 *   <li>{@code NOT_SYNCED}: still owed longer than {@code grace} after the change (the portal down for long, a lost message);</li>
 *   <li>{@code RATING_NOT_OWED}: a citizen's rating given longer than {@code grace} ago that never reached the ledger (the
 *       lookup, which may not write dossiers, stores the rating and nudges the sync: a nudge lost leaves it there). The
 *       report names every such dossier ({@link Report#ratingsNotOwed}, whatever their age) for the daily run to nudge
 *       the sync again.</li>
 * </ul>
 */
public record PortalReconciliation(Dossiers dossiers, SyncLedger ledger, vn.motcua.store.Ratings ratings, NationalPortal portal,
                                   java.util.function.Supplier<vn.motcua.domain.catalog.Catalog> catalog, Clock clock, Duration grace) {

    public enum Problem { MISSING_AT_PORTAL, STATUS_DIFFERS, UNKNOWN_TO_LEDGER, REFUSED, NOT_SYNCED, RATING_NOT_OWED }

    public record Mismatch(DossierCode code, int seq, Problem problem, String detail) {}

    public record Report(LocalDate from, LocalDate to, int dossiers, int changes, int acknowledged, List<Mismatch> mismatches,
                         List<DossierCode> ratingsNotOwed) {
        public ObjectNode toJson() {
            var o = Json.object().put("from", from.toString()).put("to", to.toString()).put("dossiers", dossiers).put("changes", changes)
                    .put("acknowledged", acknowledged);
            var list = o.putArray("mismatches");
            for (var m : mismatches) {
                list.addObject().put("code", m.code().value()).put("seq", m.seq()).put("problem", m.problem().name()).put("detail", m.detail());
            }
            return o;
        }
    }

    private static final int PAGE = 100;

    /** {@code GET /reports/portal-sync?from=&to=}: the reconciliation of the period, as JSON; 502 when the portal cannot be reached. */
    public ObjectNode report(java.util.Map<String, String> query, String requestId) throws vn.motcua.edge.BadInput {
        var period = vn.motcua.reports.ReportQuery.parse(query, catalog.get());
        try {
            var report = run(period.from(), period.to());
            vn.motcua.edge.Log.info("reports.portalSync").with("requestId", requestId).with("from", period.from().toString())
                    .with("to", period.to().toString()).with("mismatches", report.mismatches().size()).write();
            return report.toJson();
        } catch (NationalPortal.Unavailable e) {
            throw new vn.motcua.edge.BadInput(502, "PORTAL_UNAVAILABLE", "Không kết nối được Cổng dịch vụ công quốc gia để đối soát; vui lòng thử lại sau.",
                    List.of());
        }
    }

    /** Reconciles the dossiers received from {@code from} to {@code to} (days in Vietnam); the portal unreachable: thrown. */
    public Report run(LocalDate from, LocalDate to) throws NationalPortal.Unavailable {
        List<Dossier> received = Page.all(c -> dossiers.receivedBetween(from, to, c, PAGE));
        var mismatches = new ArrayList<Mismatch>();
        var ratingsNotOwed = new ArrayList<DossierCode>();
        int changes = 0, acknowledged = 0;
        var now = clock.instant();
        for (var dossier : received) {
            var code = dossier.code();
            var held = new HashMap<Integer, Integer>();
            for (var h : portal.holdings(code)) held.put(h.seq(), h.status());
            var entries = ledger.forDossier(dossier);
            for (var e : entries) {
                changes++;
                Integer there = held.remove(e.seq());
                switch (e.state()) {
                    case ACKNOWLEDGED -> {
                        acknowledged++;
                        if (there == null) mismatches.add(new Mismatch(code, e.seq(), Problem.MISSING_AT_PORTAL, "trạng thái " + e.status()));
                        else if (there != e.status()) {
                            mismatches.add(new Mismatch(code, e.seq(), Problem.STATUS_DIFFERS, "sổ: " + e.status() + ", Cổng: " + there));
                        }
                    }
                    case REJECTED -> mismatches.add(new Mismatch(code, e.seq(), Problem.REFUSED, e.answer()));
                    case OWED, SENDING -> {
                        if (e.changedAt().plus(grace).isBefore(now)) {
                            mismatches.add(new Mismatch(code, e.seq(), Problem.NOT_SYNCED, "thay đổi lúc " + PortalRecord.time(e.changedAt())));
                        }
                    }
                }
            }
            held.forEach((seq, status) -> mismatches.add(new Mismatch(code, seq, Problem.UNKNOWN_TO_LEDGER, "trạng thái " + status)));
            // the rating's record comes after the dossier's last change, once the sync has owed it
            if (dossier.state() == vn.motcua.domain.dossier.DossierState.RETURNED) {
                int ratingSeq = PortalOwes.count(dossier) + 1;
                if (entries.stream().noneMatch(e -> e.seq() == ratingSeq)) {
                    var rating = ratings.find(code);
                    if (rating.isPresent()) {
                        ratingsNotOwed.add(code);
                        if (rating.get().at().plus(grace).isBefore(now)) {
                            mismatches.add(new Mismatch(code, ratingSeq, Problem.RATING_NOT_OWED, "đánh giá lúc " + PortalRecord.time(rating.get().at())));
                        }
                    }
                }
            }
        }
        mismatches.sort(java.util.Comparator.comparing((Mismatch m) -> m.code().value()).thenComparingInt(Mismatch::seq));
        return new Report(from, to, received.size(), changes, acknowledged, List.copyOf(mismatches), List.copyOf(ratingsNotOwed));
    }
}
