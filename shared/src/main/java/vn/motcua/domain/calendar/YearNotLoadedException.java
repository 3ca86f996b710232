package vn.motcua.domain.calendar;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A date falls in a year whose holiday table is not loaded. The calendar refuses to answer rather
 * than count weekends only, which would silently give wrong appointments around holidays.
 */
public final class YearNotLoadedException extends RuntimeException {
    private final int year;

    YearNotLoadedException(int year, Collection<Integer> loaded) {
        super("no holiday table loaded for " + year + " (loaded: "
                + loaded.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
                + "): add the year's table, e.g. infra/seed/calendar/" + year + ".json");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
