package vn.motcua.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Page;
import vn.motcua.store.Ratings;
import vn.motcua.store.ReferenceData;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The province office's reports, for a period ({@link ReportQuery}), as JSON or as CSV for Excel:
 * <ul>
 *   <li>the statistics: the national statistics layout per agency ({@link Statistics});</li>
 *   <li>the tracking book (form 06): one row per dossier received in the period, with the applicant's name.</li>
 * </ul>
 * Reads the dossier table's indexes only. A dossier carried over into the period is found among those
 * received in the {@link #LOOK_BACK_MONTHS} months before it, or among those open now; one received
 * earlier than that and closed since is not seen (a dossier open for over a year is still counted
 * while it stays open).
 */
public record Reports(Dossiers dossiers, Supplier<ReferenceData.Snapshot> reference, Ratings ratings, Scorecard.SyncRecords syncRecords) {

    public static final int LOOK_BACK_MONTHS = 12;
    private static final int PAGE = 100;
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** A report as JSON, or as a CSV file with its name. */
    public sealed interface Report {
        record AsJson(ObjectNode body) implements Report {}
        record AsCsv(String fileName, String text) implements Report {}
    }

    /** {@code trackingBook}: form 06, else the statistics; {@code queryString} checked by {@link ReportQuery}. */
    public Report report(boolean trackingBook, Map<String, String> queryString, String requestId) throws BadInput {
        var catalog = reference.get().catalog();
        var query = ReportQuery.parse(queryString, catalog);
        var report = trackingBook ? trackingBook(query, catalog) : statistics(query, catalog);
        Log.info(trackingBook ? "reports.trackingBook" : "reports.statistics").with("requestId", requestId)
                .with("from", query.from().toString()).with("to", query.to().toString())
                .with("format", query.csv() ? "csv" : "json").write();
        return report;
    }

    // ---- statistics --------------------------------------------------------------------------------

    /** Every dossier received in the period or the look-back before it, and every open one. */
    java.util.Collection<Dossier> dossiersFor(ReportQuery query) {
        var all = new LinkedHashMap<String, Dossier>();
        Page.all(c -> dossiers.receivedBetween(query.from().minusMonths(LOOK_BACK_MONTHS), query.to(), c, PAGE))
                .forEach(d -> all.put(d.code().value(), d));
        Page.all(c -> dossiers.allOpen(c, PAGE)).forEach(d -> all.putIfAbsent(d.code().value(), d));
        return all.values();
    }

    List<DeskRefusal> refusalsFor(ReportQuery query) {
        return Page.all(c -> dossiers.deskRefusalsBetween(query.from(), query.to(), c, PAGE));
    }

    static List<Agency> agencies(ReportQuery query, Catalog catalog) {
        return query.agencyId().map(id -> List.of(catalog.agency(id).orElseThrow())).orElseGet(catalog::agencies);
    }

    /** The scorecard (Decision 766) of one month: {@code GET /reports/scorecard?month=yyyy-MM[&agency=][&format=csv]}. */
    public Report scorecard(Map<String, String> queryString, String requestId) throws BadInput {
        var catalog = reference.get().catalog();
        var query = ScorecardReport.parse(queryString, catalog);
        var report = ScorecardReport.report(this, query, catalog);
        Log.info("reports.scorecard").with("requestId", requestId).with("from", query.from().toString())
                .with("format", query.csv() ? "csv" : "json").write();
        return report;
    }

    private Report statistics(ReportQuery query, Catalog catalog) {
        var all = dossiersFor(query);
        List<DeskRefusal> refusals = refusalsFor(query);
        var agencies = agencies(query, catalog);
        var rows = Statistics.compute(query.from(), query.to(), agencies.stream().map(Agency::id).toList(), all, refusals);
        var names = new LinkedHashMap<String, String>();
        agencies.forEach(a -> names.put(a.id(), a.name().vi()));
        var codes = new LinkedHashMap<String, String>();
        agencies.forEach(a -> codes.put(a.id(), a.electronicId().value()));
        var rated = RatingSummary.of(agencies.stream().map(Agency::id).toList(), query.from(), query.to(), ratings);
        if (query.csv()) {
            var csv = (Report.AsCsv) statisticsCsv(query, rows, names, codes);
            return new Report.AsCsv(csv.fileName(), csv.text() + RatingSummary.csv(rated, names, codes));
        }
        var json = (Report.AsJson) statisticsJson(query, rows, names);
        json.body().set("ratings", RatingSummary.json(rated, names));
        return json;
    }

    private static Report statisticsJson(ReportQuery query, List<Statistics.Row> rows, Map<String, String> names) {
        ObjectNode body = Json.object();
        body.put("from", query.from().toString()).put("to", query.to().toString());
        body.put("carriedOverLookBackFrom", query.from().minusMonths(LOOK_BACK_MONTHS).toString());
        var items = body.putArray("agencies");
        for (var r : rows) {
            var item = items.addObject();
            item.putObject("agency").put("id", r.agencyId()).put("nameVi", names.get(r.agencyId()));
            item.putObject("received").put("total", r.receivedTotal()).put("carriedOver", r.carriedOver())
                    .put("new", r.received()).put("inPerson", r.inPerson()).put("byPost", r.byPost()).put("online", r.online());
            item.putObject("finished").put("total", r.finished()).put("early", r.early()).put("onTime", r.onTime())
                    .put("late", r.late());
            item.putObject("inProcess").put("total", r.inProcess()).put("withinDeadline", r.withinDeadline())
                    .put("overdue", r.overdue());
            if (r.onTimeRate().isPresent()) item.put("onTimeRate", r.onTimeRate().get());
            else item.putNull("onTimeRate");
            item.putObject("atDesk").put("guidedToComplete", r.guided()).put("refused", r.refused());
            // withdrawn at the applicant's request and stopped in the period: neither finished nor in process
            item.put("withdrawn", r.withdrawn());
        }
        return new Report.AsJson(body);
    }

    /**
     * The statistics as Excel opens them: a title, the period, the header, one row per agency (its official
     * electronic id as "Mã cơ quan", never the catalog's slug), and the totals; rates written the Vietnamese way, "66,7".
     */
    private static Report statisticsCsv(ReportQuery query, List<Statistics.Row> rows, Map<String, String> names,
                                        Map<String, String> codes) {
        var csv = new Csv().row(List.of("THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"))
                .row(List.of("Kỳ báo cáo: từ ngày " + DAY.format(query.from()) + " đến ngày " + DAY.format(query.to())))
                .row(List.of("Mã cơ quan", "Cơ quan giải quyết", "Tổng số hồ sơ tiếp nhận", "Kỳ trước chuyển sang",
                "Mới tiếp nhận", "Trực tiếp", "Qua dịch vụ bưu chính", "Trực tuyến", "Đã giải quyết", "Trước hạn", "Đúng hạn",
                "Quá hạn", "Đang giải quyết", "Trong hạn", "Quá hạn (đang giải quyết)", "Tỷ lệ đúng hạn (%)",
                "Hướng dẫn bổ sung tại quầy", "Từ chối tiếp nhận", "Rút hồ sơ (dừng giải quyết)"));
        var total = new Statistics.Row("", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (var r : rows) {
            csv.row(cells(codes.get(r.agencyId()), names.get(r.agencyId()), r));
            total = new Statistics.Row("", total.carriedOver() + r.carriedOver(), total.received() + r.received(),
                    total.inPerson() + r.inPerson(), total.byPost() + r.byPost(), total.online() + r.online(), total.early() + r.early(),
                    total.onTime() + r.onTime(), total.late() + r.late(), total.withinDeadline() + r.withinDeadline(),
                    total.overdue() + r.overdue(), total.guided() + r.guided(), total.refused() + r.refused(),
                    total.withdrawn() + r.withdrawn());
        }
        csv.row(cells("", "Tổng cộng", total));
        return new Report.AsCsv("thong-ke-" + query.from() + "-" + query.to() + ".csv", csv.toString());
    }

    private static List<Object> cells(String code, String name, Statistics.Row r) {
        var cells = new ArrayList<Object>(List.of(code, name, r.receivedTotal(), r.carriedOver(),
                r.received(), r.inPerson(), r.byPost(), r.online(), r.finished(), r.early(), r.onTime(), r.late(),
                r.inProcess(), r.withinDeadline(), r.overdue()));
        cells.add(r.onTimeRate().map(v -> percent(v * 100)).orElse(""));
        cells.add(r.guided());
        cells.add(r.refused());
        cells.add(r.withdrawn()); // withdrawn at the applicant's request and stopped in the period (issue 17)
        return cells;
    }

    /** "66,7": one decimal, the Vietnamese decimal comma. */
    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f", value).replace('.', ',');
    }

    // ---- tracking book (form 06) ------------------------------------------------------------------

    private Report trackingBook(ReportQuery query, Catalog catalog) {
        var received = Page.all(c -> dossiers.receivedBetween(query.from(), query.to(), c, PAGE)).stream()
                .filter(d -> query.agencyId().map(d.agencyId()::equals).orElse(true)).toList();
        if (query.csv()) {
            // Form 06's columns: the sets from the receipt kept at intake (empty for a dossier received before it was kept)
            var csv = new Csv().row(List.of("SỔ THEO DÕI HỒ SƠ"))
                    .row(List.of("Từ ngày " + DAY.format(query.from()) + " đến ngày " + DAY.format(query.to())))
                    .row(List.of("STT", "Mã hồ sơ", "Thủ tục hành chính", "Số bộ hồ sơ", "Tên tổ chức, cá nhân",
                    "Địa chỉ, số điện thoại", "Cơ quan giải quyết",
                    "Ngày, giờ nhận", "Ngày hẹn trả", "Chuyển cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết",
                    "Trả kết quả", "Ghi chú"));
            int n = 0;
            for (var d : received) {
                var sets = dossiers.receiptRecord(d.code()).map(r -> (Object) r.sets()).orElse("");
                csv.row(List.of(++n, d.code().value(), procedureName(catalog, d), sets, d.applicant().name(),
                        d.applicant().address() + "; " + d.applicant().phone(), agencyName(catalog, d),
                        DAY_TIME.format(d.receivedAt().atZone(Dossier.ZONE)),
                        d.appointment().map(a -> DAY.format(a.current())).orElse(""),
                        at(d, EventKind.TRANSFERRED).map(t -> DAY_TIME.format(t.atZone(Dossier.ZONE))).orElse(""),
                        at(d, EventKind.RESULT_READY).map(t -> DAY_TIME.format(t.atZone(Dossier.ZONE))).orElse(""),
                        returned(d).map(t -> DAY_TIME.format(t.atZone(Dossier.ZONE))).orElse(""),
                        notes(d)));
            }
            return new Report.AsCsv("so-theo-doi-" + query.from() + "-" + query.to() + ".csv", csv.toString());
        }
        ObjectNode body = Json.object();
        body.put("from", query.from().toString()).put("to", query.to().toString());
        var items = body.putArray("items");
        for (var d : received) {
            var item = items.addObject();
            item.put("code", d.code().value());
            item.putObject("procedure").put("code", d.procedureCode()).put("nameVi", procedureName(catalog, d));
            item.put("applicantName", d.applicant().name());
            item.putObject("agency").put("id", d.agencyId()).put("nameVi", agencyName(catalog, d));
            item.put("receivedAt", iso(d.receivedAt()));
            item.put("appointment", d.appointment().map(a -> a.current().toString()).orElse(null));
            item.put("sentToAgencyAt", at(d, EventKind.TRANSFERRED).map(Reports::iso).orElse(null));
            item.put("backFromAgencyAt", at(d, EventKind.RESULT_READY).map(Reports::iso).orElse(null));
            item.put("returnedAt", returned(d).map(Reports::iso).orElse(null));
        }
        return new Report.AsJson(body);
    }

    /** Form 06's notes: what the columns do not say (a new appointment, supplements, overdue, stopped). */
    static String notes(Dossier d) {
        var notes = new ArrayList<String>();
        d.appointment().flatMap(a -> a.delay()).ifPresent(delay ->
                notes.add("Hẹn lại " + DAY.format(delay.newDate()) + " (hẹn ban đầu " + DAY.format(delay.previous()) + ")"));
        if (!d.supplements().isEmpty()) notes.add("Yêu cầu bổ sung " + d.supplements().size() + " lần");
        if (d.overdue()) notes.add("Quá hạn");
        if (d.state() == vn.motcua.domain.dossier.DossierState.STOPPED) notes.add("Dừng giải quyết");
        if (d.state() == vn.motcua.domain.dossier.DossierState.WITHDRAWAL_REQUESTED) notes.add("Xin rút hồ sơ");
        return String.join("; ", notes);
    }

    private static Optional<Instant> at(Dossier d, EventKind kind) {
        return d.history().stream().filter(h -> h.kind() == kind).findFirst().map(HistoryEntry::at);
    }

    private static Optional<Instant> returned(Dossier d) {
        return d.history().stream().filter(h -> h.kind() == EventKind.RETURNED_AT_DESK || h.kind() == EventKind.HANDED_TO_POST)
                .findFirst().map(HistoryEntry::at);
    }

    private static String iso(Instant t) { return ISO.format(t.atZone(Dossier.ZONE)); }

    private static String procedureName(Catalog catalog, Dossier d) {
        return catalog.procedure(d.procedureCode()).map(p -> p.name().vi()).orElse(d.procedureCode());
    }

    private static String agencyName(Catalog catalog, Dossier d) {
        return catalog.agency(d.agencyId()).map(a -> a.name().vi()).orElse(d.agencyId());
    }
}
