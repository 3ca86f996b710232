package vn.motcua.domain.calendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DueDateTest {
    private final WorkingCalendar calendar = SeedCalendars.shipped();

    private DueDate appointment(String receivedAt, TimeLimit limit) {
        return calendar.appointment(LocalDateTime.parse(receivedAt), limit);
    }

    @Nested
    class WorkingDays {
        @Test
        @DisplayName("5 working days from Wed 22 Jan 2020 10:00 → Wed 5 Feb 2020: Thu 23–Wed 29 Jan are Tết"
                + " (23, 24, 27 Tết days, 28, 29 in lieu of the weekend), so the count is 30, 31 Jan, 3, 4, 5 Feb")
        void five_working_days_over_tet_2020() {
            DueDate a = appointment("2020-01-22T10:00", TimeLimit.workingDays(5));

            assertThat(a.date()).contains(LocalDate.of(2020, 2, 5));
            assertThat(a.countsAsReceivedOn()).isEqualTo(LocalDate.of(2020, 1, 22));
            assertThat(a.isProvisional()).isFalse();
            assertThat(a.explanation()).isEqualTo("5 working days counted from the day after Wed 22/01/2020"
                    + " (received Wed 22/01/2020 10:00); weekdays off skipped: 23/01, 24/01, 27/01, 28/01, 29/01:"
                    + " due Wed 05/02/2020");
            assertThat(a.explanationInVietnamese()).isEqualTo("5 ngày làm việc kể từ ngày sau ngày 22/01/2020"
                    + " (tiếp nhận lúc 10:00 thứ Tư, 22/01/2020); không tính các ngày nghỉ 23/01, 24/01, 27/01, 28/01,"
                    + " 29/01: hẹn trả thứ Tư, 05/02/2020");
        }

        @Test
        @DisplayName("received on Saturday 11 Jan 2020: counting starts the day after receipt, so Mon 13 is day 1 and"
                + " 3 working days → Wed 15 Jan (it was Thu 16: the receipt moved to Monday and counting began Tuesday)")
        void received_on_a_weekend() {
            DueDate a = appointment("2020-01-11T09:30", TimeLimit.workingDays(3));
            assertThat(a.countsAsReceivedOn()).isEqualTo(LocalDate.of(2020, 1, 13));
            assertThat(a.date()).contains(LocalDate.of(2020, 1, 15));
            assertThat(a.explanation()).isEqualTo("3 working days counted from the day after Sat 11/01/2020"
                    + " (received Sat 11/01/2020 09:30): due Wed 15/01/2020");
        }

        @Test
        @DisplayName("received on Sunday 12 Jan 2020 for 1 working day: due Mon 13, the first working day after receipt")
        void received_on_a_sunday_one_day() {
            assertThat(appointment("2020-01-12T20:00", TimeLimit.workingDays(1)).date()).contains(LocalDate.of(2020, 1, 13));
        }

        @Test
        @DisplayName("received during Tết (Mon 27 Jan 2020): the first working day after it, Thu 30 Jan, is day 1")
        void received_during_tet() {
            DueDate a = appointment("2020-01-27T08:00", TimeLimit.workingDays(1));
            assertThat(a.date()).contains(LocalDate.of(2020, 1, 30));
        }

        @Test
        @DisplayName("the receipt hour does not matter for working days: 16:55 on Wed 22 Jan 2020 still counts from the 23rd")
        void no_cut_off_for_working_days() {
            assertThat(appointment("2020-01-22T16:55", TimeLimit.workingDays(5)).date())
                    .contains(LocalDate.of(2020, 2, 5));
        }

        @Test
        @DisplayName("a make-up Saturday counts: 1 working day from Fri 9 Jan 2026 is Sat 10 Jan 2026")
        void make_up_saturday_counts() {
            assertThat(appointment("2026-01-09T10:00", TimeLimit.workingDays(1)).date())
                    .contains(LocalDate.of(2026, 1, 10));
        }
    }

    @Nested
    class SameDay {
        @Test
        @DisplayName("before the 15:00 cut-off: due the same day")
        void before_cut_off() {
            DueDate a = appointment("2020-01-09T10:00", TimeLimit.sameDay());
            assertThat(a.date()).contains(LocalDate.of(2020, 1, 9));
            assertThat(a.explanation()).contains("by the 15:00 cut-off: due the same day");
            assertThat(a.explanationInVietnamese()).contains("trả trong ngày");
        }

        @Test
        @DisplayName("at 15:00 exactly the dossier is still in time; one minute later it is not")
        void at_the_cut_off() {
            assertThat(appointment("2020-01-09T15:00", TimeLimit.sameDay()).date()).contains(LocalDate.of(2020, 1, 9));
            assertThat(appointment("2020-01-09T15:01", TimeLimit.sameDay()).date()).contains(LocalDate.of(2020, 1, 10));
        }

        @Test
        @DisplayName("Friday 10 Jan 2020 at 16:20, after the cut-off: due Monday 13 Jan")
        void friday_after_cut_off() {
            DueDate a = appointment("2020-01-10T16:20", TimeLimit.sameDay());
            assertThat(a.date()).contains(LocalDate.of(2020, 1, 13));
            assertThat(a.explanation()).isEqualTo("same day: received Fri 10/01/2020 16:20, after the 15:00 cut-off:"
                    + " due the next working day Mon 13/01/2020");
            assertThat(a.explanationInVietnamese()).isEqualTo("Trả trong ngày: tiếp nhận lúc 16:20 thứ Sáu, 10/01/2020,"
                    + " sau 15:00: hẹn trả ngày làm việc tiếp theo, thứ Hai, 13/01/2020");
        }

        @Test
        @DisplayName("Wed 22 Jan 2020 at 15:30, the eve of Tết: the next working day is Thu 30 Jan")
        void after_cut_off_before_tet() {
            assertThat(appointment("2020-01-22T15:30", TimeLimit.sameDay()).date()).contains(LocalDate.of(2020, 1, 30));
        }

        @Test
        @DisplayName("Fri 21 Aug 2026 at 15:30: the next working day is the make-up Saturday 22 Aug")
        void after_cut_off_before_a_make_up_saturday() {
            assertThat(appointment("2026-08-21T15:30", TimeLimit.sameDay()).date()).contains(LocalDate.of(2026, 8, 22));
        }

        @Test
        @DisplayName("received on Sunday evening: counts as received Monday morning, so due Monday")
        void received_on_a_day_off() {
            DueDate a = appointment("2020-01-12T20:00", TimeLimit.sameDay());
            assertThat(a.date()).contains(LocalDate.of(2020, 1, 13));
        }

        @Test
        @DisplayName("with the desk's opening hours, received after the day's last session (13:00 on a make-up Saturday the desk"
                + " opens only in the morning) is due the next working day, as after the cut-off")
        void after_hours_with_the_desks_opening_hours() {
            var hours = vn.motcua.desk.Desk.QUANG_NGAI_POST.openingHours();
            // Sat 10 Jan 2026 is a declared make-up working day; the desk file opens Saturdays 07:00-11:30
            assertThat(calendar.appointment(LocalDateTime.parse("2026-01-10T13:00"), TimeLimit.sameDay(), java.util.Optional.of(hours))
                    .date()).contains(LocalDate.of(2026, 1, 12));
            assertThat(calendar.appointment(LocalDateTime.parse("2026-01-10T10:00"), TimeLimit.sameDay(), java.util.Optional.of(hours))
                    .date()).contains(LocalDate.of(2026, 1, 10));
            assertThat(calendar.appointment(LocalDateTime.parse("2026-01-10T13:00"), TimeLimit.sameDay()).date())
                    .as("without the hours, only the 15:00 cut-off counts").contains(LocalDate.of(2026, 1, 10));
        }

        @Test
        @DisplayName("the cut-off is configurable: with 16:30, a dossier at 16:00 is done the same day")
        void configurable_cut_off() {
            WorkingCalendar later = calendar.withSameDayCutOff(LocalTime.of(16, 30));
            assertThat(later.sameDayCutOff()).isEqualTo(LocalTime.of(16, 30));
            assertThat(later.appointment(LocalDateTime.parse("2020-01-09T16:00"), TimeLimit.sameDay()).date())
                    .contains(LocalDate.of(2020, 1, 9));
            assertThat(calendar.sameDayCutOff()).as("the original is unchanged").isEqualTo(LocalTime.of(15, 0));
        }
    }

    @Nested
    class CalendarDays {
        @Test
        @DisplayName("15 days from Wed 15 Apr 2020 lands on Thu 30 Apr (holiday); 1 May is one too, then the weekend:"
                + " due Mon 4 May")
        void landing_on_a_holiday() {
            DueDate a = appointment("2020-04-15T09:00", TimeLimit.calendarDays(15));
            assertThat(a.date()).contains(LocalDate.of(2020, 5, 4));
            assertThat(a.explanation()).contains("is Thu 30/04/2020, which is a day off (Ngày Chiến thắng (30/4)),"
                    + " moved to the next working day: due Mon 04/05/2020");
        }

        @Test
        @DisplayName("received on Sat 4 Apr 2020: 10 days count from Sun 5, landing on Tue 14 Apr (it was Wed 15 from Monday)")
        void received_on_a_saturday() {
            DueDate a = appointment("2020-04-04T09:00", TimeLimit.calendarDays(10));
            assertThat(a.date()).contains(LocalDate.of(2020, 4, 14));
            assertThat(a.explanation()).isEqualTo("10 days after Sat 04/04/2020 (received Sat 04/04/2020 09:00) is Tue 14/04/2020: due Tue 14/04/2020");
        }

        @Test
        @DisplayName("landing on an ordinary weekday: no move (15 days from Wed 1 Apr 2020 → Thu 16 Apr)")
        void landing_on_a_working_day() {
            assertThat(appointment("2020-04-01T09:00", TimeLimit.calendarDays(15)).date()).contains(LocalDate.of(2020, 4, 16));
        }
    }

    @Test
    @DisplayName("no fixed limit: no date, the receipt says case by case")
    void none_fixed() {
        DueDate a = appointment("2020-01-22T10:00", TimeLimit.noneFixed());
        assertThat(a.date()).isEmpty();
        assertThat(a.isCaseByCase()).isTrue();
        assertThat(a.isProvisional()).isFalse();
        assertThat(a.explanationInVietnamese()).isEqualTo("Không quy định thời hạn: hẹn trả theo từng trường hợp");
    }

    @Test
    @DisplayName("a count across the estimated Tết 2027 is marked provisional, and the receipt says the date may move")
    void provisional_holiday_table() {
        DueDate a = appointment("2027-01-25T10:00", TimeLimit.workingDays(10));
        assertThat(a.isProvisional()).isTrue();
        assertThat(a.explanation()).contains("(provisional: the holiday table for 30/01/2027–21/02/2027 is not confirmed yet)");
        assertThat(a.explanationInVietnamese()).contains("chưa chính thức, ngày hẹn có thể thay đổi");

        assertThat(appointment("2027-03-01T10:00", TimeLimit.workingDays(10)).isProvisional())
                .as("March 2027 is clear of every unconfirmed stretch").isFalse();
    }

    @Test
    @DisplayName("a receipt in a year with no table throws, naming the year")
    void receipt_in_a_missing_year() {
        assertThatThrownBy(() -> appointment("2021-06-01T10:00", TimeLimit.workingDays(5)))
                .isInstanceOf(YearNotLoadedException.class)
                .hasMessageContaining("2021");
    }
}
