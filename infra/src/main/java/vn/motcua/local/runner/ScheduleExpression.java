package vn.motcua.local.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule: {@code rate(5 minutes)} or {@code cron(0 8 ? * MON-FRI *)}, in UTC.
 * Anything else is refused with a message naming the expression.
 */
public sealed interface ScheduleExpression {

    /**
     * The first fire time after {@code after}, or empty if there is none. A rate counts from
     * {@code start} (when the rule began), as EventBridge does; a cron ignores it.
     */
    Optional<Instant> next(Instant start, Instant after);

    static ScheduleExpression parse(String expression) {
        String text = expression == null ? "" : expression.strip();
        if (text.startsWith("rate(") && text.endsWith(")")) return Rate.parse(text);
        if (text.startsWith("cron(") && text.endsWith(")")) return new Cron(CronExpression.parse(text.substring(5, text.length() - 1)));
        throw new IllegalArgumentException("schedule expression '" + expression + "': EventBridge wants rate(...) or cron(...)");
    }

    /** {@code rate(value unit)}: every so many minutes, hours or days. */
    record Rate(Duration period, String text) implements ScheduleExpression {
        private static final Pattern SHAPE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

        static Rate parse(String text) {
            var m = SHAPE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("schedule expression '" + text
                        + "': a rate is rate(<positive number> <minute(s)|hour(s)|day(s)>), e.g. rate(5 minutes)");
            }
            long value = Long.parseLong(m.group(1));
            String unit = m.group(2);
            if (value < 1) throw new IllegalArgumentException("schedule expression '" + text + "': the rate must be at least 1");
            // EventBridge refuses rate(1 minutes) and rate(5 minute): so does the local run, so the template is right for both
            boolean plural = unit.endsWith("s");
            if (plural != (value > 1)) {
                throw new IllegalArgumentException("schedule expression '" + text + "': EventBridge wants the singular unit for 1"
                        + " and the plural for more (rate(1 minute), rate(5 minutes))");
            }
            Duration period = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
            return new Rate(period, text);
        }

        @Override
        public Optional<Instant> next(Instant start, Instant after) {
            if (after.isBefore(start)) return Optional.of(start.plus(period));
            long periods = Duration.between(start, after).toMillis() / period.toMillis() + 1;
            return Optional.of(start.plus(period.multipliedBy(periods)));
        }

        @Override
        public String toString() { return text; }
    }

    /** {@code cron(...)}: see {@link CronExpression}. */
    record Cron(CronExpression cron) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant start, Instant after) { return cron.next(after); }

        @Override
        public String toString() { return cron.toString(); }
    }
}
