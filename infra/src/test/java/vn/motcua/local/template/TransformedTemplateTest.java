package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * template.yaml as CloudFormation deploys it: AWS::LanguageExtensions then the SAM transform, offline
 * ({@link CfnTools#transform}, written to {@code target/transformed-template.json}). Every assertion reads
 * the expanded CloudFormation resources, IAM policies as IAM receives them, not the SAM shorthand.
 */
class TransformedTemplateTest {

    static final Path OUTPUT = Path.of("target/transformed-template.json");
    static Map<String, JsonNode> resources;
    static JsonNode parameters;
    static List<String> agencies;

    @BeforeAll
    static void transform() throws IOException {
        CfnTools.requiredByTest();
        Files.createDirectories(OUTPUT.getParent());
        CfnTools.transform(CfnTools.projectRoot().resolve("template.yaml"), OUTPUT.toAbsolutePath(), Map.of());
        JsonNode template = Json.tree(Files.readString(OUTPUT));
        resources = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> resources.put(e.getKey(), e.getValue()));
        parameters = template.path("Parameters");
        agencies = List.of(parameters.path("DepartmentIds").path("Default").asText().split(","));
    }

    // ------------------------------------------------------------------ reading the expanded template

    static List<String> ofType(String type) {
        return resources.entrySet().stream().filter(e -> e.getValue().path("Type").asText().equals(type)).map(Map.Entry::getKey).toList();
    }

    static JsonNode properties(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        assertThat(resource).as("resource " + logicalId).isNotNull();
        return resource.path("Properties");
    }

    /** The logical id a {@code {"Ref": X}} or {@code {"Fn::GetAtt": [X, A]}} names, or null. */
    static String target(JsonNode value) {
        if (value.has("Ref")) return value.path("Ref").asText();
        if (value.has("Fn::GetAtt")) return value.path("Fn::GetAtt").path(0).asText();
        return null;
    }

    static JsonNode getAtt(String resource, String attribute) {
        return Json.object().set("Fn::GetAtt", Json.array().add(resource).add(attribute));
    }

    static JsonNode ref(String name) { return Json.object().put("Ref", name); }

    /** The SAM functions: every AWS::Lambda::Function the transform made, by its logical id (CatalogFunction...). */
    static List<String> functions() { return ofType("AWS::Lambda::Function"); }

    /** Every statement the function's role is granted by the template: inline, the template's managed policies, attached policies. */
    static List<JsonNode> statements(String function) {
        String role = target(properties(function).path("Role"));
        var statements = new ArrayList<JsonNode>();
        properties(role).path("Policies").forEach(p -> p.path("PolicyDocument").path("Statement").forEach(statements::add));
        for (JsonNode arn : properties(role).path("ManagedPolicyArns")) {
            if (arn.isObject()) properties(target(arn)).path("PolicyDocument").path("Statement").forEach(statements::add);
        }
        for (String policy : ofType("AWS::IAM::Policy")) {
            for (JsonNode r : properties(policy).path("Roles")) {
                if (role.equals(target(r))) properties(policy).path("PolicyDocument").path("Statement").forEach(statements::add);
            }
        }
        return statements;
    }

    /** AWS's own managed policies on the role, by name. */
    static Set<String> awsManagedPolicies(String function) {
        var names = new TreeSet<String>();
        for (JsonNode arn : properties(target(properties(function).path("Role"))).path("ManagedPolicyArns")) {
            if (arn.isTextual()) names.add(arn.asText().substring(arn.asText().lastIndexOf('/') + 1));
        }
        return names;
    }

    static List<String> list(JsonNode value) {
        if (value.isArray()) {
            var items = new ArrayList<String>();
            value.forEach(v -> items.add(v.isTextual() ? v.asText() : v.toString()));
            return items;
        }
        return List.of(value.isTextual() ? value.asText() : value.toString());
    }

    /** A statement's resource as a short label: a table by logical id, its indexes as {@code Table/index/*}. */
    static String label(JsonNode resource) {
        String t = target(resource);
        if (t != null) return t;
        if (resource.has("Fn::Sub")) {
            var m = Pattern.compile("^\\$\\{(\\w+)\\.Arn}(.*)$").matcher(resource.path("Fn::Sub").asText());
            if (m.matches()) return m.group(1) + m.group(2);
            return resource.path("Fn::Sub").asText();
        }
        return resource.asText();
    }

    static List<JsonNode> resourcesOf(JsonNode statement) {
        JsonNode r = statement.path("Resource");
        var out = new ArrayList<JsonNode>();
        if (r.isArray()) r.forEach(out::add); else out.add(r);
        return out;
    }

    /** {@code action@resource} for every DynamoDB grant of the function, e.g. {@code GetItem@DossierTable}. */
    static Set<String> dynamoDbGrants(String function) {
        var grants = new TreeSet<String>();
        for (JsonNode s : statements(function)) {
            for (String action : list(s.path("Action"))) {
                if (!action.startsWith("dynamodb:")) continue;
                for (JsonNode r : resourcesOf(s)) grants.add(action.substring("dynamodb:".length()) + "@" + label(r));
            }
        }
        return grants;
    }

    // ------------------------------------------------------------------ functions

    @Nested
    class Functions {

        /** The function modules of the build, each deployed once: functions/catalog -> CatalogFunction. */
        static List<String> modules() throws IOException {
            try (var dirs = Files.list(CfnTools.projectRoot().resolve("functions"))) {
                return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                        .map(d -> Pattern.compile("(^|-)(\\w)").matcher(d.getFileName().toString())
                                .replaceAll(m -> m.group(2).toUpperCase()) + "Function")
                        .sorted().toList();
            }
        }

        @Test
        void everyFunctionModuleIsALambdaFunctionOnJava25WithSnapStart() throws IOException {
            assertThat(functions()).containsExactlyInAnyOrderElementsOf(modules());
            for (String f : functions()) {
                var p = properties(f);
                assertThat(p.path("Runtime").asText()).as(f).isEqualTo("java25");
                assertThat(p.path("SnapStart").path("ApplyOn").asText()).as(f).isEqualTo("PublishedVersions");
                assertThat(p.path("Code").path("S3Key").asText()).as(f).endsWith("/target/function.zip");
                assertThat(p.has("Architectures")).as(f + " repeats no runtime default").isFalse();
            }
        }

        @Test
        void everyFunctionHasAPublishedVersionAndTheLiveAliasOnIt() {
            for (String f : functions()) {
                var versions = ofType("AWS::Lambda::Version").stream().filter(v -> f.equals(target(properties(v).path("FunctionName")))).toList();
                assertThat(versions).as(f).hasSize(1);
                var aliases = ofType("AWS::Lambda::Alias").stream().filter(a -> f.equals(target(properties(a).path("FunctionName")))).toList();
                assertThat(aliases).as(f).singleElement().satisfies(a -> {
                    assertThat(properties(a).path("Name").asText()).isEqualTo("live");
                    assertThat(properties(a).path("FunctionVersion")).isEqualTo(getAtt(versions.getFirst(), "Version"));
                });
            }
        }

        @Test
        void everyTriggerInvokesTheAliasNotLatest() {
            var aliases = Set.copyOf(ofType("AWS::Lambda::Alias"));
            ofType("AWS::Lambda::EventSourceMapping").forEach(m -> assertThat(aliases).as(m).contains(target(properties(m).path("FunctionName"))));
            ofType("AWS::Events::Rule").forEach(r -> properties(r).path("Targets").forEach(t -> assertThat(aliases).as(r).contains(target(t.path("Arn")))));
            ofType("AWS::Lambda::Permission").forEach(p -> assertThat(aliases).as(p).contains(target(properties(p).path("FunctionName"))));
        }
    }

    // ------------------------------------------------------------------ queues and alarms

    @Nested
    class QueuesAndAlarms {

        static Set<String> deadLetterQueues() {
            var dlqs = new TreeSet<String>();
            ofType("AWS::SQS::Queue").forEach(q -> {
                JsonNode target = properties(q).path("RedrivePolicy").path("deadLetterTargetArn");
                if (!target.isMissingNode()) dlqs.add(target(target));
            });
            return dlqs;
        }

        static Set<String> onFailureDestinations() {
            var queues = new TreeSet<String>();
            ofType("AWS::Lambda::EventInvokeConfig").forEach(c ->
                    queues.add(target(properties(c).path("DestinationConfig").path("OnFailure").path("Destination"))));
            return queues;
        }

        /** Alarms on a queue's depth, by the queue they watch. */
        static Map<String, String> depthAlarms() {
            var alarms = new TreeMap<String, String>();
            for (String a : ofType("AWS::CloudWatch::Alarm")) {
                var p = properties(a);
                if (!p.path("Namespace").asText().equals("AWS/SQS") || !p.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")) continue;
                for (JsonNode d : p.path("Dimensions")) {
                    if (d.path("Name").asText().equals("QueueName")) {
                        assertThat(d.path("Value").path("Fn::GetAtt").path(1).asText()).as(a).isEqualTo("QueueName");
                        alarms.put(target(d.path("Value")), a);
                    }
                }
            }
            return alarms;
        }

        @Test
        void everyQueueIsConsumedWithADeadLetterQueueOrIsOneAndEveryDeadLetterQueueHasAnAlarm() {
            var dlqs = deadLetterQueues();
            var destinations = onFailureDestinations();
            var alarms = depthAlarms();
            for (String q : ofType("AWS::SQS::Queue")) {
                if (dlqs.contains(q) || destinations.contains(q)) {
                    assertThat(alarms).as("an alarm on the depth of " + q).containsKey(q);
                    assertThat(properties(q).path("MessageRetentionPeriod").asInt()).as(q).isEqualTo(1209600);
                } else {
                    assertThat(properties(q).path("RedrivePolicy").path("maxReceiveCount").isMissingNode()).as(q + " has a maxReceiveCount").isFalse();
                }
                assertThat(properties(q).path("SqsManagedSseEnabled").asBoolean()).as(q + " encrypted").isTrue();
            }
            assertThat(dlqs).containsAll(List.of("RoutingDeadLetterQueue", "NotificationDeadLetterQueue", "DepartmentUpdatesDeadLetterQueue"));
            assertThat(destinations).containsExactly("FailedInvocationsQueue");
        }

        @Test
        void everyAlarmTellsTheOperationsTopic() {
            assertThat(ofType("AWS::CloudWatch::Alarm")).hasSize(6 + agencies.size()).allSatisfy(a ->
                    assertThat(properties(a).path("AlarmActions")).containsExactly(ref("OperationsAlarmTopic")));
        }

        @Test
        void theDailyReconciliationsMismatchesAreAMetricWithItsAlarm() {
            var filter = properties("PortalSyncMismatchesMetric");
            assertThat(filter.path("LogGroupName")).isEqualTo(ref("PortalReconcileLogGroup"));
            // the summary line PortalReconcileHandler writes: {"event":"portal.reconciliation", ..., "mismatches": n}
            assertThat(filter.path("FilterPattern").asText()).contains("$.event = \"portal.reconciliation\"", "$.mismatches > 0");
            var metric = filter.path("MetricTransformations").get(0);
            assertThat(metric.path("MetricValue").asText()).isEqualTo("$.mismatches");
            var alarm = properties("PortalSyncMismatchesAlarm");
            assertThat(alarm.path("Namespace").asText()).isEqualTo(metric.path("MetricNamespace").asText());
            assertThat(alarm.path("MetricName").asText()).isEqualTo(metric.path("MetricName").asText());
            assertThat(alarm.path("Threshold").asInt()).isEqualTo(1);
        }

        @Test
        void eachDepartmentOfDepartmentIdsHasItsQueueDeadLetterQueueAlarmAndDispatcherEventSource() {
            assertThat(agencies).containsExactly("so-ngoai-vu", "so-khoa-hoc-cong-nghe", "so-thong-tin-truyen-thong", "so-giao-duc-dao-tao");
            for (String agency : agencies) {
                String id = agency.replace("-", "");
                assertThat(properties("DispatchQueue" + id).path("QueueName").path("Fn::Sub").asText()).isEqualTo("motcua-${Stage}-dispatch-" + agency);
                assertThat(properties("DispatchQueue" + id).path("RedrivePolicy").path("deadLetterTargetArn")).isEqualTo(getAtt("UndeliveredQueue" + id, "Arn"));
                assertThat(properties("DispatchQueue" + id).path("RedrivePolicy").path("maxReceiveCount")).isEqualTo(ref("DispatchMaxAttempts"));
                assertThat(depthAlarms()).containsEntry("UndeliveredQueue" + id, "UndeliveredAlarm" + id);
                var mapping = properties("DispatcherFunctionDispatch" + id);
                assertThat(mapping.path("EventSourceArn")).isEqualTo(getAtt("DispatchQueue" + id, "Arn"));
                assertThat(mapping.path("FunctionName")).isEqualTo(ref("DispatcherFunctionAliaslive"));
                assertThat(list(mapping.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
            }
        }

        /**
         * Issue 16, finding 4: the departments' endpoint had one shared throttle, so anonymous traffic could crowd out
         * real departments. Each department has its own route (a literal path, matched before {agencyId}) with its own
         * throttle in the stage's RouteSettings; the catch-all route, left to unknown agencies, gets a low one.
         */
        @Test
        void eachDepartmentHasItsOwnThrottledUpdatesRouteAndTheCatchAllALowOne() {
            var stages = ofType("AWS::ApiGatewayV2::Stage").stream()
                    .filter(s -> properties(s).path("RouteSettings").has("POST /departments/{agencyId}/updates")).toList();
            assertThat(stages).hasSize(1);
            JsonNode settings = properties(stages.get(0)).path("RouteSettings");
            int catchAll = settings.path("POST /departments/{agencyId}/updates").path("ThrottlingRateLimit").asInt();
            for (String agency : agencies) {
                JsonNode own = settings.path("POST /departments/" + agency + "/updates");
                assertThat(own.path("ThrottlingRateLimit").asInt()).as(agency).isGreaterThan(catchAll);
                assertThat(own.path("ThrottlingBurstLimit").asInt()).as(agency).isPositive();
            }
        }

        @Test
        void routerAndDispatcherKnowEveryDepartmentsQueueUrl() {
            for (String f : List.of("RouterFunction", "DispatcherFunction")) {
                JsonNode urls = properties(f).path("Environment").path("Variables").path("DISPATCH_QUEUE_URLS");
                // Fn::ToJsonString rendered: {"so-ngoai-vu":"<its queue's URL>",...} as an Fn::Join of text and GetAtts
                var parts = Json.array();
                for (int i = 0; i < agencies.size(); i++) {
                    parts.add((i == 0 ? "{" : "\",") + "\"" + agencies.get(i) + "\":\"");
                    parts.add(getAtt("DispatchQueue" + agencies.get(i).replace("-", ""), "QueueUrl"));
                }
                parts.add("\"}");
                assertThat(urls.path("Fn::Join")).as(f).isEqualTo(Json.array().add("").add(parts));
            }
        }

        @Test
        void everySqsTriggeredFunctionReportsPartialBatchFailures() {
            assertThat(ofType("AWS::Lambda::EventSourceMapping")).hasSize(4 + agencies.size()).allSatisfy(m ->
                    assertThat(list(properties(m).path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures"));
        }
    }

    // ------------------------------------------------------------------ least privilege

    @Nested
    class LeastPrivilege {

        static final Set<String> CATALOG = Set.of("GetItem@CatalogTable", "Query@CatalogTable");

        static Set<String> with(Set<String> catalog, String... grants) {
            var all = new TreeSet<>(catalog);
            all.addAll(List.of(grants));
            return all;
        }

        /**
         * Each function's DynamoDB calls, from its code: DossierRepository find = GetItem, apply/create/refusals =
         * PutItem, lists = Query on an index, receipt records (desk, reports) = GetItem; idempotency claims and codes (intake) = PutItem, GetItem, UpdateItem;
         * NoticeLedger claim/record/release = PutItem, GetItem, UpdateItem, DeleteItem; DepartmentMessages =
         * PutItem, GetItem, UpdateItem; ReferenceData (the catalog) = GetItem, Query.
         */
        static final Map<String, Set<String>> DYNAMODB = Map.ofEntries(
                Map.entry("CatalogFunction", CATALOG),
                Map.entry("DocumentsFunction", Set.of("GetItem@DossierTable")),
                Map.entry("DocumentReceivedFunction", Set.of("GetItem@DossierTable", "PutItem@DossierTable")),
                Map.entry("DeskFunction", with(CATALOG, "GetItem@DossierTable", "Query@DossierTable/index/*")),
                Map.entry("ReportsFunction", with(CATALOG, "GetItem@DossierTable", "BatchGetItem@DossierTable", "Query@DossierTable/index/*")),
                Map.entry("LookupFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable")), // its ratings only, below
                Map.entry("IntakeFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable", "UpdateItem@DossierTable")),
                Map.entry("DeskActionsFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable")),
                Map.entry("WebAppFunction", Set.of()),
                Map.entry("RouterFunction", Set.of("GetItem@DossierTable", "PutItem@DossierTable")),
                Map.entry("DispatcherFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable")),
                Map.entry("NotifierFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable", "UpdateItem@DossierTable",
                        "DeleteItem@DossierTable")),
                Map.entry("DeadlineWatchFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable", "UpdateItem@DossierTable",
                        "DeleteItem@DossierTable", "Query@DossierTable/index/*")),
                Map.entry("DepartmentUpdatesFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable", "UpdateItem@DossierTable")),
                Map.entry("UpdatesFunction", Set.of("GetItem@DossierTable", "PutItem@DossierTable")),
                // the national portal's sync: the dossier and its outbox, the portal's answers beside it (PortalAckItems)
                Map.entry("PortalSyncFunction", with(CATALOG, "GetItem@DossierTable", "PutItem@DossierTable", "UpdateItem@DossierTable",
                        "DeleteItem@DossierTable", "BatchGetItem@DossierTable")),
                Map.entry("PortalReconcileFunction", with(CATALOG, "GetItem@DossierTable", "BatchGetItem@DossierTable", "Query@DossierTable/index/*")),
                Map.entry("StaffTokensFunction", Set.of()));

        @Test
        void eachFunctionGetsExactlyTheDynamoDbCallsItMakes() {
            assertThat(DYNAMODB.keySet()).containsExactlyInAnyOrderElementsOf(functions());
            for (String f : functions()) assertThat(dynamoDbGrants(f)).as(f).containsExactlyInAnyOrderElementsOf(DYNAMODB.get(f));
        }

        @Test
        void theReadersOnlyReadAndNobodyScansOrWritesInBatches() {
            for (String f : List.of("CatalogFunction", "DeskFunction", "ReportsFunction")) {
                assertThat(dynamoDbGrants(f)).as(f).allSatisfy(g -> assertThat(g).matches("(GetItem|Query|BatchGetItem)@.*"));
            }
            // The public lookup reads, and writes the citizen's rating item only (RATING#<code>), never a dossier.
            var writes = statements("LookupFunction").stream().filter(s -> list(s.path("Action")).contains("dynamodb:PutItem")).toList();
            assertThat(writes).singleElement().satisfies(s -> {
                assertThat(list(s.path("Action"))).containsExactly("dynamodb:PutItem");
                assertThat(s.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys").toString()).isEqualTo("[\"RATING#*\"]");
            });
            for (String f : functions()) {
                assertThat(dynamoDbGrants(f)).as(f).noneMatch(g -> g.matches("(Scan|BatchWriteItem|\\*|PartiQL.*|Transact.*)@.*"));
                assertThat(dynamoDbGrants(f)).as(f + ": the table and its indexes only")
                        .allSatisfy(g -> assertThat(g).matches(".*@(DossierTable|DossierTable/index/\\*|CatalogTable)"));
            }
        }

        @Test
        void noGrantOfTheTemplateIsAWholeServiceOrOnEveryResource() {
            for (String f : functions()) {
                for (JsonNode s : statements(f)) {
                    assertThat(list(s.path("Action"))).as(f + " " + s).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
                    assertThat(resourcesOf(s)).as(f + " " + s).noneMatch(r -> r.isTextual() && r.asText().equals("*"));
                }
            }
        }

        @Test
        void onlyTheNotifierSendsSmsAndOnlyToPhoneNumbers() {
            for (String f : functions()) {
                for (JsonNode s : statements(f)) {
                    var sns = list(s.path("Action")).stream().filter(a -> a.startsWith("sns:")).toList();
                    if (sns.isEmpty()) continue;
                    assertThat(f).isEqualTo("NotifierFunction");
                    assertThat(sns).containsExactly("sns:Publish");
                    // a publish to a phone number names no resource: every SNS ARN (topics, endpoints) is left out
                    assertThat(s.has("Resource")).isFalse();
                    assertThat(s.path("NotResource").toString()).contains("arn:${AWS::Partition}:sns:*:*:*");
                }
            }
        }

        @Test
        void onlyLambdasOwnBasicsTracingAndSqsPollingComeFromAwsManagedPolicies() {
            for (String f : functions()) {
                assertThat(awsManagedPolicies(f)).as(f).isSubsetOf("AWSLambdaBasicExecutionRole", "AWSXrayWriteOnlyAccess",
                        "AWSLambdaSQSQueueExecutionRole");
            }
        }

        @Test
        void onlyTheSignedCallsDecryptAndOnlyTheSecretsKeyThroughSsmForTheAgenciesParameters() {
            var decrypting = new TreeSet<String>();
            for (String f : functions()) {
                for (JsonNode s : statements(f)) {
                    var kms = list(s.path("Action")).stream().filter(a -> a.startsWith("kms:")).toList();
                    if (kms.isEmpty()) continue;
                    decrypting.add(f);
                    assertThat(kms).as(f).containsExactly("kms:Decrypt");
                    assertThat(resourcesOf(s)).as(f).containsExactly(getAtt("DepartmentSecretsKey", "Arn"));
                    assertThat(s.path("Condition").path("StringEquals").path("kms:ViaService"))
                            .isEqualTo(Json.object().put("Fn::Sub", "ssm.${AWS::Region}.amazonaws.com"));
                    assertThat(s.path("Condition").path("StringLike").path("kms:EncryptionContext:PARAMETER_ARN")).isEqualTo(
                            Json.object().put("Fn::Sub", "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/motcua/agencies/*"));
                }
            }
            assertThat(decrypting).containsExactly("DepartmentUpdatesFunction", "DispatcherFunction");
            assertThat(properties("DepartmentSecretsKey").path("EnableKeyRotation").asBoolean()).isTrue();
            assertThat(resources.get("DepartmentSecretsKey").path("DeletionPolicy").asText()).isEqualTo("Retain");
        }

        @Test
        void theBucketAnswersTheDesksOriginOnly() {
            var rules = properties("DocumentsBucket").path("CorsConfiguration").path("CorsRules");
            assertThat(rules).singleElement().satisfies(r -> assertThat(r.path("AllowedOrigins")).containsExactly(ref("DeskOrigin")));
            var origin = Pattern.compile(parameters.path("DeskOrigin").path("AllowedPattern").asText());
            assertThat(List.of("https://a1b2c3d4e5.execute-api.ap-southeast-1.amazonaws.com", "https://motcua.quangngai.gov.vn",
                    "http://localhost:8080", parameters.path("DeskOrigin").path("Default").asText()))
                    .allMatch(o -> origin.matcher(o).matches());
            assertThat(List.of("https://*.execute-api.ap-southeast-1.amazonaws.com", "*", "https://a.example/path",
                    "http://motcua.example.org", "https://a.example,https://b.example"))
                    .noneMatch(o -> origin.matcher(o).matches());
        }
    }

    // ------------------------------------------------------------------ operations

    @Nested
    class Operations {

        /** Functions S3 or EventBridge invoke asynchronously: from the bucket notifications and the schedule rules. */
        static Set<String> invokedAsynchronously() {
            var aliases = new TreeSet<String>();
            ofType("AWS::S3::Bucket").forEach(b -> properties(b).path("NotificationConfiguration").path("LambdaConfigurations")
                    .forEach(c -> aliases.add(target(c.path("Function")))));
            ofType("AWS::Events::Rule").forEach(r -> properties(r).path("Targets").forEach(t -> aliases.add(target(t.path("Arn")))));
            return aliases.stream().map(a -> target(properties(a).path("FunctionName"))).collect(Collectors.toCollection(TreeSet::new));
        }

        @Test
        void everyAsynchronouslyInvokedFunctionSendsWhatFailsToTheFailedInvocationsQueue() {
            assertThat(invokedAsynchronously()).containsExactly("DeadlineWatchFunction", "DocumentReceivedFunction", "PortalReconcileFunction");
            for (String f : invokedAsynchronously()) {
                var configs = ofType("AWS::Lambda::EventInvokeConfig").stream().filter(c -> f.equals(target(properties(c).path("FunctionName")))).toList();
                assertThat(configs).as(f).singleElement().satisfies(c -> {
                    assertThat(properties(c).path("Qualifier").asText()).isEqualTo("live");
                    assertThat(properties(c).path("DestinationConfig").path("OnFailure").path("Destination"))
                            .isEqualTo(getAtt("FailedInvocationsQueue", "Arn"));
                });
                assertThat(statements(f)).as(f + " may send there").anySatisfy(s -> {
                    assertThat(list(s.path("Action"))).contains("sqs:SendMessage");
                    assertThat(resourcesOf(s)).containsExactly(getAtt("FailedInvocationsQueue", "Arn"));
                });
            }
            assertThat(QueuesAndAlarms.depthAlarms()).containsEntry("FailedInvocationsQueue", "FailedInvocationsAlarm");
        }

        @Test
        void everyFunctionLogsToItsOwnGroupKeptLogRetentionDays() {
            assertThat(parameters.path("LogRetentionDays").path("Default").asInt()).isEqualTo(90);
            var groups = new TreeSet<String>();
            for (String f : functions()) {
                String group = target(properties(f).path("LoggingConfig").path("LogGroup"));
                assertThat(group).as(f + " names its log group").isNotNull();
                assertThat(resources.get(group).path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
                assertThat(properties(group).path("RetentionInDays")).as(group).isEqualTo(ref("LogRetentionDays"));
                assertThat(groups.add(group)).as(group + " belongs to one function").isTrue();
            }
            assertThat(ofType("AWS::Logs::LogGroup")).containsExactlyInAnyOrderElementsOf(groups);
        }

        @Test
        void quarantinedUploadsAndOldVersionsExpire() {
            assertThat(parameters.path("QuarantineRetentionDays").path("Default").asInt()).isEqualTo(30);
            assertThat(parameters.path("OldVersionRetentionDays").path("Default").asInt()).isEqualTo(90);
            var rules = properties("DocumentsBucket").path("LifecycleConfiguration").path("Rules");
            assertThat(rules).anySatisfy(r -> {
                assertThat(r.path("Status").asText()).isEqualTo("Enabled");
                assertThat(r.path("Prefix").asText()).isEqualTo("quarantine/");
                assertThat(r.path("ExpirationInDays")).isEqualTo(ref("QuarantineRetentionDays"));
            });
            assertThat(rules).anySatisfy(r -> {
                assertThat(r.path("Status").asText()).isEqualTo("Enabled");
                assertThat(r.has("Prefix")).as("every object's old versions").isFalse();
                assertThat(r.path("NoncurrentVersionExpiration").path("NoncurrentDays")).isEqualTo(ref("OldVersionRetentionDays"));
            });
            assertThat(properties("DocumentsBucket").path("VersioningConfiguration").path("Status").asText()).isEqualTo("Enabled");
        }

        @Test
        void totpIsOfferedToEveryoneAndTheTokenTriggerHoldsBackTheGroupsThatNeedIt() {
            var pool = properties("StaffUserPool");
            assertThat(pool.path("MfaConfiguration").asText()).isEqualTo("OPTIONAL");
            assertThat(pool.path("EnabledMfas")).containsExactly(Json.mapper().getNodeFactory().textNode("SOFTWARE_TOKEN_MFA"));
            assertThat(pool.path("LambdaConfig").path("PreTokenGeneration")).isEqualTo(ref("StaffTokensFunctionAliaslive"));
            assertThat(ofType("AWS::Lambda::Permission")).anySatisfy(p -> {
                assertThat(properties(p).path("FunctionName")).isEqualTo(ref("StaffTokensFunctionAliaslive"));
                assertThat(properties(p).path("Principal").asText()).isEqualTo("cognito-idp.amazonaws.com");
                assertThat(properties(p).path("SourceArn")).isEqualTo(getAtt("StaffUserPool", "Arn"));
            });
            assertThat(parameters.path("MfaRequiredGroups").path("Default").asText()).isEqualTo("office");
            assertThat(properties("StaffTokensFunction").path("Environment").path("Variables").path("MFA_REQUIRED_GROUPS"))
                    .isEqualTo(Json.object().set("Fn::Join", Json.array().add(",").add(ref("MfaRequiredGroups"))));
            assertThat(statements("StaffTokensFunction")).singleElement().satisfies(s -> {
                assertThat(list(s.path("Action"))).containsExactly("cognito-idp:AdminGetUser");
                assertThat(resourcesOf(s)).containsExactly(getAtt("StaffUserPool", "Arn"));
            });
        }
    }

    // ------------------------------------------------------------------ the transform itself

    @Test
    void theExpandedTemplateLintsCleanAsAWhole() throws IOException {
        // The loops are gone, so cfn-lint now sees every reference, those inside Fn::ToJsonString included;
        // the suppressions written for the loops are dropped first. DepartmentIds is then unused (W2001): it fed the loops.
        ObjectNode copy = (ObjectNode) Json.tree(Files.readString(OUTPUT));
        copy.path("Resources").forEach(r -> { if (r.path("Metadata").isObject()) ((ObjectNode) r.path("Metadata")).remove("cfn-lint"); });
        Path lintable = OUTPUT.resolveSibling("transformed-template-lint.json");
        Files.writeString(lintable, Json.write(copy));
        assertThat(CfnTools.lint(lintable.toAbsolutePath(), List.of("W2001"))).isEmpty();
    }

    @Test
    void aDeploymentsParameterValuesDriveTheLoops(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path out = dir.resolve("two.json");
        CfnTools.transform(CfnTools.projectRoot().resolve("template.yaml"), out, Map.of("DepartmentIds", "so-a,so-b-c"));
        var names = new TreeSet<String>();
        Json.tree(Files.readString(out)).path("Resources").fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("DispatchQueuesoa", "UndeliveredQueuesobc", "DispatcherFunctionDispatchsobc")
                .doesNotContain("DispatchQueuesongoaivu");
    }

    @Test
    void aTemplateTheSamTransformRefusesFailsWithItsWords(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String yaml = Files.readString(CfnTools.projectRoot().resolve("template.yaml"))
                .replace("        ListCatalog:\n          Type: HttpApi", "        ListCatalog:\n          Type: HttpAPI");
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, yaml);
        assertThatThrownBy(() -> CfnTools.transform(broken, dir.resolve("out.json"), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("AWS::Serverless-2016-10-31")
                .hasMessageContaining("Resource with id [CatalogFunction] is invalid. Event with id [ListCatalog] is invalid");
    }
}
