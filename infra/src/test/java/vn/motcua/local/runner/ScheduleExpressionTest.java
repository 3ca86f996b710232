package vn.motcua.local.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleExpressionTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:30Z");

    @Test
    void ratesInEveryUnit() {
        assertThat(ScheduleExpression.parse("rate(1 minute)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofMinutes(1), "rate(1 minute)"));
        assertThat(((ScheduleExpression.Rate) ScheduleExpression.parse("rate(5 minutes)")).period()).isEqualTo(Duration.ofMinutes(5));
        assertThat(((ScheduleExpression.Rate) ScheduleExpression.parse("rate(1 hour)")).period()).isEqualTo(Duration.ofHours(1));
        assertThat(((ScheduleExpression.Rate) ScheduleExpression.parse("rate(2 days)")).period()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aRateFiresEveryPeriodFromItsStart() {
        var rate = ScheduleExpression.parse("rate(5 minutes)");

        assertThat(rate.next(START, START)).contains(Instant.parse("2026-01-05T00:05:30Z"));
        assertThat(rate.next(START, Instant.parse("2026-01-05T00:05:29Z"))).contains(Instant.parse("2026-01-05T00:05:30Z"));
        assertThat(rate.next(START, Instant.parse("2026-01-05T00:05:30Z"))).contains(Instant.parse("2026-01-05T00:10:30Z"));
        assertThat(rate.next(START, Instant.parse("2026-01-05T07:00:00Z"))).contains(Instant.parse("2026-01-05T07:00:30Z"));
        assertThat(rate.next(START, Instant.parse("2026-01-05T07:00:30Z"))).contains(Instant.parse("2026-01-05T07:05:30Z"));
    }

    @Test
    void aCronIgnoresTheStart() {
        assertThat(ScheduleExpression.parse("cron(0 1 * * ? *)").next(START, START)).contains(Instant.parse("2026-01-05T01:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(0 minutes)", "rate(1 minutes)", "rate(5 minute)", "rate(30 seconds)", "rate(five minutes)",
            "rate(5  minutes)", "every day", "", "at(2026-01-05T08:00:00)"})
    void whatEventBridgeWouldRefuseIsRefusedNamingTheExpression(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schedule expression '" + expression + "'");
    }
}
