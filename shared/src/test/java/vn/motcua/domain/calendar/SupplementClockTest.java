package vn.motcua.domain.calendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupplementClockTest {
    private final WorkingCalendar calendar = SeedCalendars.shipped();

    private static LocalDate d(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    @Test
    @DisplayName("paused and resumed the same day: nothing waited, the due date stays")
    void same_day() {
        assertThat(calendar.waitingWorkingDays(d(2020, 3, 2), d(2020, 3, 2))).isZero();
        assertThat(calendar.resumedDue(d(2020, 3, 13), d(2020, 3, 2), d(2020, 3, 2))).isEqualTo(d(2020, 3, 13));
    }

    @Test
    @DisplayName("paused Mon 2 Mar 2020, documents back Mon 9 Mar: Tue–Fri and Mon waited (5), due Fri 13 → Fri 20 Mar")
    void one_week() {
        assertThat(calendar.waitingWorkingDays(d(2020, 3, 2), d(2020, 3, 9))).isEqualTo(5);
        assertThat(calendar.remainingWorkingDays(d(2020, 3, 13), d(2020, 3, 2))).isEqualTo(9);
        assertThat(calendar.resumedDue(d(2020, 3, 13), d(2020, 3, 2), d(2020, 3, 9))).isEqualTo(d(2020, 3, 20));
        // the same date, seen as the days left counted again from the day after the documents came
        assertThat(calendar.plusWorkingDays(d(2020, 3, 9), 9)).isEqualTo(d(2020, 3, 20));
    }

    @Test
    @DisplayName("documents brought on Saturday count as brought on Monday")
    void resumed_on_a_weekend() {
        assertThat(calendar.waitingWorkingDays(d(2020, 3, 2), d(2020, 3, 7))).as("Tue–Fri, and Monday 9").isEqualTo(5);
        assertThat(calendar.waitingWorkingDays(d(2020, 3, 6), d(2020, 3, 7))).as("Friday to Saturday: Monday").isEqualTo(1);
    }

    @Test
    @DisplayName("a request issued on a Saturday and answered the same weekend waited nothing")
    void paused_and_resumed_on_days_off() {
        assertThat(calendar.waitingWorkingDays(d(2020, 3, 7), d(2020, 3, 8))).isZero();
    }

    @Test
    @DisplayName("Tết is not waiting time: paused Wed 22 Jan 2020, resumed Thu 30 Jan, only the 30th waited")
    void pause_over_tet() {
        assertThat(calendar.waitingWorkingDays(d(2020, 1, 22), d(2020, 1, 30))).isEqualTo(1);
        assertThat(calendar.resumedDue(d(2020, 2, 5), d(2020, 1, 22), d(2020, 1, 30))).isEqualTo(d(2020, 2, 6));
    }

    @Test
    @DisplayName("paused on the due date: nothing left; paused two working days late: still two days late on resume")
    void paused_on_or_after_the_due_date() {
        assertThat(calendar.remainingWorkingDays(d(2020, 3, 13), d(2020, 3, 13))).isZero();
        assertThat(calendar.remainingWorkingDays(d(2020, 3, 13), d(2020, 3, 17))).isEqualTo(-2);
        LocalDate due = calendar.resumedDue(d(2020, 3, 13), d(2020, 3, 17), d(2020, 3, 24));
        assertThat(calendar.workingDaysBetween(due, d(2020, 3, 24))).isEqualTo(2);
    }

    @Test
    void resume_before_pause_is_a_bug() {
        assertThatThrownBy(() -> calendar.resumedDue(d(2020, 3, 13), d(2020, 3, 9), d(2020, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before it was paused");
    }
}
