package vn.motcua.local.stack;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * For function tests: the sample events in {@code events/} and one invocation of a stream handler
 * with the bytes Lambda would send, so every test drives its handler through the real event shape.
 */
public final class LambdaEvents {

    private LambdaEvents() {}

    /** A sample event from {@code events/}, as a tree the test can change. */
    public static ObjectNode load(String file) {
        try {
            return (ObjectNode) Json.mapper().readTree(Files.readString(ProjectDirectory.find().resolve("events").resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes the handler with the event's JSON and returns its answer (no Lambda context, as in a unit test). */
    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event) {
        try {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
            return Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON body of an HTTP API answer. */
    public static JsonNode body(JsonNode answer) {
        try {
            return Json.mapper().readTree(answer.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
