package vn.motcua.local.stack;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@LocalAws
class SqsOnStackTest {

    @Test
    void queuesCarryTheTemplatesAttributes(TestStack aws) {
        var routing = aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl("RoutingQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();
        var dlq = aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl("RoutingDeadLetterQueue"))
                .attributeNames(QueueAttributeName.ALL)).attributes();

        assertThat(routing.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("120");
        assertThat(routing.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(aws.resources().attribute("RoutingDeadLetterQueue", "Arn")).contains("5");
        assertThat(dlq).containsKey(QueueAttributeName.QUEUE_ARN);
        // ElasticMQ accepts MessageRetentionPeriod but keeps messages until deleted: said in the report
        assertThat(aws.report().entries()).filteredOn(e -> e.logicalId().equals("RoutingDeadLetterQueue"))
                .singleElement().satisfies(e -> assertThat(e.note()).contains("MessageRetentionPeriod"));
    }

    @Test
    void theQueueUrlFromTheTemplateIsTheOneSqsGives(TestStack aws) {
        String name = aws.resources().queueName("NotificationQueue");

        assertThat(aws.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl()).isEqualTo(aws.queueUrl("NotificationQueue"));
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesWithoutDeleteLandsInTheDeadLetterQueue(TestStack aws) {
        String queue = aws.queueUrl("RoutingQueue");
        String dlq = aws.queueUrl("RoutingDeadLetterQueue");
        aws.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("{\"dossier\":\"D-1\"}"));

        // maxReceiveCount is 5 in the template; visibility 0 makes it visible again at once
        for (int i = 1; i <= 5; i++) {
            assertThat(receive(aws, queue)).as("receive #%d", i).hasSize(1);
        }
        assertThat(receive(aws, queue)).as("the sixth receive finds it gone").isEmpty();

        var dead = receive(aws, dlq);
        assertThat(dead).extracting(Message::body).containsExactly("{\"dossier\":\"D-1\"}");
    }

    private static List<Message> receive(TestStack aws, String queue) {
        return aws.sqs().receiveMessage(b -> b.queueUrl(queue).visibilityTimeout(0).waitTimeSeconds(0)
                .maxNumberOfMessages(10)).messages();
    }
}
