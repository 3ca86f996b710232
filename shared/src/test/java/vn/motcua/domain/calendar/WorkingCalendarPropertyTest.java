package vn.motcua.domain.calendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the calendar over the shipped tables (2020, 2026, 2027). Dates are drawn from
 * January 2020 to October 2020 and from January 2026 to October 2027, so that counts of up to
 * 40 days stay inside loaded years.
 */
class WorkingCalendarPropertyTest {
    private final WorkingCalendar calendar = SeedCalendars.shipped();

    @Provide
    Arbitrary<LocalDate> days() {
        Arbitrary<LocalDate> in2020 = Arbitraries.integers().between(0, 304).map(i -> LocalDate.of(2020, 1, 1).plusDays(i));
        Arbitrary<LocalDate> in2026and2027 = Arbitraries.integers().between(0, 667).map(i -> LocalDate.of(2026, 1, 1).plusDays(i));
        return Arbitraries.oneOf(in2020, in2026and2027);
    }

    @Provide
    Arbitrary<LocalDateTime> receipts() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60));
        return Combinators.combine(days(), times).as(LocalDateTime::of);
    }

    @Provide
    Arbitrary<TimeLimit> limits() {
        Arbitrary<Integer> n = Arbitraries.integers().between(1, 40);
        return Arbitraries.oneOf(
                n.map(TimeLimit::workingDays),
                n.map(TimeLimit::calendarDays),
                Arbitraries.just(TimeLimit.sameDay()));
    }

    @Property
    @Label("an appointment is always a working day, on or after the day of receipt")
    void appointment_is_a_working_day(@ForAll("receipts") LocalDateTime receivedAt, @ForAll("limits") TimeLimit limit) {
        LocalDate due = calendar.appointment(receivedAt, limit).date().orElseThrow();
        assertThat(calendar.isWorkingDay(due)).isTrue();
        assertThat(due).isAfterOrEqualTo(receivedAt.toLocalDate());
    }

    @Property
    @Label("n working days: exactly n working days lie strictly after the receipt date up to the appointment, day off or not")
    void day_one_is_the_first_working_day_after_receipt(@ForAll("receipts") LocalDateTime receivedAt,
                                                        @ForAll @IntRange(min = 1, max = 40) int n) {
        LocalDate due = calendar.appointment(receivedAt, TimeLimit.workingDays(n)).date().orElseThrow();
        assertThat(calendar.workingDaysBetween(receivedAt.toLocalDate(), due)).isEqualTo(n);
        assertThat(due).isEqualTo(calendar.plusWorkingDays(receivedAt.toLocalDate(), n));
    }

    @Property
    @Label("n calendar days: n days after the receipt date, moved to a working day only when it lands on a day off")
    void calendar_days_count_from_the_receipt_date(@ForAll("receipts") LocalDateTime receivedAt,
                                                   @ForAll @IntRange(min = 1, max = 40) int n) {
        LocalDate due = calendar.appointment(receivedAt, TimeLimit.calendarDays(n)).date().orElseThrow();
        assertThat(due).isEqualTo(calendar.workingDayOnOrAfter(receivedAt.toLocalDate().plusDays(n)));
    }

    @Property
    @Label("counting n working days forward then back returns to the start, from a working day")
    void forward_then_back(@ForAll("days") LocalDate start, @ForAll @IntRange(min = 0, max = 40) int n) {
        Assume.that(calendar.isWorkingDay(start));
        LocalDate forward = calendar.plusWorkingDays(start, n);
        assertThat(calendar.minusWorkingDays(forward, n)).isEqualTo(start);
        assertThat(calendar.workingDaysBetween(start, forward)).isEqualTo(n);
    }

    @Property
    @Label("working days between two days, counted either way, are opposite; forward from any day lands on the count")
    void between_is_antisymmetric(@ForAll("days") LocalDate a, @ForAll("days") LocalDate b) {
        Assume.that(a.getYear() == b.getYear() || (a.getYear() >= 2026 && b.getYear() >= 2026));
        int n = calendar.workingDaysBetween(a, b);
        assertThat(calendar.workingDaysBetween(b, a)).isEqualTo(-n);
        if (n > 0 && calendar.isWorkingDay(b)) assertThat(calendar.plusWorkingDays(a, n)).isEqualTo(b);
    }

    @Property
    @Label("more days never give an earlier date")
    void more_days_never_earlier(@ForAll("receipts") LocalDateTime receivedAt, @ForAll @IntRange(min = 1, max = 39) int n) {
        assertThat(calendar.appointment(receivedAt, TimeLimit.workingDays(n + 1)).date().orElseThrow())
                .isAfter(calendar.appointment(receivedAt, TimeLimit.workingDays(n)).date().orElseThrow());
        assertThat(calendar.appointment(receivedAt, TimeLimit.calendarDays(n + 1)).date().orElseThrow())
                .isAfterOrEqualTo(calendar.appointment(receivedAt, TimeLimit.calendarDays(n)).date().orElseThrow());
    }

    @Property
    @Label("a later receipt never gives an earlier appointment")
    void later_receipt_never_earlier(@ForAll("receipts") LocalDateTime receivedAt, @ForAll @IntRange(min = 1, max = 3000) int minutesLater,
                                     @ForAll("limits") TimeLimit limit) {
        LocalDateTime later = receivedAt.plusMinutes(minutesLater);
        Assume.that(later.getYear() == receivedAt.getYear());
        assertThat(calendar.appointment(later, limit).date().orElseThrow())
                .isAfterOrEqualTo(calendar.appointment(receivedAt, limit).date().orElseThrow());
    }

    @Property
    @Label("a pause of zero changes nothing")
    void pause_of_zero(@ForAll("days") LocalDate due, @ForAll("days") LocalDate pausedOn) {
        Assume.that(calendar.isWorkingDay(due));
        assertThat(calendar.resumedDue(due, pausedOn, pausedOn)).isEqualTo(due);
    }

    @Property
    @Label("the longer the wait, the later the due date, and never earlier than before the pause")
    void longer_wait_later_due(@ForAll("days") LocalDate due, @ForAll("days") LocalDate pausedOn,
                               @ForAll @IntRange(min = 0, max = 20) int waited, @ForAll @IntRange(min = 0, max = 10) int more) {
        Assume.that(calendar.isWorkingDay(due));
        LocalDate resumed = pausedOn.plusDays(waited);
        LocalDate resumedLater = resumed.plusDays(more);
        Assume.that(resumedLater.getYear() == pausedOn.getYear());
        LocalDate first = calendar.resumedDue(due, pausedOn, resumed);
        assertThat(first).isAfterOrEqualTo(due);
        assertThat(calendar.resumedDue(due, pausedOn, resumedLater)).isAfterOrEqualTo(first);
    }

    @Property
    @Label("resuming gives the working days left at the pause, counted again after the documents arrive")
    void remaining_days_carry_over(@ForAll("days") LocalDate pausedOn, @ForAll @IntRange(min = 0, max = 15) int left,
                                   @ForAll @IntRange(min = 0, max = 20) int waited) {
        LocalDate due = calendar.plusWorkingDays(calendar.workingDayOnOrAfter(pausedOn), left);
        LocalDate resumedOn = pausedOn.plusDays(waited);
        Assume.that(resumedOn.getYear() == pausedOn.getYear());
        assertThat(calendar.remainingWorkingDays(due, pausedOn)).isEqualTo(left);
        assertThat(calendar.resumedDue(due, pausedOn, resumedOn))
                .isEqualTo(calendar.plusWorkingDays(calendar.workingDayOnOrAfter(resumedOn), left));
    }
}
