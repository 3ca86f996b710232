package vn.motcua.desk;

import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.edge.BadInput;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query string of {@code GET /dossiers}, checked at the edge: exactly one of three lists, each
 * read from its own index (never a scan), plus the page. Every refusal names the parameter at
 * fault, with an English code and words a clerk can act on.
 */
public sealed interface ListQuery {

    int DEFAULT_LIMIT = 25;
    int MAX_LIMIT = 100;
    /** A year (a leap one included) at most: a longer list is a report, not a desk screen. */
    int MAX_RANGE_DAYS = 366;
    int MAX_CURSOR = 2048;

    Set<String> KNOWN = Set.of("agency", "state", "dueBy", "receivedFrom", "receivedTo", "q", "cursor", "limit");
    int MAX_SEARCH = 100;

    Page page();

    /** A department's dossiers in one state, earliest due first. */
    record ByAgencyAndState(String agencyId, DossierState state, Page page) implements ListQuery {}

    /** Open dossiers due on or before a day, earliest first: today's board. */
    record DueBy(LocalDate lastDay, Page page) implements ListQuery {}

    /** Dossiers received from one day to another (Vietnam days, both included), in order of receipt. */
    record ReceivedBetween(LocalDate first, LocalDate last, Page page) implements ListQuery {}

    /**
     * The desk's search, by what the clerk typed: a dossier code, an ID number (12 digits, or a passport's
     * letters and 7 digits), a phone number (10 or 11 digits from 0, or +84), else the beginning of the
     * applicant's name, with or without diacritics ({@link vn.motcua.domain.dossier.SearchText}).
     */
    record Search(Kind kind, String value, Page page) implements ListQuery {
        public enum Kind { CODE, ID_NUMBER, PHONE, NAME }

        /** What the query is, never the value: the value is personal data and stays out of logs. */
        @Override public String toString() { return "Search[" + kind + "]"; }
    }

    record Page(Optional<String> cursor, int limit) {}

    static ListQuery parse(Map<String, String> query, Catalog catalog) throws BadInput {
        for (var name : query.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadInput("UNKNOWN_PARAMETER", "Tham số «" + name + "» không được hỗ trợ. Các tham số hợp lệ: "
                        + "agency, state, dueBy, receivedFrom, receivedTo, cursor, limit.", name);
            }
        }
        var page = new Page(cursor(query.get("cursor")), limit(query.get("limit")));
        if (present(query, "q")) {
            if (query.keySet().stream().anyMatch(k -> !Set.of("q", "cursor", "limit").contains(k))) {
                throw new BadInput("CONFLICTING_FILTERS", "Tìm kiếm (q) không kết hợp với các danh sách khác.", "q");
            }
            return search(query.get("q"), page);
        }
        boolean byAgency = present(query, "agency") || present(query, "state");
        boolean byDue = present(query, "dueBy");
        boolean byReceipt = present(query, "receivedFrom") || present(query, "receivedTo");
        int lists = (byAgency ? 1 : 0) + (byDue ? 1 : 0) + (byReceipt ? 1 : 0);
        if (lists == 0) {
            throw new BadInput("MISSING_FILTER", "Cần chọn một danh sách: theo cơ quan và trạng thái (agency, state), "
                    + "theo hạn xử lý (dueBy), hoặc theo ngày tiếp nhận (receivedFrom, receivedTo).", "agency");
        }
        if (lists > 1) {
            String second = byAgency ? (byDue ? "dueBy" : "receivedFrom") : "receivedFrom";
            throw new BadInput("CONFLICTING_FILTERS", "Mỗi lần chỉ xem được một danh sách: theo cơ quan và trạng thái, "
                    + "theo hạn xử lý, hoặc theo ngày tiếp nhận; không kết hợp các tham số của nhiều danh sách.", second);
        }
        if (byAgency) {
            String agency = required(query, "agency", "Cần chọn cơ quan giải quyết (agency).");
            String state = required(query, "state", "Cần chọn trạng thái hồ sơ (state).");
            if (catalog.agency(agency).isEmpty()) {
                throw new BadInput("UNKNOWN_AGENCY", "Không có cơ quan giải quyết với mã «" + agency + "» trong danh mục. Các mã hợp lệ: "
                        + catalog.agencies().stream().map(a -> a.id()).collect(Collectors.joining(", ")) + ".", "agency");
            }
            return new ByAgencyAndState(agency, state(state), page);
        }
        if (byDue) {
            return new DueBy(date(query.get("dueBy"), "dueBy"), page);
        }
        var first = date(required(query, "receivedFrom", "Cần nhập ngày bắt đầu (receivedFrom)."), "receivedFrom");
        var last = date(required(query, "receivedTo", "Cần nhập ngày kết thúc (receivedTo)."), "receivedTo");
        if (last.isBefore(first)) {
            throw new BadInput("INVALID_RANGE", "Ngày bắt đầu (" + first + ") phải trước hoặc bằng ngày kết thúc (" + last + ").", "receivedFrom");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_RANGE_DAYS) {
            throw new BadInput("RANGE_TOO_LONG", "Khoảng thời gian tối đa là " + MAX_RANGE_DAYS
                    + " ngày; với khoảng dài hơn, xin dùng báo cáo thống kê.", "receivedTo");
        }
        return new ReceivedBetween(first, last, page);
    }

    private static Search search(String raw, Page page) throws BadInput {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) throw new BadInput("MISSING_PARAMETER", "Cần nhập mã hồ sơ, họ tên, số CCCD hoặc số điện thoại để tìm.", "q");
        if (text.length() > MAX_SEARCH) throw new BadInput("SEARCH_TOO_LONG", "Nội dung tìm kiếm dài quá " + MAX_SEARCH + " ký tự.", "q");
        if (vn.motcua.domain.dossier.DossierCode.isValid(text.toUpperCase(Locale.ROOT))) {
            return new Search(Search.Kind.CODE, text.toUpperCase(Locale.ROOT), page);
        }
        String compact = text.replaceAll("[\\s.\\-()]", "");
        if (compact.startsWith("+84")) compact = "0" + compact.substring(3);
        if (ApplicantInput.CITIZEN_ID.matcher(compact).matches() || ApplicantInput.PASSPORT.matcher(compact.toUpperCase(Locale.ROOT)).matches()) {
            return new Search(Search.Kind.ID_NUMBER, compact.toUpperCase(Locale.ROOT), page);
        }
        if (ApplicantInput.PHONE.matcher(compact).matches()) return new Search(Search.Kind.PHONE, compact, page);
        String name = vn.motcua.domain.dossier.SearchText.normalise(text);
        if (name.isEmpty() || name.chars().anyMatch(Character::isDigit)) {
            throw new BadInput("INVALID_SEARCH", "Không hiểu nội dung tìm kiếm: nhập mã hồ sơ (000.00.92.H48-261128-0001), họ tên "
                    + "(có hoặc không dấu), số CCCD 12 chữ số hoặc số điện thoại.", "q");
        }
        return new Search(Search.Kind.NAME, name, page);
    }

    private static boolean present(Map<String, String> query, String name) { return query.containsKey(name); }

    private static String required(Map<String, String> query, String name, String message) throws BadInput {
        String value = query.get(name);
        if (value == null || value.isBlank()) throw new BadInput("MISSING_PARAMETER", message, name);
        return value.strip();
    }

    private static DossierState state(String text) throws BadInput {
        try {
            var state = DossierState.valueOf(text.toUpperCase(Locale.ROOT));
            if (state != DossierState.REFUSED_AT_DESK) return state;
        } catch (IllegalArgumentException unknown) {
            // answered below
        }
        throw new BadInput("UNKNOWN_STATE", "Trạng thái «" + text + "» không hợp lệ. Các trạng thái: "
                + Arrays.stream(DossierState.values()).filter(s -> s != DossierState.REFUSED_AT_DESK)
                .map(s -> s.name() + " (" + s.label() + ")").collect(Collectors.joining(", ")) + ".", "state");
    }

    /** A day in a parameter, yyyy-MM-dd; 400 in Vietnamese when it is missing or not a date. */
    static LocalDate date(String text, String field) throws BadInput {
        if (text == null || text.isBlank()) {
            throw new BadInput("MISSING_PARAMETER", "Cần nhập ngày cho tham số " + field + " (dạng yyyy-MM-dd).", field);
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadInput("INVALID_DATE", "Ngày «" + text + "» không hợp lệ; nhập theo dạng năm-tháng-ngày, ví dụ 2020-03-02.", field);
        }
    }

    private static int limit(String text) throws BadInput {
        if (text == null) return DEFAULT_LIMIT;
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) return limit;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadInput("INVALID_LIMIT", "Số hồ sơ mỗi trang (limit) phải là số nguyên từ 1 đến " + MAX_LIMIT + ".", "limit");
    }

    private static Optional<String> cursor(String text) throws BadInput {
        if (text == null) return Optional.empty();
        if (text.isBlank() || text.length() > MAX_CURSOR || !text.matches("[A-Za-z0-9_-]+")) throw invalidCursor();
        return Optional.of(text);
    }

    static BadInput invalidCursor() {
        return new BadInput("INVALID_CURSOR", "Con trỏ phân trang (cursor) không hợp lệ hoặc thuộc danh sách khác; "
                + "xin tải lại danh sách từ trang đầu.", "cursor");
    }
}
