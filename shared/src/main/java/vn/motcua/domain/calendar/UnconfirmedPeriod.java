package vn.motcua.domain.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A stretch of a provisional holiday table that no official notice confirms yet: the days off inside
 * it may still change. An appointment whose count crosses it is marked provisional.
 *
 * @param from first day, inclusive
 * @param to   last day, inclusive
 * @param what what exactly is unconfirmed, and what the file assumes meanwhile
 */
public record UnconfirmedPeriod(LocalDate from, LocalDate to, String what) {
    public UnconfirmedPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(what, "what");
        if (to.isBefore(from)) throw new IllegalArgumentException("period ends before it starts: " + from + ".." + to);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /** Whether this period shares at least one day with {@code first..last} (both inclusive). */
    public boolean overlaps(LocalDate first, LocalDate last) {
        return !from.isAfter(last) && !to.isBefore(first);
    }
}
