package vn.motcua.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: the files in events/ and the schemas in resources, and each contract's parse and toJson. */
final class Samples {

    private Samples() {}

    static Path root() { return Path.of(System.getProperty("motcua.project.dir", "..")); }

    static Path events() { return root().resolve("events"); }

    static Path schemas() { return root().resolve("shared/src/main/resources/contracts"); }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(Path file) {
        try {
            return (ObjectNode) Json.mapper().readTree(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode message(String name) { return json(events().resolve("messages").resolve(name)); }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract a sample in events/messages belongs to: the longest schema name its file name starts with. */
    static Contract contractOf(Path sample) {
        String name = sample.getFileName().toString();
        return Arrays.stream(Contract.values())
                .filter(c -> name.startsWith(c.fileName().replace(".schema.json", "")))
                .max(Comparator.comparingInt(c -> c.fileName().length()))
                .orElseThrow(() -> new AssertionError("no contract for " + name));
    }

    static Object parse(Contract contract, String json) throws BadInput {
        return switch (contract) {
            case ROUTING_JOB -> RoutingJob.parse(json);
            case DEPARTMENT_DISPATCH -> DepartmentDispatch.parse(json);
            case DEPARTMENT_CALLBACK -> DepartmentCallback.parse(json);
            case DEPARTMENT_UPDATE -> DepartmentUpdate.parse(json);
            case NOTIFICATION_JOB -> NotificationJob.parse(json);
        };
    }

    static String toJson(Object message) {
        if (message instanceof RoutingJob m) return m.toJson();
        if (message instanceof DepartmentDispatch m) return m.toJson();
        if (message instanceof DepartmentCallback m) return m.toJson();
        if (message instanceof DepartmentUpdate m) return m.toJson();
        if (message instanceof NotificationJob m) return m.toJson();
        throw new AssertionError(message);
    }

    static Object parse(Contract contract, JsonNode json) throws BadInput { return parse(contract, Json.write(json)); }
}
