package vn.motcua.local.stack;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateException;
import vn.motcua.local.template.TemplateResources;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.local.stack.Provisioning.Outcome.CREATED;
import static vn.motcua.local.stack.Provisioning.Outcome.KEPT;
import static vn.motcua.local.stack.Provisioning.Outcome.NOT_LOCAL;

class TemplateResourcesTest {

    private static final URI SQS = URI.create("http://127.0.0.1:9324");

    private static TemplateResources resources(String yaml, TemplateResources.Naming naming) {
        return new TemplateResources(Template.parse(Path.of("template.yaml"), yaml), "ap-southeast-1", "000000000000", SQS, naming);
    }

    private static final String TEMPLATE = """
            Parameters:
              Stage: { Type: String, Default: dev }
              Secret: { Type: String }
            Globals:
              Function:
                Environment:
                  Variables:
                    STAGE: !Ref Stage
                    TABLE: !Ref Table
                    DROPPED: x
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub 'app-${Stage}-items'
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub '${AWS::StackName}-jobs'
              Bucket:
                Type: AWS::S3::Bucket
              Pool:
                Type: AWS::Cognito::UserPool
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      QUEUE_URL: !Ref Queue
                      QUEUE_ARN: !GetAtt Queue.Arn
                      BUCKET_ARN: !Sub '${Bucket.Arn}/*'
                      WHERE: !Sub 'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${!Literal}'
                      JOINED: !Join ['-', [a, !Ref Stage, c]]
                      POOL: !Ref Pool
                      DROPPED: !Ref AWS::NoValue
              Broken:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Ref Nowhere
            """;

    @Test
    void physicalNamesComeFromTheTemplateWithThePrefix() {
        var r = resources(TEMPLATE, TemplateResources.Naming.defaults().withPrefix("t7-"));

        assertThat(r.tableName("Table")).isEqualTo("t7-app-dev-items");
        assertThat(r.queueUrl("Queue")).isEqualTo("http://127.0.0.1:9324/000000000000/t7-motcua-local-jobs");
        assertThat(r.bucketName("Bucket")).as("no BucketName: made up, lower case").isEqualTo("t7-motcua-local-bucket");
    }

    @Test
    void parametersTakeTheirDefaultUnlessOverridden() {
        var naming = TemplateResources.Naming.defaults().withParameter("Stage", "pilot");

        assertThat(resources(TEMPLATE, naming).tableName("Table")).isEqualTo("app-pilot-items");
        assertThatThrownBy(() -> resources(TEMPLATE, TemplateResources.Naming.defaults()).parameter("Secret"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Secret").hasMessageContaining("no Default");
        assertThatThrownBy(() -> resources(TEMPLATE, TemplateResources.Naming.defaults().withParameter("Stag", "x")))
                .hasMessageContaining("no parameter Stag");
    }

    @Test
    void aFunctionsEnvironmentIsTheGlobalsThenItsOwnResolved() {
        var env = resources(TEMPLATE, TemplateResources.Naming.defaults()).functionEnvironment("Fn");

        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of(
                "STAGE", "dev",
                "TABLE", "app-dev-items",
                "QUEUE_URL", "http://127.0.0.1:9324/000000000000/motcua-local-jobs",
                "QUEUE_ARN", "arn:aws:sqs:ap-southeast-1:000000000000:motcua-local-jobs",
                "BUCKET_ARN", "arn:aws:s3:::motcua-local-bucket/*",
                "WHERE", "arn:aws:x:ap-southeast-1:000000000000:${Literal}",
                "JOINED", "a-dev-c",
                "POOL", "motcua-local-Pool"));
    }

    @Test
    void anUnknownNameIsReportedWithItsLine() {
        var r = resources(TEMPLATE, TemplateResources.Naming.defaults());

        assertThatThrownBy(() -> r.queueUrl("Broken"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("template.yaml:39")
                .hasMessageContaining("Resources.Broken.Properties.QueueName")
                .hasMessageContaining("Nowhere");
        assertThatThrownBy(() -> r.attribute("Pool", "Nothing"))
                .hasMessageContaining("Pool.Nothing").hasMessageContaining("AWS::Cognito::UserPool");
        assertThatThrownBy(() -> r.tableName("Queue")).hasMessageContaining("not an AWS::DynamoDB::Table");
    }

    @Test
    void aPrefixMustSuitABucketName() {
        assertThatThrownBy(() -> TemplateResources.Naming.defaults().withPrefix("Test_"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower case");
    }

    @Test
    void theProjectTemplateResolvesForTheCatalogFunction() {
        var template = Template.load(ProjectDirectory.find().resolve("template.yaml"));
        var r = new TemplateResources(template, "ap-southeast-1", "000000000000", SQS, TemplateResources.Naming.defaults());

        assertThat(r.functionEnvironment("CatalogFunction"))
                .containsEntry("STAGE", "dev")
                .containsEntry("CATALOG_TABLE", "motcua-dev-catalog");
        assertThat(r.bucketName("DocumentsBucket")).isEqualTo("motcua-dev-documents-000000000000");
        assertThat(r.creationOrder()).extracting(Template.Resource::name)
                .as("a queue after its dead-letter queue")
                .containsSubsequence("RoutingDeadLetterQueue", "RoutingQueue")
                .containsSubsequence("NotificationDeadLetterQueue", "NotificationQueue");
    }

    /** Creation against the stack, with a template of its own (FIFO queue, LSI, provisioned table). */
    @Nested
    @LocalAws
    class OnTheStack {

        private static final String CREATABLE = """
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: orders
                      AttributeDefinitions:
                        - { AttributeName: pk, AttributeType: S }
                        - { AttributeName: sk, AttributeType: S }
                        - { AttributeName: placed, AttributeType: N }
                      KeySchema:
                        - { AttributeName: pk, KeyType: HASH }
                        - { AttributeName: sk, KeyType: RANGE }
                      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 }
                      LocalSecondaryIndexes:
                        - IndexName: byPlaced
                          KeySchema:
                            - { AttributeName: pk, KeyType: HASH }
                            - { AttributeName: placed, KeyType: RANGE }
                          Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [total] }
                      StreamSpecification: { StreamViewType: NEW_IMAGE }
                  Jobs:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: jobs.fifo
                      FifoQueue: true
                      ContentBasedDeduplication: true
                      DelaySeconds: 1
                      ReceiveMessageWaitTimeSeconds: 2
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                """;

        @Test
        void createsWhatItCanAndListsTheRest(TestStack aws) {
            var r = new TemplateResources(Template.parse(Path.of("template.yaml"), CREATABLE), aws.stack().region(),
                    aws.stack().accountId(), aws.stack().sqsEndpoint(), TemplateResources.Naming.defaults().withPrefix(aws.namePrefix() + "own-"));

            var first = Provisioning.createOn(aws.stack(), r);

            assertThat(first.with(CREATED)).extracting(Provisioning.Entry::logicalId).containsExactly("Orders", "Jobs");
            assertThat(first.with(NOT_LOCAL)).extracting(Provisioning.Entry::logicalId).containsExactly("Alarm");
            assertThat(first.entries().get(0).note()).contains("no streams");

            var table = aws.dynamoDb().describeTable(b -> b.tableName(r.tableName("Orders"))).table();
            assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(2);
            assertThat(table.localSecondaryIndexes()).singleElement().satisfies((LocalSecondaryIndexDescription lsi) -> {
                assertThat(lsi.indexName()).isEqualTo("byPlaced");
                assertThat(lsi.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
                assertThat(lsi.projection().nonKeyAttributes()).containsExactly("total");
            });
            var queue = aws.sqs().getQueueAttributes(b -> b.queueUrl(r.queueUrl("Jobs")).attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(queue).containsEntry(QueueAttributeName.DELAY_SECONDS, "1")
                    .containsEntry(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "2")
                    .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");

            var second = Provisioning.createOn(aws.stack(), r);
            assertThat(second.with(KEPT)).extracting(Provisioning.Entry::logicalId).containsExactly("Orders", "Jobs");
        }

        @Test
        void theClassCopyOfTheProjectTemplateWasCreatedOnce(TestStack aws) {
            assertThat(aws.report().with(CREATED)).extracting(Provisioning.Entry::logicalId)
                    .contains("DossierTable", "CatalogTable", "DocumentsBucket", "RoutingQueue",
                            "RoutingDeadLetterQueue", "NotificationQueue", "NotificationDeadLetterQueue",
                            "DispatchQueuesokhoahoccongnghe", "UndeliveredQueuesokhoahoccongnghe",
                            "DepartmentUpdatesQueue", "DepartmentUpdatesDeadLetterQueue")
                    .hasSize(aws.resources().creationOrder().size());
            assertThat(aws.report().with(NOT_LOCAL)).extracting(Provisioning.Entry::logicalId)
                    .contains("CatalogFunction", "DeskApi", "DocumentsBucketPolicy");
            // the staff pool in the local Cognito (moto), its id the one moto gave it
            assertThat(aws.report().with(CREATED)).extracting(Provisioning.Entry::logicalId)
                    .contains("StaffUserPool", "StaffUserPoolClient", "DeskStaffGroup", "OfficeStaffGroup");
            assertThat(aws.resources().physicalId("StaffUserPool")).startsWith("ap-southeast-1_");
            assertThat(List.of(aws.table("DossierTable"), aws.queueUrl("RoutingQueue"), aws.bucket("DocumentsBucket")))
                    .allSatisfy(name -> assertThat(name).contains(aws.namePrefix()));
        }
    }
}
