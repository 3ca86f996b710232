package vn.motcua.local.runner;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.joda.time.DateTime;
import vn.motcua.local.runner.handlers.RecordingHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A test handler as a deployed function: a directory laid out like the zip (the handlers' classes from
 * target/test-classes at the root, Jackson and aws-lambda-java-events in lib/), loaded by
 * {@link LocalFunction}, and what the handler recorded of the events it got.
 */
final class TestFunction implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLERS = "vn/motcua/local/runner/handlers";

    private final Path root;
    private final LocalFunction function;

    private TestFunction(Path root, LocalFunction function) {
        this.root = root;
        this.function = function;
    }

    static TestFunction load(Path dir, Class<?> handler) {
        return load(dir, handler, 10);
    }

    static TestFunction load(Path dir, Class<?> handler, int timeoutSeconds) {
        try {
            Path root = Files.createDirectories(dir.resolve("artifact"));
            Path classes = location(RecordingHandler.class);
            try (Stream<Path> files = Files.walk(classes.resolve(HANDLERS))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = root.resolve(classes.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
            Path lib = Files.createDirectories(root.resolve("lib"));
            for (Class<?> type : List.of(ObjectMapper.class, JsonParser.class, JsonProperty.class, SQSEvent.class, DateTime.class)) {
                Path jar = location(type);
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
            String name = handler.getSimpleName();
            var function = LocalFunction.load(name, root, handler.getName() + "::handleRequest", Map.of(), 256, timeoutSeconds,
                    dir.resolve("unpacked"));
            return new TestFunction(root, function);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    LocalFunction function() { return function; }

    /** The events the handler got so far, oldest first. */
    List<JsonNode> received() {
        Path dir = root.resolve("received");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            var result = new ArrayList<JsonNode>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                result.add(JSON.readTree(file.toFile()));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code index}th event (from 0) exactly as the handler got it. */
    String receivedText(int index) {
        try {
            return Files.readString(root.resolve("received").resolve(String.format("%04d.json", index + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the events received satisfy {@code done}; fails with what was received if they do not in time. */
    List<JsonNode> awaitReceived(Predicate<List<JsonNode>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var events = received();
            if (done.test(events)) return events;
            if (System.nanoTime() > deadline) throw new AssertionError("not received in " + timeout + "; got " + events);
            sleep(25);
        }
    }

    List<JsonNode> awaitReceived(int count, Duration timeout) {
        return awaitReceived(events -> events.size() >= count, timeout);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        function.close();
    }
}
