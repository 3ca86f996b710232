package vn.motcua.functions.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vn.motcua.edge.Json;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;
import vn.motcua.store.ReferenceData;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /catalog through its real event, against the catalog table on dynalite. */
@LocalAws
class CatalogHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();

    private final TestStack aws;

    CatalogHandlerTest(TestStack aws) {
        this.aws = aws;
    }

    private CatalogHandler handler() {
        return new CatalogHandler(new ReferenceData(aws.dynamoDb(), aws.table("CatalogTable"), Duration.ZERO, Clock.systemUTC())::current);
    }

    private static ObjectNode event() throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(PROJECT.resolve("events/catalog-list.json")));
    }

    private static JsonNode invoke(CatalogHandler handler, JsonNode event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void lists_the_four_departments_with_their_procedures_and_checklists() throws IOException {
        // No reference data yet: a failing dependency is an honest 500, not an empty catalog.
        assertThat(invoke(handler(), event()).path("statusCode").asInt()).isEqualTo(500);

        SeedData.read(PROJECT.resolve("infra/seed")).publish(aws.dynamoDb(), aws.table("CatalogTable"));
        JsonNode answer = invoke(handler(), event());

        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(answer.path("body").asText());
        assertThat(body.path("agencies")).hasSize(4);
        JsonNode first = body.path("agencies").get(0);
        assertThat(first.path("nameVi").asText()).startsWith("Sở ");
        assertThat(first.path("procedures")).hasSizeGreaterThanOrEqualTo(3);
        JsonNode procedure = first.path("procedures").get(0);
        assertThat(procedure.path("timeLimit").path("text").asText()).isNotBlank();
        assertThat(procedure.path("documents")).isNotEmpty();
        assertThat(body.toString()).doesNotContain("callback", "signingSecret");
    }

    @Test
    void without_a_signed_in_staff_member_it_is_401() throws IOException {
        ObjectNode event = event();
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        assertThat(invoke(handler(), event).path("statusCode").asInt()).isEqualTo(401);
    }

    /** Issue 16, finding 5: a signed-in token with no group read the catalog. */
    @Test
    void a_token_without_a_staff_group_is_403() throws IOException {
        ObjectNode event = event();
        ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims")).remove("cognito:groups");
        assertThat(invoke(handler(), event).path("statusCode").asInt()).isEqualTo(403);
        ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims")).put("cognito:groups", "[readonly,office]");
        assertThat(invoke(handler(), event).path("statusCode").asInt()).isEqualTo(403);
    }
}
