package vn.motcua.domain.calendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.reference.HolidayTables;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tables shipped in infra/seed/calendar: they parse, and they say what the notices say. */
class SeedCalendarFilesTest {

    @Test
    @DisplayName("every shipped table parses, is named after its year, and names its sources")
    void every_shipped_file_parses() {
        Map<String, String> files = SeedCalendars.files();
        assertThat(files).isNotEmpty();
        files.forEach((name, json) -> {
            HolidayYear year = HolidayTables.validateYear(json, name);
            assertThat(name).isEqualTo(year.year() + ".json");
            assertThat(year.sources()).allSatisfy(s -> assertThat(s.covers()).as(name + " source " + s.document()).isNotBlank());
        });
        assertThat(SeedCalendars.shipped().loadedYears()).contains(2020, 2026, 2027);
    }

    @Test
    @DisplayName("2020, the pilot year, matches domain.md: ten weekdays off, no make-up Saturday, official")
    void pilot_year_2020() {
        HolidayYear y2020 = SeedCalendars.shipped().year(2020).orElseThrow();
        assertThat(y2020.status()).isEqualTo(HolidayYear.Status.OFFICIAL);
        assertThat(y2020.makeUpDays()).isEmpty();
        assertThat(weekdaysOff(2020)).containsExactly(
                LocalDate.of(2020, 1, 1),
                LocalDate.of(2020, 1, 23), LocalDate.of(2020, 1, 24), LocalDate.of(2020, 1, 27),
                LocalDate.of(2020, 1, 28), LocalDate.of(2020, 1, 29),
                LocalDate.of(2020, 4, 2), LocalDate.of(2020, 4, 30), LocalDate.of(2020, 5, 1),
                LocalDate.of(2020, 9, 2));
    }

    @Test
    @DisplayName("2026 follows 9441/TB-BNV, 12729/VPCP-KGVX and NQ 28/2026/QH16; only Culture Day week is open")
    void year_2026() {
        WorkingCalendar calendar = SeedCalendars.shipped();
        HolidayYear y2026 = calendar.year(2026).orElseThrow();
        assertThat(weekdaysOff(2026)).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2),
                LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18),
                LocalDate.of(2026, 2, 19), LocalDate.of(2026, 2, 20),
                LocalDate.of(2026, 4, 27), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 8, 31), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 2),
                LocalDate.of(2026, 11, 24));
        assertThat(y2026.makeUpDays()).extracting(MakeUpDay::date)
                .containsExactly(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 8, 22));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 10))).as("make-up Saturday").isTrue();
        assertThat(y2026.unconfirmed()).singleElement().satisfies(p -> assertThat(p.contains(LocalDate.of(2026, 11, 24))).isTrue());
        assertThat(calendar.isProvisional(LocalDate.of(2026, 2, 17))).isFalse();
    }

    @Test
    @DisplayName("2027 is provisional and its estimated Tết days are inside an unconfirmed stretch")
    void year_2027() {
        WorkingCalendar calendar = SeedCalendars.shipped();
        HolidayYear y2027 = calendar.year(2027).orElseThrow();
        assertThat(y2027.status()).isEqualTo(HolidayYear.Status.PROVISIONAL);
        y2027.daysOff().stream()
                .filter(d -> d.kind() == DayOff.Kind.TET || d.name().contains("dự kiến"))
                .forEach(d -> assertThat(calendar.isProvisional(d.date())).as(d.toString()).isTrue());
        assertThat(calendar.isProvisional(LocalDate.of(2027, 1, 1))).as("1 January is statutory").isFalse();
    }

    private static List<LocalDate> weekdaysOff(int year) {
        WorkingCalendar calendar = SeedCalendars.shipped();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (!HolidayYear.isWeekend(d) && !calendar.isWorkingDay(d)) days.add(d);
        }
        return days;
    }
}
