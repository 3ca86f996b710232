package vn.motcua.domain.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A Saturday (or Sunday) the government declares a working day, paying back a swapped weekday off.
 *
 * @param date   the weekend day that is worked
 * @param repays the swapped day off it pays back
 * @param name   a short label in Vietnamese ("Làm bù cho thứ Sáu 02/01/2026")
 */
public record MakeUpDay(LocalDate date, LocalDate repays, String name) {
    public MakeUpDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(repays, "repays");
        Objects.requireNonNull(name, "name");
    }
}
