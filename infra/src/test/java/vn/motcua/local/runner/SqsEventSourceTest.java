package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import vn.motcua.local.runner.handlers.PausingHandler;
import vn.motcua.local.runner.handlers.RecordingHandler;
import vn.motcua.local.runner.handlers.SqsPojoHandler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQS event source against ElasticMQ: batches, deletes, partial failures, redrive, the event's shape. */
class SqsEventSourceTest {

    private static final RunnerStack aws = RunnerStack.shared();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    @Test
    void batchesNeverExceedTheBatchSizeAndSuccessDeletesThem() {
        var queue = queue(aws, "", 30, 3);
        var handler = function(RecordingHandler.class);
        send(aws, queue, "m1", "m2", "m3", "m4", "m5", "m6", "m7");

        source(aws, handler, queue, 3, false).start();

        var events = handler.awaitReceived(e -> bodies(e).size() >= 7, WAIT);
        assertThat(events).allSatisfy(e -> assertThat(e.path("Records").size()).isBetween(1, 3));
        assertThat(bodies(events)).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5", "m6", "m7");
        awaitEmpty(aws, queue.url);
    }

    @Test
    void withoutReportBatchItemFailuresTheAnswerIsIgnoredAndAllIsDeleted() {
        var queue = queue(aws, "", 1, 2);
        var handler = function(RecordingHandler.class);
        send(aws, queue, "FAIL-but-nobody-asked", "ok");

        source(aws, handler, queue, 10, false).start();

        handler.awaitReceived(e -> bodies(e).size() >= 2, WAIT);
        awaitEmpty(aws, queue.url);
        assertThat(bodies(handler.received())).hasSize(2);
    }

    @Test
    void aPartialBatchFailureDeletesOnlyTheSuccessesAndTheFailedOneEndsInTheDeadLetterQueue() {
        var queue = queue(aws, "", 1, 2);
        var handler = function(RecordingHandler.class);
        send(aws, queue, "ok-1", "FAIL", "ok-2");

        source(aws, handler, queue, 10, true).start();

        var events = handler.awaitReceived(e -> receiveCounts(e, "FAIL").size() >= 2, WAIT);
        assertThat(receiveCounts(events, "FAIL")).containsExactly("1", "2");
        assertThat(awaitMessages(aws, queue.dlqUrl)).containsExactly("FAIL");
        TestFunction.sleep(1500); // longer than the visibility timeout: anything not deleted would be back by now
        // (not the queue's counters: ElasticMQ sometimes still counts a message its redrive has moved)
        assertThat(bodies(handler.received())).containsExactlyInAnyOrder("ok-1", "ok-2", "FAIL", "FAIL");
    }

    @Test
    void aFunctionErrorDeletesNothing() {
        var queue = queue(aws, "", 1, 5);
        var handler = function(RecordingHandler.class);
        send(aws, queue, "THROW", "ok");

        source(aws, handler, queue, 10, true).start();

        var events = handler.awaitReceived(e -> receiveCounts(e, "ok").contains("2"), WAIT);
        assertThat(receiveCounts(events, "THROW")).startsWith("1", "2");
        assertThat(receiveCounts(events, "ok")).startsWith("1", "2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNKNOWN-ID", "GARBAGE"})
    void anAnswerThatNamesNoMessageOfTheBatchOrIsNotJsonFailsTheWholeBatch(String body) {
        var queue = queue(aws, "", 1, 5);
        var handler = function(RecordingHandler.class);
        send(aws, queue, body, "ok");

        source(aws, handler, queue, 10, true).start();

        var events = handler.awaitReceived(e -> receiveCounts(e, "ok").contains("2"), WAIT);
        assertThat(receiveCounts(events, body)).startsWith("1", "2");
    }

    @Test
    void theEventHasTheShapeOfTheSampleFieldByField() throws Exception {
        JsonNode sample = JSON.readTree(aws.stack().projectDir().resolve("events/sqs-batch.json").toFile());
        var queue = queue(aws, "", 30, 5);
        var handler = function(RecordingHandler.class);
        aws.sqs().sendMessage(b -> b.queueUrl(queue.url).messageBody("{\"ok\": true}"));
        aws.sqs().sendMessage(b -> b.queueUrl(queue.url).messageBody("{\"ok\": false}").messageAttributes(Map.of(
                "kind", MessageAttributeValue.builder().dataType("String").stringValue("test").build(),
                "scan", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("%PDF")).build())));
        var source = source(aws, handler, queue, 10, true);

        source.start();
        var records = records(handler.awaitReceived(e -> records(e).size() >= 2, WAIT));
        long closing = System.nanoTime();
        source.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("close is quick").isLessThan(Duration.ofMillis(2500));

        JsonNode plain = records.get(0).path("body").asText().contains("true") ? records.get(0) : records.get(1);
        JsonNode withAttributes = plain == records.get(0) ? records.get(1) : records.get(0);
        JsonNode sampleRecord = sample.path("Records").path(1);
        assertThat(fieldNames(handler.received().get(0))).containsExactlyElementsOf(fieldNames(sample));
        for (JsonNode record : List.of(plain, withAttributes)) {
            assertThat(fieldNames(record)).containsExactlyElementsOf(fieldNames(sampleRecord));
            assertThat(fieldNames(record.path("attributes"))).containsExactlyElementsOf(fieldNames(sampleRecord.path("attributes")));
            assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
            assertThat(record.path("attributes").path("SentTimestamp").asText()).containsOnlyDigits();
            assertThat(record.path("attributes").path("ApproximateFirstReceiveTimestamp").asText()).containsOnlyDigits();
            assertThat(record.path("receiptHandle").asText()).isNotBlank();
            assertThat(record.path("md5OfBody").asText()).isEqualTo(md5(record.path("body").asText()));
            assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
            assertThat(record.path("eventSourceARN").asText()).isEqualTo(queue.arn);
            assertThat(record.path("awsRegion").asText()).isEqualTo(aws.stack().region());
        }
        assertThat(plain.path("messageAttributes").size()).isZero();
        assertThat(withAttributes.path("messageAttributes").path("kind")).isEqualTo(sampleRecord.path("messageAttributes").path("kind"));
        assertThat(withAttributes.path("messageAttributes").path("scan")).isEqualTo(JSON.readTree(
                "{\"binaryValue\":\"JVBERg==\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Binary\"}"));
    }

    @Test
    void aPojoHandlerReadsEveryFieldThroughLambdasEventClasses() {
        var queue = queue(aws, "", 30, 5);
        var handler = function(SqsPojoHandler.class);
        var sent = aws.sqs().sendMessage(b -> b.queueUrl(queue.url).messageBody("Hồ sơ đã đến").messageAttributes(Map.of(
                "kind", MessageAttributeValue.builder().dataType("String").stringValue("routing").build(),
                "scan", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("%PDF")).build())));

        source(aws, handler, queue, 10, true).start();

        JsonNode seen = handler.awaitReceived(1, WAIT).get(0).get(0);
        assertThat(seen.path("messageId").asText()).isEqualTo(sent.messageId());
        assertThat(seen.path("body").asText()).isEqualTo("Hồ sơ đã đến");
        assertThat(seen.path("md5OfBody").asText()).isEqualTo(sent.md5OfMessageBody());
        assertThat(seen.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(seen.path("eventSourceArn").asText()).isEqualTo(queue.arn);
        assertThat(seen.path("awsRegion").asText()).isEqualTo(aws.stack().region());
        assertThat(seen.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(seen.path("messageAttributes").path("kind").path("stringValue").asText()).isEqualTo("routing");
        assertThat(seen.path("messageAttributes").path("scan").path("binaryValue").asText()).isEqualTo("%PDF");
        awaitEmpty(aws, queue.url);
    }

    @Test
    void aFifoQueueAddsGroupDeduplicationAndSequence() {
        var queue = queue(aws, ".fifo", 30, 5);
        var handler = function(RecordingHandler.class);
        aws.sqs().sendMessage(b -> b.queueUrl(queue.url).messageBody("first").messageGroupId("D-1").messageDeduplicationId("e-1"));

        source(aws, handler, queue, 10, true).start();

        JsonNode attributes = records(handler.awaitReceived(1, WAIT)).get(0).path("attributes");
        assertThat(attributes.path("MessageGroupId").asText()).isEqualTo("D-1");
        assertThat(attributes.path("MessageDeduplicationId").asText()).isEqualTo("e-1");
        assertThat(attributes.path("SequenceNumber").asText()).containsOnlyDigits().isNotEmpty();
    }

    @Test
    void anErrorTalkingToSqsIsRetriedAndThePollerGoesOn() {
        String name = aws.namePrefix() + "events-late-" + QUEUES.incrementAndGet();
        String url = aws.stack().queueUrl(name);
        String arn = "arn:aws:sqs:" + aws.stack().region() + ":" + aws.stack().accountId() + ":" + name;
        var handler = function(RecordingHandler.class);
        var source = new SqsEventSource(handler.function(), aws.sqs(), url, arn, 10, true, aws.stack().region());
        open.add(source);

        source.start(); // the queue does not exist yet: every receive fails
        TestFunction.sleep(400);
        assertThat(aws.sqs().createQueue(b -> b.queueName(name)).queueUrl()).isEqualTo(url);
        aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody("late but there"));

        assertThat(bodies(handler.awaitReceived(1, WAIT))).containsExactly("late but there");
    }

    @Test
    void batchSizeOutsideOneToTenIsRefused() {
        var handler = function(RecordingHandler.class);

        assertThatThrownBy(() -> new SqsEventSource(handler.function(), aws.sqs(), "url", "arn:aws:sqs:r:1:q", 11, true, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BatchSize 11");
    }

    @Test
    void severalBatchesAreInTheFunctionAtOnceEachInItsOwnContainer() {
        var queue = queue(aws, "", 30, 3);
        var handler = function(PausingHandler.class);
        handler.function().maxContainers(4);
        send(aws, queue, "sleep:1500", "sleep:1500", "sleep:1500", "sleep:1500");

        long t0 = System.nanoTime();
        source(aws, handler, queue, 1, false, 4).start();
        awaitEmpty(aws, queue.url);

        // one batch at a time would take 6 s
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
        assertThat(handler.function().peakConcurrency()).isBetween(2, 4);
        assertThat(handler.function().invocations()).isEqualTo(4);
    }

    @Test
    void noMoreBatchesAtOnceThanTheMappingAllowsEvenWithFreeContainers() {
        var queue = queue(aws, "", 30, 3);
        var handler = function(PausingHandler.class);
        handler.function().maxContainers(5);
        send(aws, queue, "sleep:400", "sleep:400", "sleep:400", "sleep:400", "sleep:400", "sleep:400");

        var source = source(aws, handler, queue, 1, false, 2);
        source.start();
        awaitEmpty(aws, queue.url);

        assertThat(source.maxConcurrentBatches()).isEqualTo(2);
        assertThat(handler.function().peakConcurrency()).isEqualTo(2);
        assertThat(handler.function().containers()).isLessThanOrEqualTo(2);
        assertThat(handler.function().invocations()).isEqualTo(6);
    }

    // ------------------------------------------------------------------ helpers

    private record Queue(String url, String arn, String dlqUrl) {}

    /** A queue of the test's own, with a dead-letter queue after {@code maxReceiveCount} receives. */
    private static Queue queue(RunnerStack aws, String suffix, int visibilitySeconds, int maxReceiveCount) {
        String name = aws.namePrefix() + "events-" + QUEUES.incrementAndGet();
        var fifo = suffix.isEmpty() ? Map.<QueueAttributeName, String>of() : Map.of(QueueAttributeName.FIFO_QUEUE, "true");
        String dlqUrl = aws.sqs().createQueue(b -> b.queueName(name + "-dlq" + suffix).attributes(fifo)).queueUrl();
        var attributes = new java.util.HashMap<>(fifo);
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds));
        attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn(aws, dlqUrl) + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        String url = aws.sqs().createQueue(b -> b.queueName(name + suffix).attributes(attributes)).queueUrl();
        return new Queue(url, arn(aws, url), dlqUrl);
    }

    private static String arn(RunnerStack aws, String url) {
        return aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void send(RunnerStack aws, Queue queue, String... bodies) {
        var entries = new ArrayList<SendMessageBatchRequestEntry>();
        for (int i = 0; i < bodies.length; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies[i]).build());
        }
        assertThat(aws.sqs().sendMessageBatch(b -> b.queueUrl(queue.url).entries(entries)).failed()).isEmpty();
    }

    private TestFunction function(Class<?> handler) {
        var f = TestFunction.load(dir.resolve(handler.getSimpleName()), handler);
        open.add(f);
        return f;
    }

    private SqsEventSource source(RunnerStack aws, TestFunction f, Queue queue, int batchSize, boolean report) {
        var source = new SqsEventSource(f.function(), aws.sqs(), queue.url, queue.arn, batchSize, report, aws.stack().region());
        open.add(source);
        return source;
    }

    private SqsEventSource source(RunnerStack aws, TestFunction f, Queue queue, int batchSize, boolean report, int batches) {
        var source = new SqsEventSource(f.function(), aws.sqs(), queue.url, queue.arn, batchSize, report, aws.stack().region(), batches);
        open.add(source);
        return source;
    }

    private static void awaitEmpty(RunnerStack aws, String url) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<QueueAttributeName, String> a;
        do {
            a = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (a.values().stream().allMatch("0"::equals)) return;
            TestFunction.sleep(50);
        } while (System.nanoTime() < deadline);
        var left = aws.sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        throw new AssertionError("the queue still holds messages: " + a + "; a receive gives " + left);
    }

    /** Short receives: ElasticMQ's long poll does not wake for a message its redrive moved in. */
    private static List<String> awaitMessages(RunnerStack aws, String url) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var messages = aws.sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0).maxNumberOfMessages(10)).messages();
            if (!messages.isEmpty()) return messages.stream().map(m -> m.body()).toList();
            TestFunction.sleep(50);
        }
        throw new AssertionError("nothing arrived in " + url);
    }

    private static List<JsonNode> records(List<JsonNode> events) {
        return events.stream().flatMap(e -> StreamSupport.stream(e.path("Records").spliterator(), false)).toList();
    }

    private static List<String> bodies(List<JsonNode> events) {
        return records(events).stream().map(r -> r.path("body").asText()).toList();
    }

    /** The ApproximateReceiveCount of each delivery of the message with this body, in order. */
    private static List<String> receiveCounts(List<JsonNode> events, String body) {
        return records(events).stream().filter(r -> r.path("body").asText().equals(body))
                .map(r -> r.path("attributes").path("ApproximateReceiveCount").asText()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
