package vn.motcua.local.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.Log;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An EventBridge schedule rule invoking a function (the template's {@code Type: Schedule} event), locally:
 * at each fire time of the expression (UTC) the function gets the "Scheduled Event" JSON, or the rule's
 * {@code Input} as is, asynchronously (retried twice on error, as Lambda does; see {@link AsyncInvoker}).
 * A clock that checks every half second keeps the timer honest across a laptop's sleep: missed fire
 * times are not made up, as on AWS. {@link #fireNow()} invokes at once, synchronously, for scripts and tests.
 */
public final class ScheduleEventSource implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalFunction function;
    private final String ruleName;
    private final ScheduleExpression expression;
    private final byte[] input;
    private final String region;
    private final String accountId;
    private final Clock clock;
    private final Duration tick;
    private final AsyncInvoker invoker;
    private ScheduledExecutorService timer;
    private Instant start;
    private volatile Instant next;

    /**
     * @param inputJsonOrNull the rule's {@code Input}: sent instead of the Scheduled Event when given
     * @throws IllegalArgumentException if the expression is not one the local run can follow, or the input is not JSON
     */
    public ScheduleEventSource(LocalFunction function, String ruleName, String expression, String inputJsonOrNull,
                               String region, String accountId) {
        this(function, ruleName, expression, inputJsonOrNull, region, accountId, Clock.systemUTC(), Duration.ofMillis(500),
                AsyncInvoker.LOCAL_RETRY_DELAYS);
    }

    /** With a clock and a tick of one's own: tests run a rate(1 minute) schedule on a fast clock. */
    ScheduleEventSource(LocalFunction function, String ruleName, String expression, String inputJsonOrNull, String region,
                        String accountId, Clock clock, Duration tick, List<Duration> retryDelays) {
        this.function = Objects.requireNonNull(function, "function");
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
        this.expression = ScheduleExpression.parse(expression);
        this.input = inputJsonOrNull == null ? null : checkedJson(ruleName, inputJsonOrNull);
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = clock;
        this.tick = tick;
        this.invoker = new AsyncInvoker(function, "schedule:" + ruleName, retryDelays);
    }

    private static byte[] checkedJson(String ruleName, String input) {
        try {
            if (JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(input).isMissingNode()) {
                throw new IllegalArgumentException("schedule rule " + ruleName + ": Input is empty; leave it out to send the Scheduled Event");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schedule rule " + ruleName + ": Input is not JSON: " + e.getOriginalMessage());
        }
        return input.getBytes(StandardCharsets.UTF_8);
    }

    public ScheduleExpression expression() { return expression; }

    public String ruleArn() { return "arn:aws:events:" + region + ":" + accountId + ":rule/" + ruleName; }

    /** When the timer fires next; empty before {@link #start()} or when the expression has no more fire times. */
    public Optional<Instant> nextFireTime() { return Optional.ofNullable(next); }

    public synchronized void start() {
        if (timer != null) throw new IllegalStateException("schedule rule " + ruleName + " is already started");
        // EventBridge fires on whole minutes: a rate counts from the minute the rule began
        start = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        next = expression.next(start, clock.instant()).orElse(null);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schedule-" + ruleName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        Log.info("schedule.started").with("rule", ruleName).with("function", function.name())
                .with("expression", expression.toString()).with("next", next).write();
    }

    private void tick() {
        try {
            Instant due = next;
            Instant now = clock.instant();
            if (due == null || now.isBefore(due)) return;
            invoker.submit(ruleName + "@" + due, event(due));
            next = expression.next(start, now).orElse(null); // fire times missed while asleep are skipped
        } catch (RuntimeException e) {
            // an exception would silently end the timer: log it and keep ticking
            Log.error("schedule.tick.failed").with("rule", ruleName).error(e).write();
        }
    }

    /** Invokes the function now, synchronously, with the event the rule would send at this moment. */
    public byte[] fireNow() throws LocalFunction.InvocationFailure {
        return function.invoke(event(clock.instant()));
    }

    /** The rule's Input, or the Scheduled Event of EventBridge for a fire at {@code time}. */
    byte[] event(Instant time) {
        if (input != null) return input.clone();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", accountId);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(ruleArn());
        event.putObject("detail");
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
        invoker.close();
    }

    @Override
    public String toString() {
        return "ScheduleEventSource[" + ruleName + " " + expression + " -> " + function.name() + "]";
    }
}
