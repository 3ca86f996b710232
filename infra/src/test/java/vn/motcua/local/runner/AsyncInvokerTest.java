package vn.motcua.local.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.runner.handlers.RecordingHandler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncInvokerTest {

    @TempDir
    Path dir;

    @Test
    void eventsArriveInOrderAndAFailingOneIsTriedThreeTimesBeforeTheNext() {
        try (var f = TestFunction.load(dir, RecordingHandler.class);
             var invoker = new AsyncInvoker(f.function(), "test", List.of(Duration.ZERO, Duration.ofMillis(50)))) {
            invoker.submit("a", "{\"n\": 1}".getBytes(StandardCharsets.UTF_8));
            invoker.submit("b", "{\"n\": 2, \"say\": \"THROW\"}".getBytes(StandardCharsets.UTF_8));
            invoker.submit("c", "{\"n\": 3}".getBytes(StandardCharsets.UTF_8));

            var events = f.awaitReceived(5, Duration.ofSeconds(10));

            assertThat(events).extracting(e -> e.path("n").asInt()).containsExactly(1, 2, 2, 2, 3);
        }
    }

    @Test
    void afterCloseNothingIsDelivered() {
        try (var f = TestFunction.load(dir, RecordingHandler.class)) {
            var invoker = new AsyncInvoker(f.function(), "test", List.of());
            invoker.close();
            invoker.submit("late", "{}".getBytes(StandardCharsets.UTF_8));
            TestFunction.sleep(100);

            assertThat(f.received()).isEmpty();
        }
    }
}
