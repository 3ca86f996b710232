package vn.motcua.local.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronExpressionTest {

    @ParameterizedTest(name = "cron({0}) after {1} fires at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0 8 ? * MON-FRI *      | 2026-01-03T10:00:00Z | 2026-01-05T08:00:00Z
            0 8 ? * MON-FRI *      | 2026-01-05T07:59:59Z | 2026-01-05T08:00:00Z
            0 8 ? * MON-FRI *      | 2026-01-05T08:00:00Z | 2026-01-06T08:00:00Z
            0/15 * * * ? *         | 2026-01-05T10:07:00Z | 2026-01-05T10:15:00Z
            0/15 * * * ? *         | 2026-01-05T10:45:00Z | 2026-01-05T11:00:00Z
            */15 * * * ? *         | 2026-01-05T23:59:00Z | 2026-01-06T00:00:00Z
            10-50/20 * * * ? *     | 2026-01-05T10:30:00Z | 2026-01-05T10:50:00Z
            10-50/20 * * * ? *     | 2026-01-05T10:50:00Z | 2026-01-05T11:10:00Z
            30 1 1 * ? *           | 2026-01-01T01:30:00Z | 2026-02-01T01:30:00Z
            0 0 29 2 ? *           | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z
            0 12 ? JAN,JUL SUN *   | 2026-01-01T00:00:00Z | 2026-01-04T12:00:00Z
            0 12 ? JAN,JUL SUN *   | 2026-02-01T00:00:00Z | 2026-07-05T12:00:00Z
            0 0 ? * 1 *            | 2026-01-05T00:00:00Z | 2026-01-11T00:00:00Z
            0 0 ? * 7 *            | 2026-01-05T00:00:00Z | 2026-01-10T00:00:00Z
            0 17 ? * 2-6 *         | 2026-01-09T17:00:00Z | 2026-01-12T17:00:00Z
            5,35 9-11 * * ? 2027   | 2026-06-01T00:00:00Z | 2027-01-01T09:05:00Z
            0 1 L-ish * ? *        | 2026-01-01T00:00:00Z | refused
            """)
    void nextFireTime(String fields, String after, String expected) {
        if (expected.equals("refused")) {
            assertThatThrownBy(() -> CronExpression.parse(fields)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(CronExpression.parse(fields).next(Instant.parse(after))).contains(Instant.parse(expected));
    }

    @Test
    void theFireTimesOfAWorkdayMorningScheduleOverAWeekend() {
        var cron = CronExpression.parse("0 1 ? * MON-FRI *"); // 08:00 in Vietnam
        var times = new ArrayList<Instant>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z"); // a Thursday
        for (int i = 0; i < 4; i++) {
            t = cron.next(t).orElseThrow();
            times.add(t);
        }
        assertThat(times).containsExactly(Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-02T01:00:00Z"),
                Instant.parse("2026-01-05T01:00:00Z"), Instant.parse("2026-01-06T01:00:00Z"));
    }

    @Test
    void aScheduleThatNeverFiresHasNoNextTime() {
        assertThat(CronExpression.parse("0 0 31 2 ? *").next(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
        assertThat(CronExpression.parse("0 0 * * ? 2026").next(Instant.parse("2026-12-31T23:59:00Z"))).isEmpty();
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(CronExpression.parse("0 0 ? jan mon *").next(Instant.parse("2026-01-01T00:00:00Z")))
                .contains(Instant.parse("2026-01-05T00:00:00Z"));
    }

    @Test
    void unsupportedAndMalformedExpressionsAreRefusedNamingTheExpressionAndTheField() {
        for (var c : List.of(
                List.of("0 8 L * ? *", "day-of-month: 'L' (the last day)"),
                List.of("0 8 ? * 6L *", "day-of-week: 'L' (the last day)"),
                List.of("0 8 15W * ? *", "day-of-month: 'W' (the nearest weekday)"),
                List.of("0 8 ? * MON#2 *", "day-of-week: '#' (the nth weekday of the month)"),
                List.of("0 8 * * ?", "it has 5 fields"),
                List.of("0 8 * * * *", "exactly one of day-of-month and day-of-week must be '?'"),
                List.of("0 8 ? * ? *", "exactly one of day-of-month and day-of-week must be '?'"),
                List.of("60 8 * * ? *", "minutes: 60 is outside 0..59"),
                List.of("0 8 * * ? 1969", "year: 1969 is outside 1970..2199"),
                List.of("0 8 ? * FRI-MON *", "day-of-week 'FRI-MON': the range runs backwards"),
                List.of("0 8 * FOO ? *", "month: 'FOO' is not a number nor one of [JAN"))) {
            assertThatThrownBy(() -> CronExpression.parse(c.get(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("schedule expression 'cron(" + c.get(0) + ")': ")
                    .hasMessageContaining(c.get(1));
        }
    }
}
