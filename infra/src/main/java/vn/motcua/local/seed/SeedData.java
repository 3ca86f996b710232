package vn.motcua.local.seed;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.store.ReferenceData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The operator's data files under {@code infra/seed/}: {@code catalog/agencies.json},
 * {@code catalog/procedures.json} and {@code calendar/<year>.json}. Read as text and handed to
 * {@link ReferenceData#publish}, which validates all of them before writing any.
 */
public record SeedData(Map<String, String> catalogFiles, Map<String, String> calendarFiles) {

    public static SeedData read(Path seedDir) {
        return new SeedData(jsonFiles(seedDir.resolve("catalog")), jsonFiles(seedDir.resolve("calendar")));
    }

    /**
     * The same data with every agency's {@code callback.url} pointing at {@code base}:
     * {@code <base>/agencies/<agencyId>/dossiers}. The local run and the tests deliver callbacks to the
     * department simulator (or a test's own server) instead of the departments' real endpoints.
     */
    public SeedData withCallbackBase(java.net.URI base) {
        String prefix = base.toString().replaceAll("/+$", "");
        var files = new TreeMap<>(catalogFiles);
        String agencies = files.get(AGENCIES);
        if (agencies == null) throw new IllegalArgumentException("the seed has no catalog/" + AGENCIES);
        try {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) vn.motcua.edge.Json.mapper().readTree(agencies);
            for (var agency : root.path("agencies")) {
                if (agency.path("callback").isObject()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) agency.get("callback"))
                            .put("url", prefix + "/agencies/" + agency.path("id").asText() + "/dossiers");
                }
            }
            files.put(AGENCIES, vn.motcua.edge.Json.write(root));
        } catch (IOException e) {
            throw new UncheckedIOException("catalog/" + AGENCIES + " is not JSON", e);
        }
        return new SeedData(files, calendarFiles);
    }

    static final String AGENCIES = "agencies.json";

    /** The catalog these files make (validated as publishing validates it). */
    public vn.motcua.domain.catalog.Catalog catalog() {
        return vn.motcua.reference.CatalogFiles.read(catalogFiles);
    }

    /** Validates and publishes; returns the published version. */
    public String publish(DynamoDbClient dynamoDb, String catalogTable) {
        return new ReferenceData(dynamoDb, catalogTable, Duration.ZERO, Clock.systemUTC()).publish(catalogFiles, calendarFiles);
    }

    private static Map<String, String> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("seed folder " + dir + " does not exist");
        var files = new TreeMap<String, String>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed folder " + dir, e);
        }
        return files;
    }
}
