package vn.motcua.domain.calendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.domain.calendar.Timeliness.EARLY;
import static vn.motcua.domain.calendar.Timeliness.LATE;
import static vn.motcua.domain.calendar.Timeliness.ON_TIME;

class TimelinessTest {
    private static final LocalDate DUE = LocalDate.of(2020, 2, 5);

    @Test
    void by_date() {
        assertThat(Timeliness.classify(DUE, DUE.minusDays(1))).isEqualTo(EARLY);
        assertThat(Timeliness.classify(DUE, DUE)).isEqualTo(ON_TIME);
        assertThat(Timeliness.classify(DUE, DUE.plusDays(1))).isEqualTo(LATE);
    }

    @Test
    @DisplayName("a new date set after a delay counts late, even when the dossier finished before the original date")
    void rescheduled_after_delay() {
        assertThat(Timeliness.classify(Optional.of(DUE), DUE.minusDays(3), 0, true)).isEqualTo(LATE);
    }

    @Test
    @DisplayName("one supplement request is normal; more than one counts late in the national statistics")
    void supplement_requests() {
        assertThat(Timeliness.classify(Optional.of(DUE), DUE, 1, false)).isEqualTo(ON_TIME);
        assertThat(Timeliness.classify(Optional.of(DUE), DUE.minusDays(5), 2, false)).isEqualTo(LATE);
    }

    @Test
    @DisplayName("no fixed time limit: on time, unless a rule counts it late")
    void case_by_case() {
        assertThat(Timeliness.classify(Optional.empty(), DUE, 0, false)).isEqualTo(ON_TIME);
        assertThat(Timeliness.classify(Optional.empty(), DUE, 2, false)).isEqualTo(LATE);
    }

    @Test
    void words_for_form_05_and_the_on_time_rate() {
        assertThat(EARLY.inVietnamese()).isEqualTo("Trước hạn");
        assertThat(ON_TIME.inVietnamese()).isEqualTo("Đúng hạn");
        assertThat(LATE.inVietnamese()).isEqualTo("Quá hạn");
        assertThat(EARLY.isInTime()).isTrue();
        assertThat(LATE.isInTime()).isFalse();
    }
}
