package vn.motcua.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.schemas.JsonSchemas;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The schema files themselves: valid schemas, documented, their examples valid, in step with the code. */
class SchemasTest {

    @Test
    void every_schema_is_a_valid_draft_2020_12_schema() {
        var meta = JsonSchemas.factory().getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), JsonSchemas.CONFIG);
        var files = Samples.files(Samples.schemas(), ".schema.json");
        assertThat(files).hasSize(Contract.values().length + 1); // + common.schema.json
        for (Path file : files) {
            assertThat(meta.validate(Samples.json(file))).as(file.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void every_contract_has_its_published_schema_with_title_description_id_and_examples() {
        for (Contract c : Contract.values()) {
            JsonNode schema = Samples.json(Samples.schemas().resolve(c.fileName()));
            assertThat(schema.path("$id").asText()).isEqualTo(c.id());
            assertThat(schema.path("title").asText()).isEqualTo(c.title());
            assertThat(schema.path("description").asText()).as(c.title()).hasSizeGreaterThan(80);
            assertThat(schema.path("additionalProperties").asBoolean(true)).as(c.title() + " refuses unknown fields").isFalse();
            assertThat(schema.path("examples").size()).as(c.title()).isPositive();
            assertThat(JsonSchemas.class.getResource("/" + c.resource())).as("packaged " + c.resource()).isNotNull();
        }
    }

    @Test
    void each_schema_example_validates_and_parses() {
        for (Contract c : Contract.values()) {
            for (JsonNode example : Samples.json(Samples.schemas().resolve(c.fileName())).path("examples")) {
                assertThatCode(() -> Samples.parse(c, example)).as(c.title() + " example " + example).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void the_shared_definitions_examples_validate() {
        JsonNode defs = Samples.json(Samples.schemas().resolve("common.schema.json")).path("$defs");
        defs.fields().forEachRemaining(def -> {
            var schema = JsonSchemas.factory().getSchema(
                    SchemaLocation.of(Contract.BASE + "common.schema.json#/$defs/" + def.getKey()), JsonSchemas.CONFIG);
            assertThat(def.getValue().path("examples").size()).as(def.getKey()).isPositive();
            def.getValue().path("examples").forEach(example ->
                    assertThat(schema.validate(example)).as(def.getKey() + " " + example).isEmpty());
        });
    }

    @Test
    void the_schema_dossier_code_is_the_domain_dossier_code() {
        String pattern = Samples.json(Samples.schemas().resolve("common.schema.json")).at("/$defs/dossierCode/pattern").asText();
        // the same expression, without the groups the Java side uses to take the code apart
        assertThat(pattern).isEqualTo("^" + DossierCode.FORMAT.pattern().replaceAll("[()]", "") + "$");
    }

    @Test
    void the_schema_identifier_is_the_java_identifier() {
        var def = JsonSchemas.factory().getSchema(SchemaLocation.of(Contract.BASE + "common.schema.json#/$defs/id"), JsonSchemas.CONFIG);
        for (String id : new String[] {"a", "route-000.00.92.H48-200302-0007-received", "department:so-x:42", "A_b.c",
                "x".repeat(200), "x".repeat(201), "-x", ".x", "x y", "", "ý", "a/b"}) {
            boolean schemaSays = def.validate(com.fasterxml.jackson.databind.node.TextNode.valueOf(id)).isEmpty();
            assertThat(Wire.ID.matcher(id).matches()).as(id).isEqualTo(schemaSays);
        }
    }

    @Test
    void schemas_are_loaded_once_per_contract() throws BadInput {
        Contract.ROUTING_JOB.preload();
        var first = ContractSchemas.schema(Contract.ROUTING_JOB);
        RoutingJob.parse(Samples.read(Samples.events().resolve("messages/routing-job.json")));
        assertThat(ContractSchemas.schema(Contract.ROUTING_JOB)).isSameAs(first);
        assertThat(Arrays.stream(Contract.values()).map(ContractSchemas::schema).distinct()).hasSize(Contract.values().length);
    }
}
