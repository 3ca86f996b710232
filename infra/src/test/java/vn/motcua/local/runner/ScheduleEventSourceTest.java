package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.runner.handlers.RecordingHandler;
import vn.motcua.local.stack.ProjectDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schedule rules: the Scheduled Event, the rule's Input, the timer on a fast clock. No AWS needed. */
class ScheduleEventSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "ap-southeast-1";
    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    @Test
    void fireNowSendsTheScheduledEventFieldByFieldAsTheSample() throws Exception {
        JsonNode sample = JSON.readTree(Files.readString(ProjectDirectory.find().resolve("events/scheduled-event.json")));
        var handler = function();
        var clock = Clock.fixed(Instant.parse("2026-11-28T01:00:00.750Z"), ZoneOffset.UTC);
        var rule = source(handler, "motcua-local-DeadlineWatchHourly", "rate(1 hour)", null, clock, List.of());

        rule.fireNow();

        JsonNode event = handler.received().get(0);
        assertThat(fieldNames(event)).containsExactlyElementsOf(fieldNames(sample));
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(event.path("time").asText()).isEqualTo("2026-11-28T01:00:00Z");
        assertThat(event.path("region").asText()).isEqualTo(REGION);
        assertThat(event.path("resources")).containsExactly(JSON.getNodeFactory()
                .textNode("arn:aws:events:ap-southeast-1:000000000000:rule/motcua-local-DeadlineWatchHourly"));
        assertThat(event.path("detail").isObject()).isTrue();
        assertThat(event.path("detail").size()).isZero();
    }

    @Test
    void theRulesInputIsSentAsIs() throws Exception {
        var handler = function();
        String input = "{\"task\": \"stuck-dossier-sweep\",   \"note\": \"Quét hồ sơ tồn\"}";
        var rule = source(handler, "sweep", "cron(0 18 * * ? *)", input, Clock.systemUTC(), List.of());

        rule.fireNow();

        assertThat(handler.receivedText(0)).isEqualTo(input);
    }

    @Test
    void fireNowThrowsWhatTheInvocationThrows() {
        var handler = function();
        var rule = source(handler, "broken", "rate(1 day)", "{\"say\": \"THROW\"}", Clock.systemUTC(), List.of());

        assertThatThrownBy(rule::fireNow).isInstanceOf(LocalFunction.InvocationFailure.class).hasMessageContaining("asked to throw");
    }

    @Test
    void aRateFiresEveryPeriodOnTheClock() {
        var handler = function();
        // 1 simulated minute = 0.5 s; the timer looks every 10 ms
        var rule = source(handler, "minutely", "rate(1 minute)", null, new FastClock(Instant.parse("2026-01-05T00:00:30Z"), 120),
                List.of());

        rule.start();
        assertThat(rule.nextFireTime()).as("rates count from the minute the rule began").contains(Instant.parse("2026-01-05T00:01:00Z"));
        var events = handler.awaitReceived(3, Duration.ofSeconds(10));

        assertThat(events.subList(0, 3)).extracting(e -> e.path("time").asText())
                .containsExactly("2026-01-05T00:01:00Z", "2026-01-05T00:02:00Z", "2026-01-05T00:03:00Z");
    }

    @Test
    void aCronFiresAtItsMinutesAndStopsWhenClosed() {
        var handler = function();
        // 5 simulated minutes = 0.25 s
        var rule = source(handler, "five", "cron(0/5 * * * ? *)", null, new FastClock(Instant.parse("2026-01-05T00:03:00Z"), 1200),
                List.of());

        rule.start();
        var events = handler.awaitReceived(2, Duration.ofSeconds(10));
        rule.close();
        int seen = handler.received().size();
        TestFunction.sleep(600);

        assertThat(events.subList(0, 2)).extracting(e -> e.path("time").asText())
                .containsExactly("2026-01-05T00:05:00Z", "2026-01-05T00:10:00Z");
        assertThat(handler.received()).as("nothing after close").hasSize(seen);
    }

    @Test
    void aTimedInvocationThatFailsIsTriedThreeTimesInAll() {
        var handler = function();
        var rule = source(handler, "failing", "rate(1 minute)", "{\"say\": \"THROW\"}",
                new FastClock(Instant.parse("2026-01-05T00:00:00Z"), 60), List.of(Duration.ZERO, Duration.ZERO));

        rule.start();

        assertThat(handler.awaitReceived(3, Duration.ofSeconds(10))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void unsupportedExpressionsAndInputsAreRefusedWhenTheSourceIsMade() {
        var handler = function();

        assertThatThrownBy(() -> new ScheduleEventSource(handler.function(), "r", "cron(0 8 L * ? *)", null, REGION, ACCOUNT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cron(0 8 L * ? *)").hasMessageContaining("'L'");
        assertThatThrownBy(() -> new ScheduleEventSource(handler.function(), "r", "rate(1 hour)", "{not json", REGION, ACCOUNT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schedule rule r: Input is not JSON");
        assertThatThrownBy(() -> new ScheduleEventSource(handler.function(), "r", "rate(1 hour)", "{} {}", REGION, ACCOUNT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Input is not JSON");
    }

    private TestFunction function() {
        var f = TestFunction.load(dir.resolve("fn"), RecordingHandler.class);
        open.add(f);
        return f;
    }

    private ScheduleEventSource source(TestFunction f, String rule, String expression, String input, Clock clock, List<Duration> retries) {
        var source = new ScheduleEventSource(f.function(), rule, expression, input, REGION, ACCOUNT, clock, Duration.ofMillis(10), retries);
        open.add(source);
        return source;
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
