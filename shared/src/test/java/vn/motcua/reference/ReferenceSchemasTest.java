package vn.motcua.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.edge.Json;
import vn.motcua.schemas.JsonSchemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas of the operator's files, and what reading them costs a function. */
class ReferenceSchemasTest {

    @ParameterizedTest
    @ValueSource(strings = {"agencies", "procedures", "holiday-year", "desk", "legal-bases"})
    void each_schema_is_a_valid_draft_2020_12_schema_documented_and_packaged(String name) throws IOException {
        String resource = "reference/" + name + ".schema.json";
        JsonNode schema;
        try (var in = JsonSchemas.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as("packaged " + resource).isNotNull();
            schema = Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        var meta = JsonSchemas.factory().getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), JsonSchemas.CONFIG);
        assertThat(meta.validate(schema)).as(name).isEmpty();
        assertThat(schema.path("$id").asText()).isEqualTo(JsonSchemas.BASE + resource);
        assertThat(schema.path("description").asText()).as(name).contains("infra/seed/").hasSizeGreaterThan(80);
        assertThat(schema.path("additionalProperties").asBoolean(true)).as(name + " refuses unknown keys").isFalse();
        assertThat(JsonSchemas.load(resource)).isNotNull(); // every $ref resolves
    }

    /**
     * What the functions run: the stored copy read without the schema validator and without the
     * ObjectMapper (a function's zip carries neither for this), in a fresh JVM.
     */
    @Test
    void reading_the_stored_copy_loads_neither_the_schema_validator_nor_the_object_mapper() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path seed = Path.of(System.getProperty("motcua.project.dir", "..")).resolve("infra").resolve("seed");
        var command = List.of(java.toString(), "-Xshare:auto", "-Xlog:class+load=info", "-cp", classPath,
                ReadStoredCopy.class.getName(), seed.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("READ 4 agencies, years [2020, 2026, 2027]").contains("com.fasterxml.jackson.jr.ob.JSON ");
        assertThat(output).doesNotContain("com.networknt.")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectReader ");
    }

    /** Run by {@link #reading_the_stored_copy_loads_neither_the_schema_validator_nor_the_object_mapper} in its own JVM. */
    public static final class ReadStoredCopy {
        public static void main(String[] args) throws IOException {
            Path seed = Path.of(args[0]);
            var catalog = CatalogFiles.read(Files.readString(seed.resolve("catalog/agencies.json")),
                    Files.readString(seed.resolve("catalog/procedures.json")));
            var calendar = HolidayTables.read(java.util.Map.of(
                    "2020.json", Files.readString(seed.resolve("calendar/2020.json")),
                    "2026.json", Files.readString(seed.resolve("calendar/2026.json")),
                    "2027.json", Files.readString(seed.resolve("calendar/2027.json"))));
            System.out.println("READ " + catalog.agencies().size() + " agencies, years " + calendar.loadedYears());
        }
    }
}
