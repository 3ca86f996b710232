package vn.motcua.domain.calendar;

/**
 * A procedure's statutory time limit: a number and its unit. The unit matters as much as the
 * number: "15 days" and "15 working days" give different appointments.
 */
public record TimeLimit(int value, Unit unit) {

    public enum Unit {
        /** Monday to Friday, less public holidays, plus declared make-up Saturdays. */
        WORKING_DAYS,
        /** Every day counts; a deadline on a day off moves to the next working day. */
        CALENDAR_DAYS,
        /** Finished the day of receipt, or the next working day when received after the cut-off hour. */
        SAME_DAY,
        /** No fixed limit: decided case by case, so there is no appointment date. */
        NONE_FIXED
    }

    public TimeLimit {
        if (unit == null) throw new IllegalArgumentException("a time limit needs a unit");
        if (value < 0) throw new IllegalArgumentException("a time limit cannot be negative: " + value);
        if ((unit == Unit.SAME_DAY || unit == Unit.NONE_FIXED) && value != 0) {
            throw new IllegalArgumentException(unit + " takes no number of days, got " + value);
        }
        if ((unit == Unit.WORKING_DAYS || unit == Unit.CALENDAR_DAYS) && value == 0) {
            throw new IllegalArgumentException(unit + " needs at least one day");
        }
    }

    public static TimeLimit workingDays(int days) { return new TimeLimit(days, Unit.WORKING_DAYS); }
    public static TimeLimit calendarDays(int days) { return new TimeLimit(days, Unit.CALENDAR_DAYS); }
    public static TimeLimit sameDay() { return new TimeLimit(0, Unit.SAME_DAY); }
    public static TimeLimit noneFixed() { return new TimeLimit(0, Unit.NONE_FIXED); }

    /** In words, Vietnamese, for receipts: "10 ngày làm việc". */
    public String inVietnamese() {
        return switch (unit) {
            case WORKING_DAYS -> value + " ngày làm việc";
            case CALENDAR_DAYS -> value + " ngày";
            case SAME_DAY -> "trong ngày";
            case NONE_FIXED -> "không quy định";
        };
    }
}
