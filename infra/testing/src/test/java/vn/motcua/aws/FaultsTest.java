package vn.motcua.aws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;
import vn.motcua.notices.Email;
import vn.motcua.notices.Mailer;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults the SDK handles for us, against the emulators through a {@link FailingProxy}: throttling
 * answers are retried (with the SDK's backoff) until the call goes through.
 */
@LocalAws
class FaultsTest {

    private static final String JSON_10 = "application/x-amz-json-1.0";

    private TestStack aws;
    private FailingProxy proxy;

    @BeforeEach
    void setUp(TestStack aws) {
        this.aws = aws;
    }

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) proxy.close();
    }

    /** A client of the functions' own making, its endpoint the proxy in front of {@code service}'s emulator. */
    private AwsSettings through(String service, URI emulator) throws IOException {
        proxy = new FailingProxy(emulator);
        var env = new HashMap<>(aws.awsEnvironment());
        env.put("AWS_ENDPOINT_URL_" + service, proxy.url());
        return AwsSettings.from(env);
    }

    private static String dynamoDbError(String type, String message) {
        return FailingProxy.answer(400, "Bad Request", JSON_10, null,
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}");
    }

    @Test
    void dynamoDbThrottlingIsRetriedUntilTheWriteGoesThrough() throws IOException {
        try (DynamoDbClient db = AwsClients.newDynamoDb(through(AwsSettings.DYNAMODB, aws.stack().dynamoDbEndpoint()))) {
            proxy.answer(r -> r.has("DynamoDB_20120810.PutItem"), 2, dynamoDbError("ThrottlingException", "Rate of requests exceeds the allowed throughput."));
            String pk = "FAULT#" + UUID.randomUUID();

            db.putItem(p -> p.tableName(aws.table("DossierTable")).item(Map.of("pk", AttributeValue.fromS(pk))));

            assertThat(proxy.count("DynamoDB_20120810.PutItem")).isEqualTo(3);
            assertThat(aws.dynamoDb().getItem(g -> g.tableName(aws.table("DossierTable")).key(Map.of("pk", AttributeValue.fromS(pk)))
                    .consistentRead(true)).hasItem()).isTrue();
        }
    }

    @Test
    void provisionedThroughputExceededIsRetriedUntilTheReadGoesThrough() throws IOException {
        String pk = "FAULT#" + UUID.randomUUID();
        aws.dynamoDb().putItem(p -> p.tableName(aws.table("DossierTable")).item(Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS("ok"))));
        try (DynamoDbClient db = AwsClients.newDynamoDb(through(AwsSettings.DYNAMODB, aws.stack().dynamoDbEndpoint()))) {
            proxy.answer(r -> r.has("DynamoDB_20120810.GetItem"), 3,
                    dynamoDbError("ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded."));

            var item = db.getItem(g -> g.tableName(aws.table("DossierTable")).key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true)).item();

            assertThat(item.get("v").s()).isEqualTo("ok");
            assertThat(proxy.count("DynamoDB_20120810.GetItem")).isEqualTo(4);
        }
    }

    @Test
    void aThrottledSesSendIsRetriedAndTheMailGoesOnce() throws IOException {
        try (SesV2Client ses = AwsClients.newSesV2(through(AwsSettings.SESV2, aws.stack().sesEndpoint()))) {
            proxy.answer(r -> r.has("POST /v2/email/outbound-emails"), 2, FailingProxy.answer(429, "Too Many Requests", "application/json",
                    "x-amzn-ErrorType: TooManyRequestsException", "{\"message\":\"Maximum sending rate exceeded.\"}"));
            String subject = "Hồ sơ " + UUID.randomUUID();

            String messageId = Mailer.ses(ses, "motcua@example.vn", "").send(new Email("dan@example.vn", subject, "<p>x</p>", "x"));

            assertThat(messageId).isNotBlank();
            assertThat(proxy.count("POST /v2/email/outbound-emails")).isEqualTo(3);
            assertThat(aws.sentEmails()).filteredOn(m -> subject.equals(m.subject())).hasSize(1);
        }
    }
}
