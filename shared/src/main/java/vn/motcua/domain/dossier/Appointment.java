package vn.motcua.domain.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The date the result is promised for. {@code original} is what the receipt printed; {@code current}
 * moves when a supplement pause ends and once when the department apologises and sets a new date
 * (form 04), which {@code delay} then records.
 */
public record Appointment(LocalDate original, LocalDate current, Optional<Delay> delay) {

    /** The apology (form 04): why, when it was announced, by whom, from which date to which. */
    public record Delay(String reason, Instant announcedAt, String agencyId, LocalDate previous, LocalDate newDate) {}

    public Appointment {
        if (original == null || current == null) throw new IllegalArgumentException("an appointment needs its dates");
        delay = delay == null ? Optional.empty() : delay;
    }

    public static Appointment on(LocalDate date) { return new Appointment(date, date, Optional.empty()); }

    /** Whether a new date was set after a delay: the dossier then counts as late whatever happens next. */
    public boolean rescheduled() { return delay.isPresent(); }

    Appointment resumedUntil(LocalDate due) { return new Appointment(original, due, delay); }

    Appointment delayed(Delay d) { return new Appointment(original, d.newDate(), Optional.of(d)); }
}
