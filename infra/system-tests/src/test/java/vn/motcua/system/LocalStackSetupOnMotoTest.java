package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.local.runner.FunctionSpec;
import vn.motcua.local.runner.LocalFunction;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalStackSetup;
import vn.motcua.local.stack.MotoServer;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.Provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LocalStack path, exercised without Docker: {@link LocalStackSetup} (what {@code infra/localstack/up.sh}
 * runs) against moto's server, which stands in for LocalStack (LocalStack serves DynamoDB, SQS, S3, SSM and
 * Cognito from moto's code), with ONE endpoint for every service ({@code AWS_ENDPOINT_URL}) and LocalStack's
 * account; then one dossier from intake to the routing queue: the intake function's deployment zip, its
 * environment from the template, every AWS call to that one endpoint. What this proves and what it does not:
 * infra/localstack/README.md.
 */
class LocalStackSetupOnMotoTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static MotoServer moto;
    private static LocalStackSetup.Result setup;

    @BeforeAll
    static void setUpOnMoto() {
        MotoServer.requiredByTest();
        moto = MotoServer.start(PROJECT.resolve("infra"), 0, Map.of("MOTO_ACCOUNT_ID", "000000000000"), Duration.ofSeconds(30));
        setup = LocalStackSetup.setUp(PROJECT, moto.endpoint(), true);
    }

    @AfterAll
    static void stop() {
        if (moto != null) moto.close();
    }

    @Test
    void theSetupCreatesEveryTableQueueBucketAndTheStaffPoolOnOneEndpoint() {
        var created = setup.report().with(Provisioning.Outcome.CREATED);
        assertThat(created).hasSize(setup.resources().creationOrder().size());
        assertThat(created).extracting(Provisioning.Entry::logicalId)
                .contains("DossierTable", "CatalogTable", "DocumentsBucket", "RoutingQueue", "RoutingDeadLetterQueue",
                        "DispatchQueuesongoaivu", "StaffUserPool", "StaffUserPoolClient", "DeskStaffGroup");
        assertThat(setup.seedVersion()).isNotBlank();
        assertThat(setup.secrets()).isEqualTo(4);
        // a second run keeps what is there, as up.sh run twice does
        var again = LocalStackSetup.setUp(PROJECT, moto.endpoint(), true);
        assertThat(again.report().with(Provisioning.Outcome.KEPT)).hasSize(setup.resources().creationOrder().size());
    }

    @Test
    void oneDossierGoesFromIntakeToTheRoutingQueue() throws Exception {
        var specs = FunctionSpec.read(setup.resources().template(), setup.resources(), PROJECT, setup.environment());
        var intake = specs.stream().filter(s -> s.logicalId().equals("IntakeFunction")).findFirst().orElseThrow();
        assertThat(intake.environment()).containsEntry("AWS_ENDPOINT_URL", moto.endpoint().toString())
                .doesNotContainKeys("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_S3");
        ObjectNode event = LambdaEvents.load("intake-post.json");
        JsonNode answer;
        try (var function = LocalFunction.load(intake.functionName(), intake.artifact(), intake.handler(), intake.environment(),
                intake.memoryMb(), intake.timeoutSeconds(), Files.createDirectories(work.resolve("functions")))) {
            answer = JSON.readTree(function.invoke(JSON.writeValueAsBytes(event)));
        }
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        String code = JSON.readTree(answer.path("body").asText()).path("code").asText();
        assertThat(code).matches("[0-9A-Z.]+-\\d{6}-\\d{4}");

        try (var sqs = AwsClients.newSqs(AwsSettings.from(setup.environment()))) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(setup.resources().queueUrl("RoutingQueue")).maxNumberOfMessages(10)
                    .waitTimeSeconds(5)).messages();
            assertThat(messages).as("the routing job of " + code).anySatisfy(m -> assertThat(m.body()).contains(code));
        }
        try (var dynamo = AwsClients.newDynamoDb(AwsSettings.from(setup.environment()))) {
            assertThat(dynamo.scan(s -> s.tableName(setup.resources().tableName("DossierTable"))).items())
                    .anySatisfy(item -> assertThat(item.toString()).contains(code));
        }
    }
}
