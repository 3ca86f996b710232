package vn.motcua.domain.calendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkingCalendarTest {
    private final WorkingCalendar calendar = SeedCalendars.shipped();

    @Test
    void weekdays_work_weekends_and_holidays_do_not() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2020, 1, 22))).as("Wednesday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2020, 1, 18))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2020, 1, 23))).as("Tết, 29 Chạp").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2020, 1, 29))).as("in lieu of mùng 2").isFalse();
        assertThat(calendar.dayOff(LocalDate.of(2020, 1, 29))).get().extracting(DayOff::kind).isEqualTo(DayOff.Kind.COMPENSATORY);
    }

    @Test
    @DisplayName("a declared make-up Saturday is a working day; the swapped Friday is not")
    void make_up_saturday() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 10))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 2))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 17))).as("an ordinary Saturday").isFalse();
    }

    @Test
    void next_and_previous_working_day() {
        assertThat(calendar.nextWorkingDay(LocalDate.of(2020, 1, 22))).isEqualTo(LocalDate.of(2020, 1, 30));
        assertThat(calendar.previousWorkingDay(LocalDate.of(2020, 1, 30))).isEqualTo(LocalDate.of(2020, 1, 22));
        assertThat(calendar.nextWorkingDay(LocalDate.of(2026, 1, 9))).as("Friday before a make-up Saturday")
                .isEqualTo(LocalDate.of(2026, 1, 10));
        assertThat(calendar.workingDayOnOrAfter(LocalDate.of(2020, 1, 22))).isEqualTo(LocalDate.of(2020, 1, 22));
        assertThat(calendar.workingDayOnOrAfter(LocalDate.of(2020, 1, 25))).isEqualTo(LocalDate.of(2020, 1, 30));
    }

    @Test
    void counting_working_days() {
        LocalDate wednesday = LocalDate.of(2020, 1, 22);
        assertThat(calendar.plusWorkingDays(wednesday, 0)).isEqualTo(wednesday);
        assertThat(calendar.plusWorkingDays(wednesday, 1)).isEqualTo(LocalDate.of(2020, 1, 30));
        assertThat(calendar.plusWorkingDays(wednesday, 5)).isEqualTo(LocalDate.of(2020, 2, 5));
        assertThat(calendar.minusWorkingDays(LocalDate.of(2020, 2, 5), 5)).isEqualTo(wednesday);
        assertThat(calendar.workingDaysBetween(wednesday, LocalDate.of(2020, 2, 5))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2020, 2, 5), wednesday)).isEqualTo(-5);
        assertThat(calendar.workingDaysBetween(wednesday, wednesday)).isZero();
        assertThat(calendar.workingDaysBetween(wednesday, LocalDate.of(2020, 1, 29))).as("all of Tết").isZero();
        assertThatThrownBy(() -> calendar.plusWorkingDays(wednesday, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a date in a year with no table throws, naming the missing year, instead of counting weekends only")
    void year_not_loaded() {
        YearNotLoadedException e = catchThrowableOfType(
                () -> calendar.isWorkingDay(LocalDate.of(2023, 3, 1)), YearNotLoadedException.class);
        assertThat(e.year()).isEqualTo(2023);
        assertThat(e.getMessage()).contains("no holiday table loaded for 2023", "2020, 2026, 2027", "2023.json");
    }

    @Test
    @DisplayName("a count that runs from a loaded year into a missing one throws for the missing year")
    void count_runs_into_a_missing_year() {
        assertThatThrownBy(() -> calendar.plusWorkingDays(LocalDate.of(2020, 12, 28), 5))
                .isInstanceOf(YearNotLoadedException.class)
                .hasMessageContaining("2021");
        assertThatThrownBy(() -> calendar.plusWorkingDays(LocalDate.of(2027, 12, 27), 10))
                .isInstanceOf(YearNotLoadedException.class)
                .hasMessageContaining("2028");
    }

    @Test
    @DisplayName("2025 is not loaded, yet counting from 31 Dec 2025 works: the start day itself is never counted")
    void the_start_day_is_not_looked_up() {
        assertThat(calendar.plusWorkingDays(LocalDate.of(2025, 12, 31), 1)).as("1 Jan holiday, 2 Jan swapped")
                .isEqualTo(LocalDate.of(2026, 1, 5));
    }
}
