package vn.motcua.local.template;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validator on small templates: one valid, and each broken in one way, asserting that the
 * problem says what is wrong and where (file, line, path). What cfn-lint and the SAM transform check
 * (schemas, references, policy templates) is theirs: CfnLintTest, TransformedTemplateTest.
 */
class TemplateValidatorTest {

    @TempDir
    static Path project;
    static TemplateValidator validator;

    /** A small but complete system: a queue with its DLQ, a table, an API, and two functions. */
    static final String VALID = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage:
                Type: String
                Default: dev
              HideSeconds:
                Type: Number
                Default: 180
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Globals:
              Function:
                Runtime: java25
                Timeout: 20
                MemorySize: 512
                Environment:
                  Variables:
                    STAGE: !Ref Stage
            Resources:
              WorkQueue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub 'demo-${Stage}-work'
                  VisibilityTimeout: 120
                  DelaySeconds: !If [IsProd, 5, !Ref AWS::NoValue]
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt WorkDeadLetterQueue.Arn
                    maxReceiveCount: 5
              WorkDeadLetterQueue:
                Type: AWS::SQS::Queue
                Properties:
                  MessageRetentionPeriod: 1209600
              WorkDeadLetterAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/SQS
                  MetricName: ApproximateNumberOfMessagesVisible
                  Dimensions:
                    - Name: QueueName
                      Value: !GetAtt WorkDeadLetterQueue.QueueName
                  Statistic: Maximum
                  Period: 60
                  EvaluationPeriods: 1
                  Threshold: 1
                  ComparisonOperator: GreaterThanOrEqualToThreshold
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Join ['-', [demo, !Ref Stage]]
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - { AttributeName: pk, AttributeType: S }
                  KeySchema:
                    - { AttributeName: pk, KeyType: HASH }
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  CorsConfiguration:
                    AllowOrigins: [!Sub 'https://${Stage}.example.org']
              IntakeFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/demo/target/function.zip
                  Handler: demo.Intake::handle
                  Environment:
                    Variables:
                      WORK_QUEUE_URL: !Ref WorkQueue
                      TABLE: !Ref Table
                  Policies:
                    - SQSSendMessagePolicy:
                        QueueName: !GetAtt WorkQueue.QueueName
                    - DynamoDBCrudPolicy:
                        TableName: !Ref Table
                    - CloudWatchPutMetricPolicy: {}
                  Events:
                    Post:
                      Type: HttpApi
                      Properties:
                        ApiId: !Ref Api
                        Path: /work
                        Method: POST
              WorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/demo/target/function.zip
                  Handler: demo.Worker
                  Policies:
                    - Statement:
                        - Effect: Allow
                          Action: ['dynamodb:UpdateItem']
                          Resource: !GetAtt Table.Arn
                  Events:
                    Work:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt WorkQueue.Arn
                        BatchSize: 10
                        FunctionResponseTypes: [ReportBatchItemFailures]
            Outputs:
              ApiUrl:
                Value: !Sub 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}'
              WorkerRole:
                Value: !GetAtt WorkerFunctionRole.Arn
            """;

    static final Map<String, String> HANDLERS = Map.of(
            "demo/Intake.java", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import java.util.Map;
                    public class Intake {
                        public String handle(Map<String, Object> event, Context context) { return "ok"; }
                        void internal() {}
                    }
                    """,
            "demo/Worker.java", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import java.util.Map;
                    public class Worker implements RequestHandler<Map<String, Object>, String> {
                        @Override public String handleRequest(Map<String, Object> event, Context context) { return "done"; }
                    }
                    """);

    @BeforeAll
    static void buildArtifacts() throws IOException {
        FunctionArtifacts.zip(project.resolve("functions/demo/target/function.zip"), HANDLERS, List.of(FunctionArtifacts.lambdaCoreJar()));
        // the same classes without their dependency in lib/
        FunctionArtifacts.zip(project.resolve("functions/bare/target/function.zip"), HANDLERS, List.of());
        validator = new TemplateValidator(project);
    }

    static List<TemplateProblem> problems(String yaml) {
        return validator.validate(Template.parse(Path.of("template.yaml"), yaml));
    }

    static List<TemplateProblem> errors(String yaml) {
        return TemplateValidator.errors(problems(yaml));
    }

    /** {@code template.yaml:N (path)} where N is the line holding {@code text}. */
    static String at(String yaml, String text, String path) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) return "template.yaml:" + (i + 1) + " (" + path + ")";
        }
        throw new IllegalArgumentException("no line holds " + text);
    }

    static String replace(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    @Test
    void aValidTemplateHasNoErrors() {
        assertThat(errors(VALID)).isEmpty();
    }

    @Test
    void aValidTemplateNeedsNoNotesEither() {
        assertThat(problems(VALID)).isEmpty();
    }

    /**
     * One edit of VALID that makes exactly one error, where it is (the line holding {@code line}, the path) and
     * what it says: {@code what} whole, or its start ({@code ...} at the end) or a part ({@code ...} at both ends).
     */
    record OneError(String name, String from, String to, String line, String path, String what) {
        @Override public String toString() { return name; }

        void check() {
            String yaml = replace(VALID, from, to);
            assertThat(errors(yaml)).as(errors(yaml).toString()).singleElement().satisfies(p -> {
                if (path != null) assertThat(p.where()).isEqualTo(at(yaml, line, path));
                if (what.startsWith("...") && what.endsWith("...")) assertThat(p.what()).contains(what.substring(3, what.length() - 3));
                else if (what.endsWith("...")) assertThat(p.what()).startsWith(what.substring(0, what.length() - 3));
                else assertThat(p.what()).isEqualTo(what);
            });
        }
    }

    @Nested
    class Handlers {

        static Stream<OneError> handlerErrors() {
            String zip = "functions/demo/target/function.zip";
            return Stream.of(
                    new OneError("missing handler class", "Handler: demo.Intake::handle", "Handler: demo.Intak::handle",
                            "Handler: demo.Intak::handle", "Resources.IntakeFunction.Properties.Handler",
                            "Handler demo.Intak::handle: class demo.Intak is not there (no demo/Intak.class at the root of the zip) in " + zip),
                    new OneError("missing handler method", "Handler: demo.Intake::handle", "Handler: demo.Intake::handleRequest",
                            "Handler: demo.Intake::handleRequest", "Resources.IntakeFunction.Properties.Handler",
                            "Handler demo.Intake::handleRequest: class demo.Intake has no public method 'handleRequest' in " + zip),
                    new OneError("handler method that is not public", "Handler: demo.Intake::handle", "Handler: demo.Intake::internal",
                            null, null, "...class demo.Intake has a method 'internal' but it is not public..."),
                    new OneError("handler class without method must be a RequestHandler", "Handler: demo.Worker", "Handler: demo.Intake",
                            null, null, "...must implement RequestHandler or RequestStreamHandler..."),
                    new OneError("missing CodeUri artifact", "  CodeUri: functions/demo/target/function.zip\n      Handler: demo.Worker",
                            "  CodeUri: functions/worker/target/function.zip\n      Handler: demo.Worker",
                            "functions/worker/target/function.zip", "Resources.WorkerFunction.Properties.CodeUri",
                            "CodeUri functions/worker/target/function.zip does not exist (looked for ..."),
                    new OneError("a dependency missing from lib/", "  CodeUri: functions/demo/target/function.zip\n      Handler: demo.Worker",
                            "  CodeUri: functions/bare/target/function.zip\n      Handler: demo.Worker", null, null,
                            "Handler demo.Worker: class demo.Worker cannot be loaded: it needs com.amazonaws.services.lambda.runtime.RequestHandler,"
                                    + " which is neither in the zip nor in its lib/ jars in functions/bare/target/function.zip"),
                    new OneError("a function without Handler", "      Handler: demo.Worker\n", "", null, null,
                            "the function has no Handler (on it or in Globals.Function)"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("handlerErrors")
        void oneError(OneError error) {
            error.check();
        }

        @Test
        void theMissingArtifactSaysHowToBuildIt() {
            String yaml = replace(VALID, "  CodeUri: functions/demo/target/function.zip\n      Handler: demo.Worker",
                    "  CodeUri: functions/worker/target/function.zip\n      Handler: demo.Worker");
            assertThat(errors(yaml)).singleElement().satisfies(p -> assertThat(p.what()).endsWith("): run mvn package to build the function"));
        }

        @Test
        void globalsGiveTheRuntimeAndCodeUri() {
            String yaml = replace(VALID, "    Runtime: java25\n", "    Runtime: java25\n    CodeUri: functions/demo/target/function.zip\n");
            yaml = yaml.replace("      CodeUri: functions/demo/target/function.zip\n", "");
            assertThat(yaml).doesNotContain("      CodeUri:");
            assertThat(errors(yaml)).isEmpty();
            String wrong = replace(yaml, "    CodeUri: functions/demo/target/function.zip\n", "    CodeUri: functions/nothing.zip\n");
            assertThat(errors(wrong)).hasSize(2).allSatisfy(p ->
                    assertThat(p.where()).isEqualTo(at(wrong, "functions/nothing.zip", "Globals.Function.CodeUri")));
        }
    }

    @Nested
    class QueueRules {

        static final String DLQ_ALARM = """
                  WorkDeadLetterAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      Namespace: AWS/SQS
                      MetricName: ApproximateNumberOfMessagesVisible
                      Dimensions:
                        - Name: QueueName
                          Value: !GetAtt WorkDeadLetterQueue.QueueName
                      Statistic: Maximum
                      Period: 60
                      EvaluationPeriods: 1
                      Threshold: 1
                      ComparisonOperator: GreaterThanOrEqualToThreshold
                """;

        static Stream<OneError> queueErrors() {
            return Stream.of(
                    new OneError("a visibility timeout too short", "VisibilityTimeout: 120", "VisibilityTimeout: 60",
                            "VisibilityTimeout: 60", "Resources.WorkQueue.Properties.VisibilityTimeout",
                            "queue WorkQueue hides a message for 60 s, less than 6 x the Timeout of WorkerFunction"
                                    + " (20 s) = 120 s: a message could be handed out again while it is still being worked on"),
                    new OneError("the default visibility timeout counts too", "      VisibilityTimeout: 120\n", "", null, null,
                            "queue WorkQueue hides a message for 30 s (the default), less than 6 x..."),
                    new OneError("a function with a queue in its environment may not send to it",
                            "        - SQSSendMessagePolicy:\n            QueueName: !GetAtt WorkQueue.QueueName\n", "",
                            "WORK_QUEUE_URL", "Resources.IntakeFunction.Properties.Environment.Variables.WORK_QUEUE_URL",
                            "IntakeFunction has queue WorkQueue in WORK_QUEUE_URL but no permission to send to it:"
                                    + " add - SQSSendMessagePolicy: {QueueName: !GetAtt WorkQueue.QueueName}"),
                    new OneError("a queue name given as the queue's URL", "QueueName: !GetAtt WorkQueue.QueueName", "QueueName: !Ref WorkQueue",
                            "QueueName: !Ref WorkQueue", "Resources.IntakeFunction.Properties.Policies[0].SQSSendMessagePolicy.QueueName",
                            "QueueName wants the queue's name, but !Ref WorkQueue is its URL: use !GetAtt WorkQueue.QueueName"),
                    new OneError("a dead-letter queue without an alarm", DLQ_ALARM, "", "WorkDeadLetterQueue:", "Resources.WorkDeadLetterQueue",
                            "dead-letter queue WorkDeadLetterQueue has no alarm on its depth: add an AWS::CloudWatch::Alarm with Namespace AWS/SQS,"
                                    + " MetricName ApproximateNumberOfMessagesVisible and Dimensions [{Name: QueueName, Value: !GetAtt"
                                    + " WorkDeadLetterQueue.QueueName}], so a failed message is seen by someone"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("queueErrors")
        void oneError(OneError error) {
            error.check();
        }

        @Test
        void sqsEventWithoutPartialBatchFailures() {
            String yaml = replace(VALID, "            FunctionResponseTypes: [ReportBatchItemFailures]\n", "");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                // the event's Properties, the line above its Queue
                assertThat(p.where()).isEqualTo("template.yaml:" + (lineOf(yaml, "Queue: !GetAtt WorkQueue.Arn") - 1)
                        + " (Resources.WorkerFunction.Properties.Events.Work.Properties)");
                assertThat(p.what()).isEqualTo("SQS event Work of WorkerFunction must report partial batch failures:"
                        + " add FunctionResponseTypes: [ReportBatchItemFailures]");
            });
        }

        @Test
        void aQueueWithoutDeadLetterQueue() {
            String yaml = replace(VALID, "      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt WorkDeadLetterQueue.Arn\n"
                    + "        maxReceiveCount: 5\n", "");
            assertThat(errors(yaml)).extracting(TemplateProblem::what).containsExactlyInAnyOrder(
                    "queue WorkQueue has no dead-letter queue: give it a RedrivePolicy (deadLetterTargetArn: !GetAtt <DLQ>.Arn,"
                            + " maxReceiveCount: N), so a message that keeps failing ends somewhere instead of being retried until it expires",
                    "queue WorkDeadLetterQueue has no dead-letter queue: give it a RedrivePolicy (deadLetterTargetArn: !GetAtt <DLQ>.Arn,"
                            + " maxReceiveCount: N), so a message that keeps failing ends somewhere instead of being retried until it expires");
        }

        static final String FAILED_INVOCATIONS = replace(VALID, "Outputs:", """
                  Failed:
                    Type: AWS::SQS::Queue
                    Properties:
                      MessageRetentionPeriod: 1209600
                  FailedAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      Namespace: AWS/SQS
                      MetricName: ApproximateNumberOfMessagesVisible
                      Dimensions:
                        - Name: QueueName
                          Value: !GetAtt Failed.QueueName
                      Statistic: Maximum
                      Period: 60
                      EvaluationPeriods: 1
                      Threshold: 1
                      ComparisonOperator: GreaterThanOrEqualToThreshold
                  NightlyFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/demo/target/function.zip
                      Handler: demo.Worker
                      EventInvokeConfig:
                        MaximumRetryAttempts: 2
                        DestinationConfig:
                          OnFailure:
                            Type: SQS
                            Destination: !GetAtt Failed.Arn
                      Events:
                        Nightly:
                          Type: Schedule
                          Properties:
                            Schedule: cron(0 0 * * ? *)
                Outputs:""");

        @Test
        void anOnFailureDestinationNeedsAnAlarmButNoDeadLetterQueueOfItsOwn() {
            assertThat(problems(FAILED_INVOCATIONS)).isEmpty();
            String yaml = FAILED_INVOCATIONS.substring(0, FAILED_INVOCATIONS.indexOf("  FailedAlarm:"))
                    + FAILED_INVOCATIONS.substring(FAILED_INVOCATIONS.indexOf("  NightlyFunction:"));
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "  Failed:", "Resources.Failed"));
                assertThat(p.what()).startsWith("queue Failed receives the failed invocations of NightlyFunction but has no alarm on its depth:");
            });
        }
    }

    @Test
    void requireValidListsEveryErrorInOneMessage() {
        var template = Template.parse(Path.of("template.yaml"), replace(replace(VALID, "Handler: demo.Intake::handle", "Handler: demo.Intak::handle"),
                "VisibilityTimeout: 120", "VisibilityTimeout: 60"));
        assertThatThrownBy(() -> validator.requireValid(template))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template.yaml has 2 problems:\n  template.yaml:")
                .hasMessageContaining("class demo.Intak is not there")
                .hasMessageContaining("hides a message for 60 s");
    }

    static int lineOf(String yaml, String text) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].contains(text)) return i + 1;
        throw new IllegalArgumentException(text);
    }

    @Nested
    class S3Events {

        static final String WITH_BUCKET = replace(VALID, "Outputs:", """
                  Uploads:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub 'demo-${Stage}-uploads'
                  CheckFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/demo/target/function.zip
                      Handler: demo.Worker
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: ['s3:GetObject']
                              Resource: !Sub 'arn:aws:s3:::demo-${Stage}-uploads/in/*'
                      Events:
                        Uploaded:
                          Type: S3
                          Properties:
                            Bucket: !Ref Uploads
                            Events: s3:ObjectCreated:*
                Outputs:""");

        @Test
        void aFunctionThatNamesItsTriggerBucketBySubIsFine() {
            assertThat(errors(WITH_BUCKET)).isEmpty();
        }

        @Test
        void aFunctionThatRefersToItsTriggerBucketMakesACycle() {
            String yaml = replace(WITH_BUCKET, "Resource: !Sub 'arn:aws:s3:::demo-${Stage}-uploads/in/*'",
                    "Resource: !Sub '${Uploads.Arn}/in/*'");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "${Uploads.Arn}/in/*", "Resources.CheckFunction.Properties.Policies[0].Statement[0].Resource"));
                assertThat(p.what()).startsWith("CheckFunction refers to Uploads, whose notifications refer to CheckFunction");
            });
            String env = replace(WITH_BUCKET, "      Handler: demo.Worker\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: ['s3:GetObject']",
                    "      Handler: demo.Worker\n      Environment:\n        Variables:\n          BUCKET: !Ref Uploads\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: ['s3:GetObject']");
            assertThat(errors(env)).singleElement().satisfies(p -> assertThat(p.where()).contains("Environment.Variables.BUCKET"));
        }
    }
}
