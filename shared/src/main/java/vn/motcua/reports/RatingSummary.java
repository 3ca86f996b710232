package vn.motcua.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.edge.Json;
import vn.motcua.store.Ratings;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The citizens' ratings in the office's statistics: per agency and month in which they were given (within the
 * report's period), how many and their average, written the Vietnamese way ({@code 4,5}: a decimal comma).
 */
public record RatingSummary(String agencyId, YearMonth month, int count, double average) {

    /** Each agency's months with at least one rating, in the agencies' order, then by month. */
    static List<RatingSummary> of(List<String> agencyIds, LocalDate from, LocalDate to, Ratings ratings) {
        var rows = new ArrayList<RatingSummary>();
        for (var agency : agencyIds) {
            var byMonth = new TreeMap<YearMonth, List<Rating>>();
            for (var r : ratings.givenBetween(agency, from, to)) byMonth.computeIfAbsent(YearMonth.from(r.day()), m -> new ArrayList<>()).add(r);
            byMonth.forEach((month, list) -> rows.add(new RatingSummary(agency, month, list.size(),
                    list.stream().mapToInt(Rating::score).average().orElseThrow())));
        }
        return rows;
    }

    /** 4.5 -> "4,5"; one decimal, as the office reads averages of 1 to 5. */
    public static String vietnamese(double average) {
        var symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setDecimalSeparator(',');
        return new DecimalFormat("0.0", symbols).format(average);
    }

    static ArrayNode json(List<RatingSummary> rows, Map<String, String> names) {
        var items = Json.array();
        for (var r : rows) {
            var item = items.addObject();
            item.putObject("agency").put("id", r.agencyId()).put("nameVi", names.get(r.agencyId()));
            item.put("month", r.month().toString()).put("count", r.count())
                    .put("average", Math.round(r.average() * 100) / 100.0).put("averageText", vietnamese(r.average()));
        }
        return items;
    }

    /** A second table below the statistics, after an empty line: one row per agency and month. */
    static String csv(List<RatingSummary> rows, Map<String, String> names, Map<String, String> codes) {
        var csv = new Csv().row(List.of()).row(List.of("Đánh giá của người dân về chất lượng phục vụ"))
                .row(List.of("Mã cơ quan", "Cơ quan giải quyết", "Tháng", "Số lượt đánh giá", "Điểm trung bình (1-5)"));
        for (var r : rows) {
            csv.row(List.of(codes.getOrDefault(r.agencyId(), r.agencyId()), names.get(r.agencyId()), String.format("%02d/%d", r.month().getMonthValue(), r.month().getYear()),
                    r.count(), vietnamese(r.average())));
        }
        return csv.toString().substring(1); // without a second byte order mark
    }
}
