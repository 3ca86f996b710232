package vn.motcua.local.runner;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An EventBridge cron expression, {@code cron(minutes hours day-of-month month day-of-week year)},
 * in UTC, and its next fire time. Supports {@code *}, {@code ?}, numbers, lists, ranges, {@code /}
 * steps, month names (JAN-DEC) and day names (SUN-SAT; day 1 is Sunday, as in EventBridge). Refuses
 * what it does not support ({@code L}, {@code W}, {@code #}) rather than guess.
 */
public record CronExpression(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                             BitSet years) {
    // daysOfMonth and daysOfWeek are null for '?'; days of the week run 1 = Sunday .. 7 = Saturday

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    static final int LAST_YEAR = 2199;

    /** Parses the six fields inside {@code cron(...)}; the message of a refusal names the expression and the field. */
    public static CronExpression parse(String fields) {
        String text = "cron(" + fields.strip() + ")";
        String[] f = fields.strip().split("\\s+");
        if (f.length != 6) {
            throw refuse(text, "it has " + f.length + " fields; EventBridge wants 6: minutes hours day-of-month month day-of-week year");
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw refuse(text, "exactly one of day-of-month and day-of-week must be '?' (EventBridge refuses both or neither)");
        }
        return new CronExpression(text,
                field(text, "minutes", f[0], 0, 59, List.of()),
                field(text, "hours", f[1], 0, 23, List.of()),
                domAny ? null : field(text, "day-of-month", f[2], 1, 31, List.of()),
                field(text, "month", f[3], 1, 12, MONTHS),
                dowAny ? null : field(text, "day-of-week", f[4], 1, 7, DAYS),
                field(text, "year", f[5], 1970, LAST_YEAR, List.of()));
    }

    /** The first whole minute strictly after {@code after} that matches, or empty if none does before 2200. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (t.getYear() <= LAST_YEAR) {
            if (!years.get(t.getYear())) {
                t = LocalDateTime.of(t.getYear() + 1, 1, 1, 0, 0);
            } else if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant(ZoneOffset.UTC));
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        if (daysOfMonth != null) return daysOfMonth.get(day.getDayOfMonth());
        return daysOfWeek.get(eventBridgeDay(day.getDayOfWeek()));
    }

    /** EventBridge counts Sunday as 1, Saturday as 7. */
    private static int eventBridgeDay(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    private static BitSet field(String text, String name, String value, int min, int max, List<String> names) {
        var set = new BitSet(max + 1);
        for (String part : value.split(",", -1)) {
            String upper = part.toUpperCase(Locale.ROOT);
            int step = 1;
            String range = upper;
            int slash = upper.indexOf('/');
            if (slash >= 0) {
                range = upper.substring(0, slash);
                step = number(text, name, upper.substring(slash + 1), 1, max, List.of());
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) throw refuse(text, name + " '" + value + "': a range has two ends");
                from = number(text, name, ends[0], min, max, names);
                to = number(text, name, ends[1], min, max, names);
                if (from > to) throw refuse(text, name + " '" + value + "': the range runs backwards");
            } else {
                from = number(text, name, range, min, max, names);
                to = slash >= 0 ? max : from; // "5/15": from 5 on, every 15
            }
            for (int v = from; v <= to; v += step) set.set(v);
        }
        return set;
    }

    private static int number(String text, String field, String token, int min, int max, List<String> names) {
        int index = names.indexOf(token);
        if (index >= 0) return min + index;
        if (token.contains("#")) throw unsupported(text, field, "'#' (the nth weekday of the month)");
        if (token.contains("L")) throw unsupported(text, field, "'L' (the last day)");
        if (token.contains("W")) throw unsupported(text, field, "'W' (the nearest weekday)");
        int value;
        try {
            value = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw refuse(text, field + ": '" + token + "' is not a number" + (names.isEmpty() ? "" : " nor one of " + names));
        }
        if (value < min || value > max) throw refuse(text, field + ": " + value + " is outside " + min + ".." + max);
        return value;
    }

    private static IllegalArgumentException unsupported(String text, String field, String what) {
        return refuse(text, field + ": " + what + " is valid on AWS but not supported by the local run");
    }

    private static IllegalArgumentException refuse(String text, String why) {
        return new IllegalArgumentException("schedule expression '" + text + "': " + why);
    }

    @Override
    public String toString() { return text; }
}
