package vn.motcua.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorecard ({@link Scorecard}) of one month as the office reads it: JSON for the dashboard (each indicator's
 * formula and source once, then per agency the values with their Vietnamese text) or CSV for Excel (one row per
 * agency and indicator, with the formula and source columns).
 */
final class ScorecardReport {

    private ScorecardReport() {}

    /** {@code month=yyyy-MM} (required), {@code agency}, {@code format}: checked as the other reports' are. */
    static ReportQuery parse(Map<String, String> query, Catalog catalog) throws BadInput {
        var text = query.get("month");
        if (text == null || text.isBlank()) {
            throw new BadInput("MISSING_PARAMETER", "Thiếu tham số «month» (tháng, dạng yyyy-MM).", "month");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadInput("INVALID_MONTH", "Tham số «month» không phải tháng hợp lệ dạng yyyy-MM: «"
                    + (text.length() <= 40 ? text : text.substring(0, 40) + "…") + "».", "month");
        }
        var period = new HashMap<>(query);
        period.put("from", month.atDay(1).toString());
        period.put("to", month.atEndOfMonth().toString());
        return ReportQuery.parse(period, catalog);
    }

    static Reports.Report report(Reports reports, ReportQuery query, Catalog catalog) {
        var month = YearMonth.from(query.from());
        List<Agency> agencies = Reports.agencies(query, catalog);
        var ids = agencies.stream().map(Agency::id).toList();
        var ratings = new ArrayList<Rating>();
        for (var id : ids) ratings.addAll(reports.ratings().givenBetween(id, query.from(), query.to()));
        var cards = Scorecard.compute(month, ids, reports.dossiersFor(query), reports.refusalsFor(query), ratings,
                reports.syncRecords(), java.time.Instant.now());
        return query.csv() ? csv(month, cards, agencies) : json(month, cards, agencies);
    }

    private static Reports.Report json(YearMonth month, List<Scorecard.Card> cards, List<Agency> agencies) {
        ObjectNode body = Json.object();
        body.put("month", month.toString()).put("decision", Scorecard.DECISION);
        var indicators = body.putArray("indicators");
        for (var i : Scorecard.INDICATORS) {
            var item = indicators.addObject().put("id", i.id()).put("group", i.group().name()).put("groupVi", i.group().vi())
                    .put("nameVi", i.nameVi()).put("source", i.source()).put("computable", i.computable());
            if (i.computable()) item.put("formulaVi", i.formulaVi());
            else item.put("notComputableBecause", i.notComputableBecause().orElseThrow());
        }
        var items = body.putArray("agencies");
        for (int n = 0; n < cards.size(); n++) {
            var card = cards.get(n);
            var item = items.addObject();
            item.putObject("agency").put("id", card.agencyId()).put("nameVi", agencies.get(n).name().vi());
            var scores = item.putArray("scores");
            for (var s : card.scores()) {
                var score = scores.addObject().put("indicator", s.indicator().id()).put("text", Scorecard.text(s.value(), s.indicator()));
                switch (s.value()) {
                    case Scorecard.Value.Ratio r -> score.put("kind", "ratio").put("numerator", r.numerator())
                            .put("denominator", r.denominator()).put("rate", r.rate());
                    case Scorecard.Value.Count c -> score.put("kind", "count").put("count", c.count());
                    case Scorecard.Value.Nothing x -> score.put("kind", "none");
                    case Scorecard.Value.NotComputable x -> score.put("kind", "notComputable");
                }
            }
        }
        return new Reports.Report.AsJson(body);
    }

    private static Reports.Report csv(YearMonth month, List<Scorecard.Card> cards, List<Agency> agencies) {
        var csv = new Csv().row(List.of("BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (" + Scorecard.DECISION + ")"))
                .row(List.of("Tháng " + String.format("%02d/%d", month.getMonthValue(), month.getYear())))
                .row(List.of("Mã cơ quan", "Cơ quan giải quyết", "Nhóm chỉ số", "Chỉ số", "Giá trị", "Tử số", "Mẫu số",
                        "Công thức", "Nguồn"));
        for (int n = 0; n < cards.size(); n++) {
            var agency = agencies.get(n);
            for (var s : cards.get(n).scores()) {
                var i = s.indicator();
                Object numerator = "", denominator = "";
                if (s.value() instanceof Scorecard.Value.Ratio r) { numerator = r.numerator(); denominator = r.denominator(); }
                csv.row(List.of(agency.electronicId().value(), agency.name().vi(), i.group().vi(), i.nameVi(),
                        Scorecard.text(s.value(), i), numerator, denominator,
                        i.computable() ? i.formulaVi() : "", i.source()));
            }
        }
        return new Reports.Report.AsCsv("chi-so-phuc-vu-" + month + ".csv", csv.toString());
    }
}
