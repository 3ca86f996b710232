package vn.motcua.local.stack;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run by two classes: each writes to its own copy and must then find only what it wrote itself,
 * whichever of the two runs first.
 */
@LocalAws
abstract class IsolationContract {

    private final String marker = getClass().getSimpleName();

    @Test
    void seesOnlyItsOwnData(TestStack aws) {
        String table = aws.table("DossierTable");
        aws.dynamoDb().putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(marker))));
        aws.s3().putObject(p -> p.bucket(aws.bucket("DocumentsBucket")).key(marker), RequestBody.fromString(marker));
        aws.sqs().sendMessage(m -> m.queueUrl(aws.queueUrl("NotificationQueue")).messageBody(marker));

        assertThat(aws.dynamoDb().scan(s -> s.tableName(table)).items())
                .extracting(item -> item.get("pk").s()).containsExactly(marker);
        assertThat(aws.s3().listObjectsV2(l -> l.bucket(aws.bucket("DocumentsBucket"))).contents())
                .extracting(o -> o.key()).containsExactly(marker);
        assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl("NotificationQueue")).maxNumberOfMessages(10)).messages())
                .extracting(Message::body).containsExactly(marker);
    }

    @Nested
    class NestedClass {
        @Test
        void sharesItsOuterClassCopy(TestStack aws) {
            assertThat(aws.namePrefix()).isEqualTo(outerPrefix);
        }
    }

    private String outerPrefix;

    @org.junit.jupiter.api.BeforeEach
    void rememberPrefix(TestStack aws) {
        outerPrefix = aws.namePrefix();
    }
}
