package vn.motcua.domain.calendar;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How a finished dossier stands against its appointment, for the process control slip (form 05)
 * and the national statistics: early, on time or late.
 *
 * <p>"Finished" means the department is done and the result (approval or refusal) is back at the
 * desk; the caller passes that date.
 */
public enum Timeliness {
    /** Finished before the appointment date. */
    EARLY,
    /** Finished on the appointment date. */
    ON_TIME,
    /** Finished after the appointment date, or counted late by rule (see {@link #classify}). */
    LATE;

    /**
     * Classifies a finished dossier.
     *
     * @param due                   the appointment date, extended by any supplement pauses
     *                              ({@link WorkingCalendar#resumedDue}) but NOT replaced by a new date
     *                              set in an apology (form 04); empty for a procedure with no fixed
     *                              time limit
     * @param finishedOn            the day the result reached the desk
     * @param supplementRequests    how many times the department asked for more documents
     * @param rescheduledAfterDelay whether the department announced a delay and set a new date
     * @return the classification, by these rules, in order:
     * <ol>
     *   <li>more than one supplement request: {@link #LATE} (the national statistics count it late,
     *       whatever the dates);</li>
     *   <li>a new date set after a delay: {@link #LATE}, even if the new date was met (domain rule:
     *       the apology admits the delay);</li>
     *   <li>no fixed time limit: {@link #ON_TIME}, since there is no date to be early or late against;</li>
     *   <li>otherwise by date: before the appointment {@link #EARLY}, on it {@link #ON_TIME}, after it {@link #LATE}.</li>
     * </ol>
     */
    public static Timeliness classify(Optional<LocalDate> due, LocalDate finishedOn, int supplementRequests,
                                      boolean rescheduledAfterDelay) {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(finishedOn, "finishedOn");
        if (supplementRequests < 0) throw new IllegalArgumentException("negative supplement requests: " + supplementRequests);
        if (supplementRequests > 1) return LATE;
        if (rescheduledAfterDelay) return LATE;
        if (due.isEmpty()) return ON_TIME;
        int order = finishedOn.compareTo(due.get());
        return order < 0 ? EARLY : order == 0 ? ON_TIME : LATE;
    }

    /** A dossier with a fixed date, no more than one supplement request and no delay announced. */
    public static Timeliness classify(LocalDate due, LocalDate finishedOn) {
        return classify(Optional.of(due), finishedOn, 0, false);
    }

    /** Counted in the on-time rate, (early + on time) / finished. */
    public boolean isInTime() {
        return this != LATE;
    }

    /** As written on form 05: "Trước hạn", "Đúng hạn", "Quá hạn". */
    public String inVietnamese() {
        return switch (this) {
            case EARLY -> "Trước hạn";
            case ON_TIME -> "Đúng hạn";
            case LATE -> "Quá hạn";
        };
    }
}
