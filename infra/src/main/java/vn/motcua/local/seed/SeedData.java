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
