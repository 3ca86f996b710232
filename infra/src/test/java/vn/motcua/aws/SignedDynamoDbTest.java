package vn.motcua.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signed DynamoDB client against the local stack (dynalite), and against a local server that fails on purpose. */
@LocalAws
class SignedDynamoDbTest {

    private SignedDynamoDb db;
    private String dossiers;
    private String catalog;

    @BeforeEach
    void setUp(TestStack aws) {
        db = new SignedDynamoDb(aws.stack().settings());
        dossiers = aws.table("DossierTable");
        catalog = aws.table("CatalogTable");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static String pk() { return "T#" + UUID.randomUUID(); }

    private static AttributeValue s(String v) { return AttributeValue.fromS(v); }

    private static SdkBytes bytes(int... b) {
        var out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return SdkBytes.fromByteArray(out);
    }

    @Test
    void everyAttributeTypeRoundTrips() {
        var pk = pk();
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(pk));
        item.put("s", s("Nguyễn Văn A \"quoted\" \\ \n"));
        item.put("n", AttributeValue.fromN("-12.5"));
        item.put("b", AttributeValue.fromB(bytes(0, 1, 2, 255, 254)));
        item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("bs", AttributeValue.fromBs(List.of(bytes(1), bytes(2, 3))));
        item.put("m", AttributeValue.fromM(Map.of("inner", s("x"), "deep", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("7"))))));
        item.put("l", AttributeValue.fromL(List.of(s("one"), AttributeValue.fromN("2"), AttributeValue.fromBool(false),
                AttributeValue.fromNul(true), AttributeValue.fromL(List.of()))));
        item.put("nul", AttributeValue.fromNul(true));
        item.put("yes", AttributeValue.fromBool(true));
        item.put("emptyMap", AttributeValue.fromM(Map.of()));
        db.putItem(p -> p.tableName(dossiers).item(item));

        var read = db.getItem(g -> g.tableName(dossiers).key(Map.of("pk", s(pk))).consistentRead(true)).item();

        assertThat(read.keySet()).isEqualTo(item.keySet());
        // sets come back in any order
        assertThat(read.get("ss").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(read.get("ns").ns()).containsExactlyInAnyOrder("1", "2.5");
        assertThat(read.get("bs").bs()).containsExactlyInAnyOrder(bytes(1), bytes(2, 3));
        for (String name : List.of("pk", "s", "n", "b", "m", "l", "nul", "yes", "emptyMap")) {
            assertThat(read.get(name)).as(name).isEqualTo(item.get(name));
        }
    }

    @Test
    void aMissingItemIsAnEmptyAnswerAndAProjectionReadsOnlyItsAttributes() {
        var missing = db.getItem(g -> g.tableName(dossiers).key(Map.of("pk", s(pk()))));
        assertThat(missing.hasItem()).isFalse();

        var pk = pk();
        db.putItem(p -> p.tableName(dossiers).item(Map.of("pk", s(pk), "a", s("1"), "status", s("x"))));
        var projected = db.getItem(g -> g.tableName(dossiers).key(Map.of("pk", s(pk))).consistentRead(true)
                .projectionExpression("#st").expressionAttributeNames(Map.of("#st", "status"))).item();
        assertThat(projected).containsOnlyKeys("status");
    }

    @Test
    void updateAndDeleteAnswerTheAttributesAskedFor() {
        var pk = pk();
        var key = Map.of("pk", s(pk));
        var first = db.updateItem(u -> u.tableName(dossiers).key(key).updateExpression("ADD #seq :one SET kind = :k")
                .expressionAttributeNames(Map.of("#seq", "seq")).expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":k", s("C")))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(first.attributes()).containsEntry("seq", AttributeValue.fromN("1")).containsEntry("kind", s("C"));
        var second = db.updateItem(u -> u.tableName(dossiers).key(key).updateExpression("ADD #seq :one")
                .expressionAttributeNames(Map.of("#seq", "seq")).expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        assertThat(second.hasAttributes()).isFalse();

        var deleted = db.deleteItem(d -> d.tableName(dossiers).key(key).conditionExpression("#seq = :two")
                .expressionAttributeNames(Map.of("#seq", "seq")).expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).containsEntry("pk", s(pk)).containsEntry("seq", AttributeValue.fromN("2"));
        assertThat(db.getItem(g -> g.tableName(dossiers).key(key).consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void aFailedConditionIsTheSdksExceptionWithCodeAndStatus() {
        var pk = pk();
        db.putItem(p -> p.tableName(dossiers).item(Map.of("pk", s(pk))));

        assertThatThrownBy(() -> db.putItem(p -> p.tableName(dossiers).item(Map.of("pk", s(pk)))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", "pk"))))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConditionalCheckFailedException");
                    assertThat(e.awsErrorDetails().serviceName()).isEqualTo("DynamoDb");
                    assertThat(e.getMessage()).startsWith("The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: ");
                });
        assertThatThrownBy(() -> db.updateItem(u -> u.tableName(dossiers).key(Map.of("pk", s(pk))).updateExpression("SET a = :a")
                .conditionExpression("a = :a").expressionAttributeValues(Map.of(":a", s("x")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void anUnknownTableIsResourceNotFound() {
        assertThatThrownBy(() -> db.getItem(g -> g.tableName("no-such-table").key(Map.of("pk", s("x")))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                });
    }

    @Test
    void aQueryPagesWithLastEvaluatedKey() {
        var pk = pk();
        for (int i = 1; i <= 5; i++) {
            var sk = "S" + i;
            var kind = i % 2 == 0 ? "even" : "odd";
            db.putItem(p -> p.tableName(catalog).item(Map.of("pk", s(pk), "sk", s(sk), "kind", s(kind))));
        }
        var seen = new ArrayList<String>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            var from = start;
            var page = db.query(q -> {
                q.tableName(catalog).keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s(pk)))
                        .limit(2).consistentRead(true);
                if (from != null) q.exclusiveStartKey(from);
            });
            pages++;
            assertThat(page.count()).isEqualTo(page.items().size());
            assertThat(page.scannedCount()).isEqualTo(page.items().size());
            page.items().forEach(item -> seen.add(item.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (start != null) assertThat(start).containsOnlyKeys("pk", "sk");
        } while (start != null);
        assertThat(seen).containsExactly("S1", "S2", "S3", "S4", "S5");
        assertThat(pages).isGreaterThanOrEqualTo(3);

        var backwards = db.query(q -> q.tableName(catalog).keyConditionExpression("pk = :p AND sk > :from")
                .filterExpression("kind = :k").projectionExpression("sk")
                .expressionAttributeValues(Map.of(":p", s(pk), ":from", s("S1"), ":k", s("even"))).scanIndexForward(false));
        assertThat(backwards.items()).extracting(i -> i.get("sk").s()).containsExactly("S4", "S2");
        assertThat(backwards.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("sk"));
        assertThat(backwards.scannedCount()).isEqualTo(4);

        var counted = db.query(q -> q.tableName(catalog).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(pk))).select(Select.COUNT));
        assertThat(counted.count()).isEqualTo(5);
        assertThat(counted.hasItems()).isFalse();
    }

    @Test
    void aQueryOnAnIndex() {
        var pk = pk();
        var state = "AG-" + UUID.randomUUID() + "#RECEIVED";
        db.putItem(p -> p.tableName(dossiers).item(Map.of("pk", s(pk), "agencyState", s(state), "dueKey", s("2020-03-01#" + pk))));
        var found = db.query(q -> q.tableName(dossiers).indexName("byAgencyState").keyConditionExpression("agencyState = :s")
                .expressionAttributeValues(Map.of(":s", s(state))));
        assertThat(found.items()).extracting(i -> i.get("pk").s()).containsExactly(pk);
    }

    @Test
    void aBatchGetReadsWhatExistsOfTheKeys() {
        var a = pk();
        var b = pk();
        db.putItem(p -> p.tableName(dossiers).item(Map.of("pk", s(a), "v", AttributeValue.fromN("1"))));
        db.putItem(p -> p.tableName(dossiers).item(Map.of("pk", s(b), "v", AttributeValue.fromN("2"))));

        var answer = db.batchGetItem(g -> g.requestItems(Map.of(dossiers, KeysAndAttributes.builder()
                .keys(Map.of("pk", s(a)), Map.of("pk", s(b)), Map.of("pk", s(pk()))).consistentRead(true).build())));

        assertThat(answer.responses()).containsOnlyKeys(dossiers);
        assertThat(answer.responses().get(dossiers)).extracting(i -> i.get("v").n()).containsExactlyInAnyOrder("1", "2");
        assertThat(answer.unprocessedKeys()).isEmpty();
    }

    @Test
    void aFieldThisClientDoesNotWriteFailsInsteadOfBeingDropped() {
        assertThatThrownBy(() -> db.putItem(p -> p.tableName(dossiers).item(Map.of("pk", s(pk())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("ReturnConsumedCapacity");
        assertThatThrownBy(() -> db.batchGetItem(g -> g.requestItems(Map.of(dossiers, KeysAndAttributes.builder()
                .keys(List.of(Map.of("pk", s("x")))).attributesToGet("pk").build()))))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("AttributesToGet");
        assertThatThrownBy(() -> db.scan(s -> s.tableName(dossiers))).isInstanceOf(UnsupportedOperationException.class);
    }

    /** A local server standing in for DynamoDB, answering what each test tells it to. */
    @Nested
    class AgainstAFailingServer {

        private record Reply(int status, String type, String body) {}

        private final List<Reply> replies = new CopyOnWriteArrayList<>();
        private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        private HttpServer server;
        private SignedDynamoDb failing;

        @BeforeEach
        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                var headers = new HashMap<String, String>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                headers.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                seen.add(headers);
                var reply = replies.size() > 1 ? replies.remove(0) : replies.get(0);
                if (reply.type() != null) exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.type());
                exchange.getResponseHeaders().add("x-amzn-RequestId", "REQ-" + seen.size());
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            failing = new SignedDynamoDb(settings(server.getAddress().getPort()));
        }

        @AfterEach
        void stop() {
            failing.close();
            server.stop(0);
        }

        private AwsSettings settings(int port) {
            return AwsSettings.from(Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + port));
        }

        private String get() {
            return failing.getItem(g -> g.tableName("t").key(Map.of("pk", s("k")))).item().get("v").s();
        }

        @Test
        void twoServerErrorsThenAnAnswerIsRetriedAndSigned() {
            replies.add(new Reply(500, null, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"boom\"}"));
            replies.add(new Reply(503, null, ""));
            replies.add(new Reply(200, null, "{\"Item\":{\"v\":{\"S\":\"ok\"}}}"));

            assertThat(get()).isEqualTo("ok");
            assertThat(seen).hasSize(3).allSatisfy(h -> {
                assertThat(h).containsEntry("x-amz-target", "DynamoDB_20120810.GetItem")
                        .containsEntry("content-type", "application/x-amz-json-1.0");
                assertThat(h.get("authorization")).contains("/ap-southeast-1/dynamodb/aws4_request");
                assertThat(h.get("body")).isEqualTo("{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"k\"}}}");
            });
        }

        @Test
        void aValidationErrorIsNotRetried() {
            replies.add(new Reply(400, null, "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"bad key\"}"));

            assertThatThrownBy(this::get).isExactlyInstanceOf(DynamoDbException.class).satisfies(t -> {
                var e = (DynamoDbException) t;
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("bad key");
                assertThat(e.requestId()).isEqualTo("REQ-1");
                assertThat(e.getMessage()).startsWith("bad key (Service: DynamoDb, Status Code: 400, Request ID: REQ-1)");
            });
            assertThat(seen).hasSize(1);
        }

        @Test
        void throttlingIsRetriedThreeTimesInAllThenThrown() {
            replies.add(new Reply(400, "ThrottlingException:http://internal.amazon.com/coral/", "{\"message\":\"slow down\"}"));

            assertThatThrownBy(this::get).isInstanceOfSatisfying(ThrottlingException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
            assertThat(seen).hasSize(SignedDynamoDb.MAX_ATTEMPTS);
        }

        @Test
        void aFailedConditionCarriesTheItemAskedFor() {
            replies.add(new Reply(400, null, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                    + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"k\"},\"v\":{\"N\":\"3\"}}}"));

            assertThatThrownBy(() -> failing.putItem(p -> p.tableName("t").item(Map.of("pk", s("k")))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                    .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                        assertThat(e.item()).containsEntry("v", AttributeValue.fromN("3"));
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).get("body")).contains("\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"");
        }

        @Test
        void noServerAtAllIsAClearClientError() throws IOException {
            int closed;
            try (var socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            try (var nowhere = new SignedDynamoDb(settings(closed))) {
                assertThatThrownBy(() -> nowhere.getItem(g -> g.tableName("t").key(Map.of("pk", s("k")))))
                        .isInstanceOf(SdkClientException.class)
                        .hasMessageContaining("DynamoDB GetItem: no answer from http://127.0.0.1:" + closed)
                        .hasMessageContaining("after 3 attempts");
            }
        }
    }
}
