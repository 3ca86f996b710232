package vn.motcua.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The DynamoDB calls the functions make (PutItem, GetItem, UpdateItem, DeleteItem, Query, BatchGetItem)
 * as signed awsJson1_0 calls (POST / with {@code X-Amz-Target: DynamoDB_20120810.<Operation>}) behind the
 * SDK's own {@link DynamoDbClient} interface and model: the repositories do not change, but a cold start
 * no longer loads the SDK client's pipeline, endpoint rules and protocol marshallers (about 2,600
 * classes). Endpoint {@code https://dynamodb.<region>.amazonaws.com} or {@code AWS_ENDPOINT_URL_DYNAMODB}.
 *
 * <p>Every other operation is the interface's default ({@link UnsupportedOperationException}); so is a
 * request field this class does not write, rather than being dropped silently. Table administration
 * (the local stack, the seed) uses the SDK client ({@link AwsClients#newSdkDynamoDb}).
 *
 * <p>Retries as the SDK's standard mode: at most 3 attempts, for throttling, 500/502/503/504 and no
 * answer at all, after a jittered exponential pause (25-50 ms, then 50-100 ms). Errors are the SDK's
 * exception types with status, code and message, so {@code catch (ConditionalCheckFailedException e)}
 * works as before; no answer is an {@link SdkClientException}. Nothing is logged: items hold personal data.
 */
final class SignedDynamoDb implements DynamoDbClient {

    static final int MAX_ATTEMPTS = 3;
    private static final long BASE_DELAY_MS = 25;
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "ProvisionedThroughputExceededException",
            "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "RequestThrottledException",
            "TransactionInProgressException");

    private static final Set<String> PUT = Set.of("TableName", "Item", "ConditionExpression", "ExpressionAttributeNames",
            "ExpressionAttributeValues", "ReturnValues", "ReturnValuesOnConditionCheckFailure");
    private static final Set<String> GET = Set.of("TableName", "Key", "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames");
    private static final Set<String> UPDATE = Set.of("TableName", "Key", "UpdateExpression", "ConditionExpression",
            "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues", "ReturnValuesOnConditionCheckFailure");
    private static final Set<String> DELETE = Set.of("TableName", "Key", "ConditionExpression", "ExpressionAttributeNames",
            "ExpressionAttributeValues", "ReturnValues", "ReturnValuesOnConditionCheckFailure");
    private static final Set<String> QUERY = Set.of("TableName", "IndexName", "KeyConditionExpression", "FilterExpression",
            "ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ExclusiveStartKey", "Limit",
            "ScanIndexForward", "ConsistentRead", "Select");
    private static final Set<String> BATCH_GET = Set.of("RequestItems");
    private static final Set<String> KEYS_AND_ATTRIBUTES = Set.of("Keys", "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames");

    private final SignedJson calls;

    SignedDynamoDb(AwsSettings settings) {
        this.calls = new SignedJson(settings, AwsSettings.DYNAMODB, "dynamodb", "dynamodb");
    }

    // ---- operations ----------------------------------------------------------------------------

    @Override
    public PutItemResponse putItem(PutItemRequest r) {
        only("PutItem", r, PUT);
        String answer = call("PutItem", g -> {
            g.writeStringField("TableName", r.tableName());
            item(g, "Item", r.item());
            writes(g, r.conditionExpression(), r.expressionAttributeNames(), r.expressionAttributeValues(),
                    r.returnValuesAsString(), r.returnValuesOnConditionCheckFailureAsString());
        });
        var out = PutItemResponse.builder();
        read(answer, (name, p) -> {
            if (!name.equals("Attributes")) return false;
            out.attributes(readItem(p));
            return true;
        });
        return out.build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest r) {
        only("GetItem", r, GET);
        String answer = call("GetItem", g -> {
            g.writeStringField("TableName", r.tableName());
            item(g, "Key", r.key());
            bool(g, "ConsistentRead", r.consistentRead());
            string(g, "ProjectionExpression", r.projectionExpression());
            names(g, r.expressionAttributeNames());
        });
        var out = GetItemResponse.builder();
        read(answer, (name, p) -> {
            if (!name.equals("Item")) return false;
            out.item(readItem(p));
            return true;
        });
        return out.build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest r) {
        only("UpdateItem", r, UPDATE);
        String answer = call("UpdateItem", g -> {
            g.writeStringField("TableName", r.tableName());
            item(g, "Key", r.key());
            string(g, "UpdateExpression", r.updateExpression());
            writes(g, r.conditionExpression(), r.expressionAttributeNames(), r.expressionAttributeValues(),
                    r.returnValuesAsString(), r.returnValuesOnConditionCheckFailureAsString());
        });
        var out = UpdateItemResponse.builder();
        read(answer, (name, p) -> {
            if (!name.equals("Attributes")) return false;
            out.attributes(readItem(p));
            return true;
        });
        return out.build();
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest r) {
        only("DeleteItem", r, DELETE);
        String answer = call("DeleteItem", g -> {
            g.writeStringField("TableName", r.tableName());
            item(g, "Key", r.key());
            writes(g, r.conditionExpression(), r.expressionAttributeNames(), r.expressionAttributeValues(),
                    r.returnValuesAsString(), r.returnValuesOnConditionCheckFailureAsString());
        });
        var out = DeleteItemResponse.builder();
        read(answer, (name, p) -> {
            if (!name.equals("Attributes")) return false;
            out.attributes(readItem(p));
            return true;
        });
        return out.build();
    }

    @Override
    public QueryResponse query(QueryRequest r) {
        only("Query", r, QUERY);
        String answer = call("Query", g -> {
            g.writeStringField("TableName", r.tableName());
            string(g, "IndexName", r.indexName());
            string(g, "KeyConditionExpression", r.keyConditionExpression());
            string(g, "FilterExpression", r.filterExpression());
            string(g, "ProjectionExpression", r.projectionExpression());
            names(g, r.expressionAttributeNames());
            item(g, "ExpressionAttributeValues", r.expressionAttributeValues());
            item(g, "ExclusiveStartKey", r.exclusiveStartKey());
            if (r.limit() != null) g.writeNumberField("Limit", r.limit());
            bool(g, "ScanIndexForward", r.scanIndexForward());
            bool(g, "ConsistentRead", r.consistentRead());
            string(g, "Select", r.selectAsString());
        });
        var out = QueryResponse.builder();
        read(answer, (name, p) -> {
            switch (name) {
                case "Items" -> out.items(readItems(p));
                case "Count" -> out.count(p.getIntValue());
                case "ScannedCount" -> out.scannedCount(p.getIntValue());
                case "LastEvaluatedKey" -> out.lastEvaluatedKey(readItem(p));
                default -> { return false; }
            }
            return true;
        });
        return out.build();
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        only("BatchGetItem", r, BATCH_GET);
        r.requestItems().values().forEach(k -> only("BatchGetItem", k, KEYS_AND_ATTRIBUTES));
        String answer = call("BatchGetItem", g -> {
            g.writeObjectFieldStart("RequestItems");
            for (var table : r.requestItems().entrySet()) {
                var k = table.getValue();
                g.writeObjectFieldStart(table.getKey());
                g.writeArrayFieldStart("Keys");
                for (var key : k.keys()) writeItem(g, key);
                g.writeEndArray();
                bool(g, "ConsistentRead", k.consistentRead());
                string(g, "ProjectionExpression", k.projectionExpression());
                names(g, k.expressionAttributeNames());
                g.writeEndObject();
            }
            g.writeEndObject();
        });
        var out = BatchGetItemResponse.builder();
        read(answer, (name, p) -> {
            switch (name) {
                case "Responses" -> {
                    var responses = new LinkedHashMap<String, List<Map<String, AttributeValue>>>();
                    expect(p, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String table = p.currentName();
                        p.nextToken();
                        responses.put(table, readItems(p));
                    }
                    out.responses(responses);
                }
                case "UnprocessedKeys" -> {
                    var unprocessed = new LinkedHashMap<String, KeysAndAttributes>();
                    expect(p, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String table = p.currentName();
                        p.nextToken();
                        unprocessed.put(table, readKeysAndAttributes(p));
                    }
                    out.unprocessedKeys(unprocessed);
                }
                default -> { return false; }
            }
            return true;
        });
        return out.build();
    }

    @Override
    public String serviceName() { return SERVICE_NAME; }

    @Override
    public void close() { calls.close(); }

    // ---- the call ------------------------------------------------------------------------------

    /** Writes a request's fields into the body's object. */
    private interface Body { void write(JsonGenerator g) throws IOException; }

    /** Reads one field of the answer's object (the parser on its value); false to skip it. */
    private interface Field { boolean read(String name, JsonParser p) throws IOException; }

    private String call(String operation, Body body) {
        var text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        var headers = Map.of("X-Amz-Target", "DynamoDB_20120810." + operation, "Content-Type", "application/x-amz-json-1.0");
        for (int attempt = 1; ; attempt++) {
            SignedJson.Answer answer;
            try {
                answer = calls.exchange("/", headers, text.toString());
            } catch (IOException e) {
                if (attempt < MAX_ATTEMPTS) {
                    pause(operation, attempt);
                    continue;
                }
                throw SdkClientException.builder().message("DynamoDB " + operation + ": no answer from " + calls.endpoint()
                        + " after " + attempt + " attempts: " + e).cause(e).numAttempts(attempt).build();
            }
            if (answer.status() < 300) return answer.body();
            DynamoDbException failure = failure(answer, attempt);
            if (attempt >= MAX_ATTEMPTS || !retryable(answer.status(), failure.awsErrorDetails().errorCode())) throw failure;
            pause(operation, attempt);
        }
    }

    /** The SDK's standard mode: throttling (by code or 429) and the server's transient errors; never another 4xx. */
    static boolean retryable(int status, String code) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504
                || (code != null && THROTTLING.contains(code));
    }

    private static void pause(String operation, int attempt) {
        long base = BASE_DELAY_MS << (attempt - 1);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.builder().message("DynamoDB " + operation + ": interrupted before retrying").cause(e).build();
        }
    }

    /** The SDK's exception for the answer's error code, as the SDK client would throw it. */
    private static DynamoDbException failure(SignedJson.Answer answer, int attempts) {
        String code = SignedJson.errorCode(answer.errorType(), null);
        String message = null;
        Map<String, AttributeValue> item = null;
        if (!answer.body().isBlank()) {
            try (JsonParser p = JSON.createParser(answer.body())) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken value = p.nextToken();
                        switch (name) {
                            case "__type", "code", "Code" -> { if (code == null && value == JsonToken.VALUE_STRING) code = SignedJson.errorCode(p.getText(), null); }
                            case "message", "Message" -> { if (value == JsonToken.VALUE_STRING) message = p.getText(); }
                            case "Item" -> item = readItem(p);
                            default -> p.skipChildren();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not JSON (a proxy's page): the status and the header's code say enough
            }
        }
        if (code == null) code = answer.status() >= 500 ? "InternalServerError" : "UnknownError";
        DynamoDbException.Builder builder = switch (code) {
            case "ConditionalCheckFailedException" -> {
                var b = ConditionalCheckFailedException.builder();
                if (item != null) b.item(item);
                yield b;
            }
            case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
            case "ProvisionedThroughputExceededException" -> ProvisionedThroughputExceededException.builder();
            case "RequestLimitExceeded" -> RequestLimitExceededException.builder();
            case "ThrottlingException" -> ThrottlingException.builder();
            case "InternalServerError" -> InternalServerErrorException.builder();
            default -> DynamoDbException.builder(); // ValidationException, AccessDeniedException, ...
        };
        // getMessage() adds "(Service: DynamoDb, Status Code: 400, Request ID: ...)" from the details, as for the SDK's own
        return (DynamoDbException) builder.message(message == null ? code : message).statusCode(answer.status()).requestId(answer.requestId()).numAttempts(attempts)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build())
                .build();
    }

    /** A field set on the request that this class would not send fails the call instead of being dropped. */
    private static void only(String operation, SdkRequest request, Set<String> written) {
        for (SdkField<?> field : request.sdkFields()) {
            Object value = field.getValueOrDefault(request);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) continue;
            if (!written.contains(field.memberName())) {
                throw new UnsupportedOperationException("DynamoDB " + operation + ": " + field.memberName() + " is not supported by " + SignedDynamoDb.class.getSimpleName());
            }
        }
        if (request.overrideConfiguration().isPresent()) {
            throw new UnsupportedOperationException("DynamoDB " + operation + ": overrideConfiguration is not supported by " + SignedDynamoDb.class.getSimpleName());
        }
    }

    private static void only(String operation, KeysAndAttributes keys, Set<String> written) {
        for (SdkField<?> field : keys.sdkFields()) {
            Object value = field.getValueOrDefault(keys);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) continue;
            if (!written.contains(field.memberName())) {
                throw new UnsupportedOperationException("DynamoDB " + operation + ": RequestItems." + field.memberName() + " is not supported by " + SignedDynamoDb.class.getSimpleName());
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    private static void writes(JsonGenerator g, String condition, Map<String, String> names, Map<String, AttributeValue> values,
                               String returnValues, String returnValuesOnConditionCheckFailure) throws IOException {
        string(g, "ConditionExpression", condition);
        names(g, names);
        item(g, "ExpressionAttributeValues", values);
        string(g, "ReturnValues", returnValues);
        string(g, "ReturnValuesOnConditionCheckFailure", returnValuesOnConditionCheckFailure);
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }

    private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value != null) g.writeBooleanField(name, value);
    }

    private static void names(JsonGenerator g, Map<String, String> names) throws IOException {
        if (names == null || names instanceof SdkAutoConstructMap) return;
        g.writeObjectFieldStart("ExpressionAttributeNames");
        for (var e : names.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    /** An item, key or values map; left out when the request did not set it (as the SDK does). */
    private static void item(JsonGenerator g, String name, Map<String, AttributeValue> item) throws IOException {
        if (item == null || item instanceof SdkAutoConstructMap) return;
        g.writeFieldName(name);
        writeItem(g, item);
    }

    private static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (var e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    static void writeValue(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        switch (v.type()) {
            case S -> g.writeStringField("S", v.s());
            case N -> g.writeStringField("N", v.n());
            case B -> g.writeStringField("B", Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe()));
            case SS -> strings(g, "SS", v.ss());
            case NS -> strings(g, "NS", v.ns());
            case BS -> {
                g.writeArrayFieldStart("BS");
                for (SdkBytes b : v.bs()) g.writeString(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()));
                g.writeEndArray();
            }
            case M -> {
                g.writeFieldName("M");
                writeItem(g, v.m());
            }
            case L -> {
                g.writeArrayFieldStart("L");
                for (AttributeValue e : v.l()) writeValue(g, e);
                g.writeEndArray();
            }
            case NUL -> g.writeBooleanField("NULL", true);
            case BOOL -> g.writeBooleanField("BOOL", v.bool());
            default -> throw new IllegalArgumentException("an AttributeValue with no value set");
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) g.writeString(s);
        g.writeEndArray();
    }

    // ---- reading -------------------------------------------------------------------------------

    private static void read(String answer, Field field) {
        if (answer.isBlank()) return;
        try (JsonParser p = JSON.createParser(answer)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!field.read(name, p)) p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            throw SdkClientException.builder().message("DynamoDB: the answer could not be read: " + e.getMessage()).cause(e).build();
        }
    }

    private static void expect(JsonParser p, JsonToken wanted) throws IOException {
        expect(p, p.currentToken(), wanted);
    }

    private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) throw new IOException("expected " + wanted + ", found " + found + " at " + p.currentLocation().getCharOffset());
    }

    /** An item: the parser is on its START_OBJECT and ends on its END_OBJECT. */
    static Map<String, AttributeValue> readItem(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        var item = new LinkedHashMap<String, AttributeValue>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            item.put(name, readValue(p));
        }
        return item;
    }

    private static List<Map<String, AttributeValue>> readItems(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        var items = new ArrayList<Map<String, AttributeValue>>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(readItem(p));
        return items;
    }

    static AttributeValue readValue(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        AttributeValue value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String type = p.currentName();
            p.nextToken();
            value = switch (type) {
                case "S" -> AttributeValue.fromS(p.getText());
                case "N" -> AttributeValue.fromN(p.getText());
                case "B" -> AttributeValue.fromB(bytes(p.getText()));
                case "SS" -> AttributeValue.fromSs(readStrings(p));
                case "NS" -> AttributeValue.fromNs(readStrings(p));
                case "BS" -> AttributeValue.fromBs(readStrings(p).stream().map(SignedDynamoDb::bytes).toList());
                case "M" -> AttributeValue.fromM(readItem(p));
                case "L" -> {
                    expect(p, JsonToken.START_ARRAY);
                    var list = new ArrayList<AttributeValue>();
                    while (p.nextToken() != JsonToken.END_ARRAY) list.add(readValue(p));
                    yield AttributeValue.fromL(list);
                }
                case "NULL" -> AttributeValue.fromNul(p.getBooleanValue());
                case "BOOL" -> AttributeValue.fromBool(p.getBooleanValue());
                default -> throw new IOException("an attribute of type " + type + " this client does not read");
            };
        }
        if (value == null) throw new IOException("an attribute value without a type");
        return value;
    }

    private static List<String> readStrings(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        var values = new ArrayList<String>();
        while (p.nextToken() != JsonToken.END_ARRAY) values.add(p.getText());
        return values;
    }

    private static SdkBytes bytes(String base64) {
        return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64));
    }

    private static KeysAndAttributes readKeysAndAttributes(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        var out = KeysAndAttributes.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "Keys" -> out.keys(readItems(p));
                case "ConsistentRead" -> out.consistentRead(p.getBooleanValue());
                case "ProjectionExpression" -> out.projectionExpression(p.getText());
                case "ExpressionAttributeNames" -> {
                    var names = new LinkedHashMap<String, String>();
                    expect(p, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        names.put(key, p.getText());
                    }
                    out.expressionAttributeNames(names);
                }
                default -> p.skipChildren();
            }
        }
        return out.build();
    }
}
