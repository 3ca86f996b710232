package vn.motcua.local.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateException;
import vn.motcua.local.template.TemplateResources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static vn.motcua.local.template.Template.list;
import static vn.motcua.local.template.Template.map;

/**
 * Creates the template's DynamoDB tables, SQS queues, S3 buckets and Cognito user pools (with their app
 * clients and groups) on the local stack, named and ordered as {@link TemplateResources} evaluates them;
 * the other resource types are listed with why they are not created. Idempotent: what exists is kept,
 * with its data. A pool's and a client's ids are made by the service: they are recorded in the
 * {@link TemplateResources} ({@link TemplateResources#assign}), so {@code !Ref} gives them from then on.
 */
public final class Provisioning {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateResources resources;
    private final Template template;

    private Provisioning(TemplateResources resources) {
        this.resources = resources;
        this.template = resources.template();
    }

    /** What happened to one resource of the template. */
    public enum Outcome { CREATED, KEPT, NOT_LOCAL }

    /** @param note what the local copy lacks, or why nothing was created; empty when nothing to say */
    public record Entry(String logicalId, String type, String physicalId, Outcome outcome, String note) {
        @Override
        public String toString() {
            return String.format("%-10s %-28s %-24s %s%s", outcome, logicalId, type, physicalId == null ? "" : physicalId,
                    note.isEmpty() ? "" : "  (" + note + ")");
        }
    }

    public record Report(List<Entry> entries) {
        public Report {
            entries = List.copyOf(entries);
        }

        public List<Entry> with(Outcome outcome) {
            return entries.stream().filter(e -> e.outcome() == outcome).toList();
        }

        @Override
        public String toString() {
            var sb = new StringBuilder();
            entries.forEach(e -> sb.append(e).append('\n'));
            return sb.toString();
        }
    }

    /** Creates the template's tables, queues and buckets on the stack, keeping those that exist. */
    public static Report createOn(LocalAwsStack stack, TemplateResources resources) {
        return create(resources, stack.dynamoDb(), stack.sqs(), stack.s3(), stack.cognito(), stack.s3Versioning());
    }

    /**
     * Creates the template's tables, queues and buckets, each after those it refers to (a queue after
     * its dead-letter queue), keeping those that exist. Other resource types are listed, not created.
     *
     * @param s3Versioning whether the S3 server keeps versions (else a bucket's versioning is noted as missing)
     */
    public static Report create(TemplateResources resources, DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3,
                                boolean s3Versioning) {
        return create(resources, dynamoDb, sqs, s3, null, s3Versioning);
    }

    /** As {@link #create(TemplateResources, DynamoDbClient, SqsClient, S3Client, boolean)}, the Cognito resources too (null: listed only). */
    public static Report create(TemplateResources resources, DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3,
                                CognitoIdentityProviderClient cognito, boolean s3Versioning) {
        return new Provisioning(resources).create(dynamoDb, sqs, s3, cognito, s3Versioning);
    }

    private Report create(DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, CognitoIdentityProviderClient cognito, boolean s3Versioning) {
        var entries = new ArrayList<Entry>();
        for (var resource : resources.creationOrder()) {
            boolean identity = resource.type().startsWith("AWS::Cognito::");
            if (identity && cognito == null) {
                entries.add(new Entry(resource.name(), resource.type(), null, Outcome.NOT_LOCAL, "no Cognito endpoint given"));
                continue;
            }
            entries.add(switch (resource.type()) {
                case TemplateResources.DYNAMODB_TABLE -> createTable(dynamoDb, resource);
                case TemplateResources.SQS_QUEUE -> createQueue(sqs, resource);
                case TemplateResources.S3_BUCKET -> createBucket(s3, resource, s3Versioning);
                case TemplateResources.USER_POOL -> StaffPool.createPool(cognito, resources, resource);
                case TemplateResources.USER_POOL_CLIENT -> StaffPool.createClient(cognito, resources, resource);
                case TemplateResources.USER_POOL_GROUP -> StaffPool.createGroup(cognito, resources, resource);
                default -> throw new IllegalStateException(resource.type());
            });
        }
        for (var resource : resources.notCreatedLocally()) {
            entries.add(new Entry(resource.name(), resource.type(), null, Outcome.NOT_LOCAL, whyNotLocal(resource.type())));
        }
        return new Report(entries);
    }

    private static String whyNotLocal(String type) {
        if (type.equals("AWS::Serverless::Function") || type.equals("AWS::Lambda::Function")) return "run by the local runner";
        if (type.endsWith("Policy")) return "policies are not enforced locally";
        if (type.endsWith("Api")) return "served by the local runner";
        return "not emulated locally";
    }

    // ------------------------------------------------------------------ DynamoDB

    private Entry createTable(DynamoDbClient dynamoDb, Template.Resource resource) {
        String name = resources.physicalName(resource);
        String path = resource.path() + ".Properties";
        var props = map(resources.resolve(resource.properties(), path));
        var notes = new ArrayList<String>();
        if (props.containsKey("StreamSpecification")) notes.add("no streams locally (dynalite)");
        if (props.containsKey("TimeToLiveSpecification")) notes.add("no TTL expiry locally (dynalite)");

        TableDescription existing = describe(dynamoDb, name);
        if (existing != null) {
            var wanted = new LinkedHashSet<String>();
            for (Object gsi : list(props.get("GlobalSecondaryIndexes"))) wanted.add(TemplateResources.scalar(map(gsi).get("IndexName")));
            var present = new LinkedHashSet<String>();
            existing.globalSecondaryIndexes().forEach(g -> present.add(g.indexName()));
            if (!present.containsAll(wanted)) {
                var missing = new LinkedHashSet<>(wanted);
                missing.removeAll(present);
                notes.add("exists without index " + String.join(", ", missing)
                        + ": dynalite cannot add one; delete the table (or the data directory) to recreate it");
            }
            return new Entry(resource.name(), resource.type(), name, Outcome.KEPT, String.join("; ", notes));
        }

        var request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(list(props.get("AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                        .attributeName(TemplateResources.scalar(map(a).get("AttributeName")))
                        .attributeType(TemplateResources.scalar(map(a).get("AttributeType"))).build()).toList())
                .keySchema(keySchema(props.get("KeySchema")));
        boolean onDemand = "PAY_PER_REQUEST".equals(props.get("BillingMode"));
        if (onDemand) request.billingMode(BillingMode.PAY_PER_REQUEST);
        else request.provisionedThroughput(throughput(props.get("ProvisionedThroughput")));

        var gsis = new ArrayList<GlobalSecondaryIndex>();
        for (Object g : list(props.get("GlobalSecondaryIndexes"))) {
            var index = map(g);
            var builder = GlobalSecondaryIndex.builder().indexName(TemplateResources.scalar(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema"))).projection(projection(index.get("Projection")));
            if (!onDemand) builder.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
            gsis.add(builder.build());
        }
        if (!gsis.isEmpty()) request.globalSecondaryIndexes(gsis);
        var lsis = new ArrayList<LocalSecondaryIndex>();
        for (Object l : list(props.get("LocalSecondaryIndexes"))) {
            var index = map(l);
            lsis.add(LocalSecondaryIndex.builder().indexName(TemplateResources.scalar(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema"))).projection(projection(index.get("Projection"))).build());
        }
        if (!lsis.isEmpty()) request.localSecondaryIndexes(lsis);

        try {
            dynamoDb.createTable(request.build());
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException raced) {
            return new Entry(resource.name(), resource.type(), name, Outcome.KEPT, String.join("; ", notes));
        } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
            throw new TemplateException(template.where(resource.path()) + ": DynamoDB refused table " + name + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        awaitActive(dynamoDb, name);
        return new Entry(resource.name(), resource.type(), name, Outcome.CREATED, String.join("; ", notes));
    }

    private static TableDescription describe(DynamoDbClient dynamoDb, String name) {
        try {
            return dynamoDb.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static void awaitActive(DynamoDbClient dynamoDb, String name) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var table = describe(dynamoDb, name);
            if (table != null && table.tableStatus() == TableStatus.ACTIVE) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new LocalStackException("Table " + name + " did not become ACTIVE within 10 s");
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream().map(k -> KeySchemaElement.builder()
                .attributeName(TemplateResources.scalar(map(k).get("AttributeName")))
                .keyType(TemplateResources.scalar(map(k).get("KeyType"))).build()).toList();
    }

    private static Projection projection(Object value) {
        var p = map(value);
        var builder = Projection.builder().projectionType(p.containsKey("ProjectionType") ? TemplateResources.scalar(p.get("ProjectionType")) : "ALL");
        var nonKey = list(p.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) builder.nonKeyAttributes(nonKey.stream().map(TemplateResources::scalar).toList());
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        var t = map(value);
        // CloudFormation requires these with PROVISIONED; locally a missing value is harmless
        long read = t.containsKey("ReadCapacityUnits") ? Long.parseLong(TemplateResources.scalar(t.get("ReadCapacityUnits"))) : 5;
        long write = t.containsKey("WriteCapacityUnits") ? Long.parseLong(TemplateResources.scalar(t.get("WriteCapacityUnits"))) : 5;
        return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
    }

    // ------------------------------------------------------------------ SQS

    private static final Map<String, QueueAttributeName> QUEUE_ATTRIBUTES = Map.of(
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "FifoQueue", QueueAttributeName.FIFO_QUEUE,
            "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);

    private Entry createQueue(SqsClient sqs, Template.Resource resource) {
        String name = resources.physicalName(resource);
        String path = resource.path() + ".Properties";
        var props = map(resources.resolve(resource.properties(), path));
        try {
            sqs.getQueueUrl(b -> b.queueName(name));
            return new Entry(resource.name(), resource.type(), name, Outcome.KEPT, "");
        } catch (QueueDoesNotExistException absent) {
            // create it below
        }
        var notes = new ArrayList<String>();
        for (String ignored : List.of("MessageRetentionPeriod", "MaximumMessageSize")) {
            if (props.containsKey(ignored)) notes.add(ignored + " not enforced by ElasticMQ");
        }
        var attributes = new LinkedHashMap<QueueAttributeName, String>();
        QUEUE_ATTRIBUTES.forEach((property, attribute) -> {
            if (props.containsKey(property)) attributes.put(attribute, TemplateResources.scalar(props.get(property)));
        });
        if (props.containsKey("RedrivePolicy")) {
            Object policy = props.get("RedrivePolicy");
            try {
                attributes.put(QueueAttributeName.REDRIVE_POLICY,
                        policy instanceof String s ? s : JSON.writeValueAsString(stringValues(map(policy))));
            } catch (JsonProcessingException e) {
                throw new TemplateException(template.where(path + ".RedrivePolicy") + ": " + e.getMessage(), e);
            }
        }
        try {
            sqs.createQueue(b -> b.queueName(name).attributes(attributes));
        } catch (software.amazon.awssdk.services.sqs.model.SqsException e) {
            throw new TemplateException(template.where(resource.path()) + ": SQS refused queue " + name + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        return new Entry(resource.name(), resource.type(), name, Outcome.CREATED, String.join("; ", notes));
    }

    private static Map<String, String> stringValues(Map<String, Object> map) {
        var result = new LinkedHashMap<String, String>();
        map.forEach((k, v) -> result.put(k, TemplateResources.scalar(v)));
        return result;
    }

    // ------------------------------------------------------------------ S3

    private Entry createBucket(S3Client s3, Template.Resource resource, boolean versioningAvailable) {
        String name = resources.physicalName(resource);
        var props = map(resources.resolve(resource.properties(), resource.path() + ".Properties"));
        boolean wantsVersioning = "Enabled".equals(map(props.get("VersioningConfiguration")).get("Status"));
        var notes = new ArrayList<String>();
        if (props.containsKey("BucketEncryption")) notes.add("not encrypted locally");
        if (props.containsKey("NotificationConfiguration")) notes.add("notifications are delivered by the local runner, if at all");
        try {
            s3.headBucket(b -> b.bucket(name));
            return new Entry(resource.name(), resource.type(), name, Outcome.KEPT, String.join("; ", notes));
        } catch (NoSuchBucketException absent) {
            // create it below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw e;
        }
        try {
            s3.createBucket(b -> b.bucket(name));
            if (wantsVersioning) {
                if (versioningAvailable) {
                    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status("Enabled")));
                } else {
                    notes.add(0, "not versioned: s3proxy keeps versions only in memory, not in a data directory");
                }
            }
        } catch (S3Exception e) {
            throw new TemplateException(template.where(resource.path()) + ": S3 refused bucket " + name + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        return new Entry(resource.name(), resource.type(), name, Outcome.CREATED, String.join("; ", notes));
    }
}
