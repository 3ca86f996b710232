package vn.motcua.reports;

import vn.motcua.domain.catalog.Catalog;
import vn.motcua.edge.BadInput;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/** The parameters of a report: the period (both days included, at most 366 days), an agency, the format. */
public record ReportQuery(LocalDate from, LocalDate to, Optional<String> agencyId, boolean csv) {

    public static final int MAX_DAYS = 366;

    public static ReportQuery parse(Map<String, String> query, Catalog catalog) throws BadInput {
        var from = date(query, "from");
        var to = date(query, "to");
        if (to.isBefore(from)) {
            throw new BadInput("PERIOD_REVERSED", "Ngày kết thúc (" + to + ") phải sau hoặc bằng ngày bắt đầu (" + from + ").", "to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new BadInput("PERIOD_TOO_LONG", "Kỳ báo cáo dài tối đa " + MAX_DAYS + " ngày.", "to");
        }
        var agency = Optional.ofNullable(query.get("agency")).map(String::trim).filter(s -> !s.isEmpty());
        if (agency.isPresent() && catalog.agency(agency.get()).isEmpty()) {
            throw new BadInput("UNKNOWN_AGENCY", "Không có cơ quan giải quyết với mã «" + abbreviate(agency.get()) + "».", "agency");
        }
        var format = Optional.ofNullable(query.get("format")).orElse("json").trim();
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadInput("INVALID_FORMAT", "Định dạng phải là «json» hoặc «csv».", "format");
        }
        return new ReportQuery(from, to, agency, format.equals("csv"));
    }

    private static LocalDate date(Map<String, String> query, String name) throws BadInput {
        var text = query.get(name);
        if (text == null || text.isBlank()) {
            throw new BadInput("MISSING_PARAMETER", "Thiếu tham số «" + name + "» (ngày, dạng yyyy-MM-dd).", name);
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadInput("INVALID_DATE", "Tham số «" + name + "» không phải ngày hợp lệ dạng yyyy-MM-dd: «"
                    + abbreviate(text) + "».", name);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
