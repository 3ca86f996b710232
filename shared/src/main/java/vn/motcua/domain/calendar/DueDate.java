package vn.motcua.domain.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The due date a receipt's appointment promises, as the calendar counted it: the date, how it was
 * reached, and whether it rests on a holiday table that is not yet official. Computed by
 * {@link WorkingCalendar#appointment(LocalDateTime, TimeLimit)}; the dossier keeps only the date, in
 * its {@link vn.motcua.domain.dossier.Appointment} (which a supplement pause or a delay moves later).
 */
public final class DueDate {
    private final LocalDateTime receivedAt;
    private final TimeLimit limit;
    private final LocalDate countsAsReceivedOn;
    private final LocalDate date;
    private final boolean provisional;
    private final String explanation;
    private final String explanationInVietnamese;

    DueDate(LocalDateTime receivedAt, TimeLimit limit, LocalDate countsAsReceivedOn, LocalDate date,
                boolean provisional, String explanation, String explanationInVietnamese) {
        this.receivedAt = Objects.requireNonNull(receivedAt);
        this.limit = Objects.requireNonNull(limit);
        this.countsAsReceivedOn = Objects.requireNonNull(countsAsReceivedOn);
        this.date = date;
        this.provisional = provisional;
        this.explanation = Objects.requireNonNull(explanation);
        this.explanationInVietnamese = Objects.requireNonNull(explanationInVietnamese);
    }

    public LocalDateTime receivedAt() {
        return receivedAt;
    }

    public TimeLimit limit() {
        return limit;
    }

    /** The working day the dossier counts as received: the receipt day, or the next working day when it came in on a day off. */
    public LocalDate countsAsReceivedOn() {
        return countsAsReceivedOn;
    }

    /** The due date; empty when the procedure has no fixed time limit and the date is set case by case. */
    public Optional<LocalDate> date() {
        return Optional.ofNullable(date);
    }

    public boolean isCaseByCase() {
        return date == null;
    }

    /**
     * True when a stretch of the holiday table that the count crossed is not confirmed by a notice
     * yet (see {@link HolidayYear#unconfirmed()}): the date may move when the notice comes out.
     */
    public boolean isProvisional() {
        return provisional;
    }

    /** How the date was reached, in English, for logs and tests. */
    public String explanation() {
        return explanation;
    }

    /** How the date was reached, in Vietnamese, for a receipt or a notice to the citizen. */
    public String explanationInVietnamese() {
        return explanationInVietnamese;
    }

    @Override
    public String toString() {
        return "DueDate[" + (date == null ? "case by case" : date) + (provisional ? ", provisional" : "")
                + ": " + explanation + "]";
    }
}
