package vn.motcua.domain.calendar;

import java.util.Objects;

/**
 * A legal document a holiday table rests on.
 *
 * @param document number and title, e.g. "Thông báo số 9441/TB-BNV"
 * @param issuer   who issued it, e.g. "Bộ Nội vụ"
 * @param date     when, as far as known: {@code YYYY-MM-DD}, {@code YYYY-MM} or {@code YYYY}
 * @param covers   what the table takes from it
 * @param url      where it was read, or null
 * @param note     how it was read (the text itself, or a report of it), or null
 */
public record HolidaySource(String document, String issuer, String date, String covers, String url, String note) {
    public HolidaySource {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(date, "date");
    }
}
