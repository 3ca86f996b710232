package vn.motcua.local.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.local.stack.Provisioning.Outcome.CREATED;
import static vn.motcua.local.stack.Provisioning.Outcome.KEPT;

/** Stacks of their own: a data directory across restarts, and the ways starting can fail. */
class LocalAwsStackTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final Template TEMPLATE = Template.load(PROJECT.resolve("template.yaml"));

    @Test
    void aRestartOnTheSameDataDirectoryKeepsResourcesAndData(@TempDir Path data) {
        var options = LocalAwsStack.Options.inMemory().withDataDir(data);
        String routing;
        try (var stack = LocalAwsStack.start(options)) {
            var resources = stack.resources(TEMPLATE, TemplateResources.Naming.defaults());
            // every table, queue and bucket of the template (with each department's two queues, from Fn::ForEach)
            assertThat(Provisioning.createOn(stack, resources).with(CREATED)).hasSize(resources.creationOrder().size())
                    .extracting(Provisioning.Entry::logicalId).contains("DispatchQueuesongoaivu", "UndeliveredQueuesogiaoducdaotao");
            assertThat(stack.s3Versioning()).as("s3proxy's file store keeps no versions").isFalse();

            stack.dynamoDb().putItem(p -> p.tableName(resources.tableName("DossierTable"))
                    .item(Map.of("pk", AttributeValue.fromS("000.00.53.H48-200305-0001"))));
            stack.s3().putObject(p -> p.bucket(resources.bucketName("DocumentsBucket")).key("d/1.pdf"),
                    RequestBody.fromString("scan"));
            routing = resources.queueName("RoutingQueue");
            stack.sqs().sendMessage(m -> m.queueUrl(stack.queueUrl(routing)).messageBody("route 0001"));

            assertThatThrownBy(() -> LocalAwsStack.start(options))
                    .isInstanceOf(LocalStackException.class).hasMessageContaining("in use by another local stack");
        }

        try (var stack = LocalAwsStack.start(options)) {
            var resources = stack.resources(TEMPLATE, TemplateResources.Naming.defaults());
            var report = Provisioning.createOn(stack, resources);

            // moto keeps nothing across a restart: the staff pool, its client and groups are made again
            assertThat(report.with(KEPT)).hasSize(resources.creationOrder().size() - 4)
                    .noneMatch(e -> e.type().startsWith("AWS::Cognito::"));
            assertThat(report.with(Provisioning.Outcome.CREATED)).extracting(Provisioning.Entry::logicalId)
                    .containsExactlyInAnyOrder("StaffUserPool", "StaffUserPoolClient", "DeskStaffGroup", "OfficeStaffGroup");
            assertThat(stack.dynamoDb().getItem(g -> g.tableName(resources.tableName("DossierTable"))
                    .key(Map.of("pk", AttributeValue.fromS("000.00.53.H48-200305-0001")))).hasItem()).isTrue();
            assertThat(stack.dynamoDb().describeTable(d -> d.tableName(resources.tableName("DossierTable")))
                    .table().globalSecondaryIndexes()).extracting(i -> i.indexName())
                    .containsExactlyInAnyOrder("byAgencyState", "openByDue", "byReceivedMonth", "owedWork", // owedWork: the outbox (issue 16)
                            "byApplicantName", "byApplicantId", "byApplicantPhone"); // the desk's search (issue 17)
            assertThat(stack.s3().getObjectAsBytes(g -> g.bucket(resources.bucketName("DocumentsBucket")).key("d/1.pdf"))
                    .asUtf8String()).isEqualTo("scan");
            assertThat(stack.sqs().receiveMessage(r -> r.queueUrl(resources.queueUrl("RoutingQueue"))).messages())
                    .extracting(Message::body).containsExactly("route 0001");
        }
    }

    @Test
    void aDeadNodeProcessIsStartedAgainOnTheSamePortsAndData(@TempDir Path data) throws Exception {
        // issue 16: after a kill -9 and restart, the Node.js process (dynalite and SES) vanished and nothing noticed
        try (var stack = LocalAwsStack.start(LocalAwsStack.Options.inMemory().withDataDir(data))) {
            var resources = stack.resources(TEMPLATE, TemplateResources.Naming.defaults());
            Provisioning.createOn(stack, resources);
            String table = resources.tableName("DossierTable");
            stack.dynamoDb().putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS("000.00.53.H48-200305-0002"))));
            long first = stack.nodePid();

            ProcessHandle.of(first).orElseThrow().destroyForcibly(); // kill -9 of the emulator alone
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (stack.nodeRestarts() == 0 && System.nanoTime() < deadline) Thread.sleep(100);

            assertThat(stack.nodeRestarts()).as("restarts").isEqualTo(1);
            assertThat(stack.nodePid()).isNotEqualTo(first);
            assertThat(stack.dynamoDb().getItem(g -> g.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("000.00.53.H48-200305-0002")))).hasItem()).as("kept on disk").isTrue();
            assertThat(stack.sesMailbox()).isNotNull();
        }
    }

    @Test
    void missingNodeModulesSaysToRunNpmCi(@TempDir Path project) throws IOException {
        Files.createDirectories(project.resolve("infra/local"));
        Files.copy(PROJECT.resolve("infra").resolve(NodeServices.SCRIPT), project.resolve("infra").resolve(NodeServices.SCRIPT));

        assertThatThrownBy(() -> LocalAwsStack.start(LocalAwsStack.Options.inMemory().withProjectDir(project)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("node_modules")
                .hasMessageContaining("run `npm ci` in infra/");
    }

    @Test
    void missingNodeSaysWhatToInstall() {
        assertThatThrownBy(() -> LocalAwsStack.start(LocalAwsStack.Options.inMemory().withNode("/nonexistent/bin/node")))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Cannot run Node.js ('/nonexistent/bin/node')")
                .hasMessageContaining("Node.js 20");
    }

    @Test
    void aFixedPortInUseIsNamedBeforeAnythingStarts() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> LocalAwsStack.start(LocalAwsStack.Options.inMemory().withPorts(new Ports(0, port, 0, 0))))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessage("SQS: port " + port + " on 127.0.0.1 is already in use"
                            + " (another local stack still running? stop it, or choose other ports)");
        }
    }
}
