package vn.motcua.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One year's holiday table, as published for civil servants: the days off and the make-up
 * working Saturdays, with the documents it rests on. Read from a JSON file per year (see
 * {@code infra/seed/calendar/README.md}) by {@code vn.motcua.reference.HolidayTables}.
 *
 * <p>A table is {@link Status#OFFICIAL} when every day in it comes from a notice, and
 * {@link Status#PROVISIONAL} when part of it is an estimate; a provisional table lists each
 * unconfirmed stretch in {@link #unconfirmed()}, and only a provisional one may.
 */
public record HolidayYear(
        int year,
        Status status,
        List<HolidaySource> sources,
        List<DayOff> daysOff,
        List<MakeUpDay> makeUpDays,
        List<UnconfirmedPeriod> unconfirmed,
        String notes,
        String sourceName) {

    public enum Status { OFFICIAL, PROVISIONAL }

    public HolidayYear {
        Objects.requireNonNull(status, "status");
        sources = List.copyOf(sources);
        daysOff = List.copyOf(daysOff);
        makeUpDays = List.copyOf(makeUpDays);
        unconfirmed = List.copyOf(unconfirmed);
        Objects.requireNonNull(sourceName, "sourceName");
    }

    public Optional<DayOff> dayOff(LocalDate date) {
        return daysOff.stream().filter(d -> d.date().equals(date)).findFirst();
    }

    public Optional<MakeUpDay> makeUpDay(LocalDate date) {
        return makeUpDays.stream().filter(m -> m.date().equals(date)).findFirst();
    }

    /** Saturday or Sunday: the weekly rest days a table does not list. */
    public static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
