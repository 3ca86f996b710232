package vn.motcua.domain.calendar;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A day the offices are closed, as listed in a year's holiday table.
 *
 * @param date      the day
 * @param name      its name in Vietnamese, as a receipt or a notice would print it
 * @param kind      why the day is off
 * @param repaidOn  for a {@link Kind#SWAPPED} day whose make-up Saturday lies in the next or the
 *                  previous year's table: that Saturday; otherwise null (the make-up day is in the
 *                  same table and names this day)
 */
public record DayOff(LocalDate date, String name, Kind kind, LocalDate repaidOn) {

    public enum Kind {
        /** A statutory holiday (1 January, Hùng Kings, 30 April, 1 May, 2 September and its adjacent day, 24 November). */
        HOLIDAY,
        /** One of the five Tết days the Prime Minister sets each year. */
        TET,
        /** A weekday given in lieu of a holiday that fell on a Saturday or Sunday. */
        COMPENSATORY,
        /** A weekday off in exchange for a make-up Saturday (hoán đổi), to join a holiday to a weekend. */
        SWAPPED;

        /** The kind as written in data files: {@code holiday}, {@code tet}, {@code compensatory}, {@code swapped}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromCode(String code) {
            for (Kind kind : values()) {
                if (kind.code().equals(code)) return Optional.of(kind);
            }
            return Optional.empty();
        }
    }

    public DayOff {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (repaidOn != null && kind != Kind.SWAPPED) {
            throw new IllegalArgumentException("only a swapped day off is repaid, not a " + kind.code() + " one");
        }
    }
}
