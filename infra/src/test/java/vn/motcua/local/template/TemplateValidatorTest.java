package vn.motcua.local.template;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validator on small templates: one valid, and each broken in one way, asserting that the
 * problem says what is wrong and where (file, line, path).
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
                Runtime: java17
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
        validator = new TemplateValidator(SchemasFolder.requiredByTest(), project);
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

    @Nested
    class Schemas {

        @Test
        void unknownPropertyOnAResource() {
            String yaml = replace(VALID, "VisibilityTimeout: 120", "VisibilityTimeout: 120\n      VisiblityTimeout: 5");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "VisiblityTimeout: 5", "Resources.WorkQueue.Properties.VisiblityTimeout"));
                assertThat(p.what()).isEqualTo("unknown property 'VisiblityTimeout' (did you mean 'VisibilityTimeout'?)");
            });
        }

        @Test
        void unknownPropertyOnASamFunction() {
            String yaml = replace(VALID, "      Handler: demo.Worker", "      Handler: demo.Worker\n      Handlr: x");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "Handlr: x", "Resources.WorkerFunction.Properties.Handlr"));
                assertThat(p.what()).startsWith("unknown property 'Handlr'");
            });
        }

        @Test
        void unknownPropertyInsideAnEvent() {
            String yaml = replace(VALID, "BatchSize: 10", "BatchSize: 10\n            BatchSise: 10");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "BatchSise", "Resources.WorkerFunction.Properties.Events.Work.Properties.BatchSise"));
                assertThat(p.what()).isEqualTo("unknown property 'BatchSise' (did you mean 'BatchSize'?)");
            });
        }

        @Test
        void wrongType() {
            String yaml = replace(VALID, "VisibilityTimeout: 120", "VisibilityTimeout: [120]");
            assertThat(errors(yaml)).anySatisfy(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "VisibilityTimeout: [120]", "Resources.WorkQueue.Properties.VisibilityTimeout"));
                assertThat(p.what()).isEqualTo("must be a whole number, not a list");
            });
        }

        @Test
        void wrongTypeOfAPropertySamPassesToLambda() {
            String yaml = replace(VALID, "MemorySize: 512", "MemorySize: lots");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "MemorySize: lots", "Globals.Function.MemorySize"));
                assertThat(p.what()).isEqualTo("must be a whole number, not a string (found 'lots')");
            });
        }

        @Test
        void numbersWrittenAsStringsAreAcceptedAsCloudFormationDoes() {
            assertThat(errors(replace(VALID, "maxReceiveCount: 5", "maxReceiveCount: '5'"))).isEmpty();
        }

        @Test
        void outOfRange() {
            String yaml = replace(VALID, "MessageRetentionPeriod: 1209600", "MessageRetentionPeriod: 30");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "MessageRetentionPeriod: 30", "Resources.WorkDeadLetterQueue.Properties.MessageRetentionPeriod"));
                assertThat(p.what()).isEqualTo("must be at least 60 (found 30)");
            });
        }

        @Test
        void missingRequiredProperty() {
            String yaml = replace(VALID, "        - { AttributeName: pk, KeyType: HASH }", "        - { AttributeName: pk }");
            assertThat(errors(yaml)).as(errors(yaml).toString()).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "- { AttributeName: pk }", "Resources.Table.Properties.KeySchema[0]"));
                assertThat(p.what()).isEqualTo("missing required property 'KeyType'");
            });
        }

        @Test
        void unknownEventType() {
            String yaml = replace(VALID, "Type: SQS", "Type: Sqs");
            assertThat(errors(yaml)).anySatisfy(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "Type: Sqs", "Resources.WorkerFunction.Properties.Events.Work.Type"));
                assertThat(p.what()).startsWith("must be one of S3, SNS, Kinesis").contains("SQS").endsWith("(found 'Sqs')");
            });
        }

        @Test
        void unknownPropertyInsideOneOfSeveralForms() {
            // an authorizer may be a JWT, Lambda or IAM one (anyOf): only the closest form's complaint is told
            String yaml = replace(VALID, "        AllowOrigins: [!Sub 'https://${Stage}.example.org']\n", """
                        AllowOrigins: [!Sub 'https://${Stage}.example.org']
                      Auth:
                        Authorizers:
                          Staff:
                            IdentitySource: '$request.header.Authorization'
                            JwtConfig:
                              issuer: https://issuer.example.org
                """);
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "JwtConfig:", "Resources.Api.Properties.Auth.Authorizers.Staff.JwtConfig"));
                assertThat(p.what()).isEqualTo("unknown property 'JwtConfig' (did you mean 'JwtConfiguration'?)");
            });
        }

        @Test
        void readOnlyPropertySet() {
            String yaml = replace(VALID, "MessageRetentionPeriod: 1209600", "MessageRetentionPeriod: 1209600\n      Arn: x");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.toString()).isEqualTo(at(yaml, "Arn: x", "Resources.WorkDeadLetterQueue.Properties.Arn")
                            + ": 'Arn' is read-only: CloudFormation sets it (read it with !GetAtt WorkDeadLetterQueue.Arn)"));
        }

        @Test
        void intrinsicFunctionsAreAcceptedWhereverAValueStands() {
            String yaml = replace(VALID, "VisibilityTimeout: 120", "VisibilityTimeout: !Ref HideSeconds");
            yaml = replace(yaml, "        - { AttributeName: pk, KeyType: HASH }", "        - !If [IsProd, { AttributeName: pk, KeyType: HASH }, !Ref AWS::NoValue]");
            yaml = replace(yaml, "MemorySize: 512", "MemorySize: !If [IsProd, 1024, 512]");
            assertThat(errors(yaml)).isEmpty();
        }

        @Test
        void aTypeWithoutSchemaIsANoteNotAnError() {
            String yaml = replace(VALID, "Outputs:", """
                      Topic:
                        Type: AWS::Pinpoint::App
                        Properties:
                          Name: demo
                    Outputs:""");
            assertThat(errors(yaml)).isEmpty();
            assertThat(problems(yaml)).singleElement().satisfies(p -> {
                assertThat(p.severity()).isEqualTo(TemplateProblem.Severity.NOTE);
                assertThat(p.where()).isEqualTo(at(yaml, "Type: AWS::Pinpoint::App", "Resources.Topic.Type"));
                assertThat(p.what()).startsWith("no schema for AWS::Pinpoint::App in ").endsWith("aws-pinpoint-app.json: its properties are not checked");
            });
        }
    }

    @Nested
    class References {

        @Test
        void danglingRef() {
            String yaml = replace(VALID, "TABLE: !Ref Table", "TABLE: !Ref Tabel");
            assertThat(errors(yaml)).anySatisfy(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "TABLE: !Ref Tabel", "Resources.IntakeFunction.Properties.Environment.Variables.TABLE"));
                assertThat(p.what()).isEqualTo("!Ref Tabel: no parameter or resource is named 'Tabel' (did you mean 'Table'?)");
            });
        }

        @Test
        void danglingGetAtt() {
            String yaml = replace(VALID, "deadLetterTargetArn: !GetAtt WorkDeadLetterQueue.Arn", "deadLetterTargetArn: !GetAtt WorkDlq.Arn");
            assertThat(errors(yaml)).anySatisfy(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "!GetAtt WorkDlq.Arn", "Resources.WorkQueue.Properties.RedrivePolicy.deadLetterTargetArn"));
                assertThat(p.what()).isEqualTo("!GetAtt WorkDlq.Arn: no resource is named 'WorkDlq'");
            });
        }

        @Test
        void getAttOfAnAttributeTheTypeDoesNotHave() {
            String yaml = replace(VALID, "Resource: !GetAtt Table.Arn", "Resource: !GetAtt Table.ARN");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "!GetAtt Table.ARN", "Resources.WorkerFunction.Properties.Policies[0].Statement[0].Resource"));
                assertThat(p.what()).isEqualTo("!GetAtt Table.ARN: type AWS::DynamoDB::Table has no attribute 'ARN' (did you mean 'Arn'?)");
            });
        }

        @Test
        void danglingNameInSub() {
            String yaml = replace(VALID, "!Sub 'demo-${Stage}-work'", "!Sub 'demo-${Stag}-work'");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "${Stag}", "Resources.WorkQueue.Properties.QueueName"));
                assertThat(p.what()).isEqualTo("${Stag} in !Sub: no parameter, resource or !Sub variable is named 'Stag' (did you mean 'Stage'?)");
            });
        }

        @Test
        void danglingResourceAttributeInSub() {
            String yaml = replace(VALID, "${Api}.execute-api", "${Apu.ApiEndpoint}.execute-api");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "${Apu.ApiEndpoint}", "Outputs.ApiUrl.Value"));
                assertThat(p.what()).isEqualTo("${Apu.ApiEndpoint} in !Sub: no resource is named 'Apu' (did you mean 'Api'?)");
            });
        }

        @Test
        void subVariablesAndEscapesAreNotReferences() {
            String yaml = replace(VALID, "!Sub 'demo-${Stage}-work'", "!Sub ['demo-${Name}-${!Literal}', {Name: !Ref Stage}]");
            assertThat(errors(yaml)).isEmpty();
        }

        @Test
        void danglingNameInsideAnotherFunction() {
            String yaml = replace(VALID, "!Join ['-', [demo, !Ref Stage]]", "!Join ['-', [demo, !Ref Stages]]");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.what()).isEqualTo("!Ref Stages: no parameter or resource is named 'Stages' (did you mean 'Stage'?)"));
        }

        @Test
        void theRoleSamCreatesForAFunctionCanBeNamed() {
            assertThat(VALID).contains("!GetAtt WorkerFunctionRole.Arn");
            String yaml = replace(VALID, "!GetAtt WorkerFunctionRole.Arn", "!GetAtt ReaderFunctionRole.Arn");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.what()).isEqualTo("!GetAtt ReaderFunctionRole.Arn: no resource is named 'ReaderFunctionRole' (did you mean 'WorkerFunctionRole'?)"));
        }

        @Test
        void unknownCondition() {
            String yaml = replace(VALID, "!If [IsProd, 5,", "!If [IsPord, 5,");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "IsPord", "Resources.WorkQueue.Properties.DelaySeconds"));
                assertThat(p.what()).isEqualTo("!If IsPord: no condition is named 'IsPord' (did you mean 'IsProd'?)");
            });
        }
    }

    @Nested
    class Handlers {

        @Test
        void missingHandlerClass() {
            String yaml = replace(VALID, "Handler: demo.Intake::handle", "Handler: demo.Intak::handle");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "Handler: demo.Intak::handle", "Resources.IntakeFunction.Properties.Handler"));
                assertThat(p.what()).isEqualTo("Handler demo.Intak::handle: class demo.Intak is not there (no demo/Intak.class"
                        + " at the root of the zip) in functions/demo/target/function.zip");
            });
        }

        @Test
        void missingHandlerMethod() {
            String yaml = replace(VALID, "Handler: demo.Intake::handle", "Handler: demo.Intake::handleRequest");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "Handler: demo.Intake::handleRequest", "Resources.IntakeFunction.Properties.Handler"));
                assertThat(p.what()).isEqualTo("Handler demo.Intake::handleRequest: class demo.Intake has no public method"
                        + " 'handleRequest' in functions/demo/target/function.zip");
            });
        }

        @Test
        void handlerMethodThatIsNotPublic() {
            String yaml = replace(VALID, "Handler: demo.Intake::handle", "Handler: demo.Intake::internal");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.what()).contains("class demo.Intake has a method 'internal' but it is not public"));
        }

        @Test
        void handlerClassWithoutMethodMustBeARequestHandler() {
            String yaml = replace(VALID, "Handler: demo.Worker", "Handler: demo.Intake");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.what()).contains("must implement RequestHandler or RequestStreamHandler"));
        }

        @Test
        void missingCodeUriArtifact() {
            String yaml = replace(VALID, "  CodeUri: functions/demo/target/function.zip\n      Handler: demo.Worker",
                    "  CodeUri: functions/worker/target/function.zip\n      Handler: demo.Worker");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "functions/worker/target/function.zip", "Resources.WorkerFunction.Properties.CodeUri"));
                assertThat(p.what()).startsWith("CodeUri functions/worker/target/function.zip does not exist (looked for ")
                        .endsWith("): run mvn package to build the function");
            });
        }

        @Test
        void aDependencyMissingFromLib() {
            String yaml = replace(VALID, "  CodeUri: functions/demo/target/function.zip\n      Handler: demo.Worker",
                    "  CodeUri: functions/bare/target/function.zip\n      Handler: demo.Worker");
            assertThat(errors(yaml)).singleElement().satisfies(p -> assertThat(p.what()).isEqualTo(
                    "Handler demo.Worker: class demo.Worker cannot be loaded: it needs com.amazonaws.services.lambda.runtime.RequestHandler,"
                            + " which is neither in the zip nor in its lib/ jars in functions/bare/target/function.zip"));
        }

        @Test
        void globalsGiveTheRuntimeAndCodeUri() {
            String yaml = replace(VALID, "    Runtime: java17\n", "    Runtime: java17\n    CodeUri: functions/demo/target/function.zip\n");
            yaml = yaml.replace("      CodeUri: functions/demo/target/function.zip\n", "");
            assertThat(yaml).doesNotContain("      CodeUri:");
            assertThat(errors(yaml)).isEmpty();
            String wrong = replace(yaml, "    CodeUri: functions/demo/target/function.zip\n", "    CodeUri: functions/nothing.zip\n");
            assertThat(errors(wrong)).hasSize(2).allSatisfy(p ->
                    assertThat(p.where()).isEqualTo(at(wrong, "functions/nothing.zip", "Globals.Function.CodeUri")));
        }

        @Test
        void aFunctionWithoutHandler() {
            String yaml = replace(VALID, "      Handler: demo.Worker\n", "");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.what()).isEqualTo("the function has no Handler (on it or in Globals.Function)"));
        }
    }

    @Nested
    class PolicyTemplates {

        @Test
        void unknownPolicyTemplate() {
            String yaml = replace(VALID, "- DynamoDBCrudPolicy:", "- DynamoDbCrudPolicy:");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "- DynamoDbCrudPolicy:", "Resources.IntakeFunction.Properties.Policies[1].DynamoDbCrudPolicy"));
                assertThat(p.what()).isEqualTo("unknown SAM policy template 'DynamoDbCrudPolicy' (did you mean 'DynamoDBCrudPolicy'?)");
            });
        }

        @Test
        void policyTemplateMissingAParameter() {
            String yaml = replace(VALID, "TableName: !Ref Table", "Table: !Ref Table");
            assertThat(errors(yaml)).extracting(TemplateProblem::toString).containsExactly(
                    at(yaml, "- DynamoDBCrudPolicy:", "Resources.IntakeFunction.Properties.Policies[1].DynamoDBCrudPolicy")
                            + ": policy template DynamoDBCrudPolicy needs its parameter 'TableName'",
                    at(yaml, "Table: !Ref Table", "Resources.IntakeFunction.Properties.Policies[1].DynamoDBCrudPolicy.Table")
                            + ": policy template DynamoDBCrudPolicy has no parameter 'Table' (it takes TableName)");
        }

        @Test
        void policyTemplateWithoutParametersTakesAnEmptyMapping() {
            String yaml = replace(VALID, "- CloudWatchPutMetricPolicy: {}", "- CloudWatchPutMetricPolicy: yes");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.what()).isEqualTo("policy template CloudWatchPutMetricPolicy takes a mapping of its parameters: write {}"));
        }

        @Test
        void queueNameGivenAsTheQueueUrl() {
            String yaml = replace(VALID, "QueueName: !GetAtt WorkQueue.QueueName", "QueueName: !Ref WorkQueue");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "QueueName: !Ref WorkQueue", "Resources.IntakeFunction.Properties.Policies[0].SQSSendMessagePolicy.QueueName"));
                assertThat(p.what()).isEqualTo("QueueName wants the queue's name, but !Ref WorkQueue is its URL: use !GetAtt WorkQueue.QueueName");
            });
        }
    }

    @Nested
    class QueueRules {

        @Test
        void sqsEventWithoutPartialBatchFailures() {
            String yaml = replace(VALID, "            FunctionResponseTypes: [ReportBatchItemFailures]\n", "");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "Queue: !GetAtt WorkQueue.Arn", "Resources.WorkerFunction.Properties.Events.Work.Properties").replace(
                        ":" + lineOf(yaml, "Queue: !GetAtt WorkQueue.Arn") + " ", ":" + (lineOf(yaml, "Queue: !GetAtt WorkQueue.Arn") - 1) + " "));
                assertThat(p.what()).isEqualTo("SQS event Work of WorkerFunction must report partial batch failures:"
                        + " add FunctionResponseTypes: [ReportBatchItemFailures]");
            });
        }

        @Test
        void visibilityTimeoutTooShort() {
            String yaml = replace(VALID, "VisibilityTimeout: 120", "VisibilityTimeout: 60");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "VisibilityTimeout: 60", "Resources.WorkQueue.Properties.VisibilityTimeout"));
                assertThat(p.what()).isEqualTo("queue WorkQueue hides a message for 60 s, less than 6 x the Timeout of WorkerFunction"
                        + " (20 s) = 120 s: a message could be handed out again while it is still being worked on");
            });
        }

        @Test
        void theDefaultVisibilityTimeoutCountsToo() {
            String yaml = replace(VALID, "      VisibilityTimeout: 120\n", "");
            assertThat(errors(yaml)).singleElement().satisfies(p ->
                    assertThat(p.what()).startsWith("queue WorkQueue hides a message for 30 s (the default), less than 6 x"));
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

        @Test
        void aFunctionWithAQueueInItsEnvironmentMayNotSendToIt() {
            String yaml = replace(VALID, "        - SQSSendMessagePolicy:\n            QueueName: !GetAtt WorkQueue.QueueName\n", "");
            assertThat(errors(yaml)).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo(at(yaml, "WORK_QUEUE_URL", "Resources.IntakeFunction.Properties.Environment.Variables.WORK_QUEUE_URL"));
                assertThat(p.what()).isEqualTo("IntakeFunction has queue WorkQueue in WORK_QUEUE_URL but no permission to send to it:"
                        + " add - SQSSendMessagePolicy: {QueueName: !GetAtt WorkQueue.QueueName}");
            });
        }
    }

    @Test
    void requireValidListsEveryErrorInOneMessage() {
        var template = Template.parse(Path.of("template.yaml"), replace(replace(VALID, "TABLE: !Ref Table", "TABLE: !Ref Tabel"),
                "VisibilityTimeout: 120", "VisibilityTimeout: 60"));
        assertThatThrownBy(() -> validator.requireValid(template))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template.yaml has 2 problems:\n  template.yaml:")
                .hasMessageContaining("!Ref Tabel")
                .hasMessageContaining("hides a message for 60 s");
    }

    @Test
    void withoutTheSchemasTheOtherChecksStillRun(@TempDir Path empty) {
        var bare = new TemplateValidator(empty, project);
        var problems = bare.validate(Template.parse(Path.of("template.yaml"), replace(VALID, "TABLE: !Ref Table", "TABLE: !Ref Tabel")));
        assertThat(bare.hasSchemas()).isFalse();
        assertThat(problems).filteredOn(p -> !p.isError()).extracting(TemplateProblem::what)
                .anySatisfy(w -> assertThat(w).startsWith("no schemas at " + empty));
        assertThat(TemplateValidator.errors(problems)).singleElement().satisfies(p -> assertThat(p.what()).startsWith("!Ref Tabel"));
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
