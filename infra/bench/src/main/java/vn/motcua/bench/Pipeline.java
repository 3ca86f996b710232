package vn.motcua.bench;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.local.stack.LocalAwsStack;

import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw speed of the emulators under the local run (the ceiling the pipeline is compared with):
 * DynamoDB PutItem and GetItem, SQS send, receive (batches of ten) and delete, each with several
 * callers at once. The pipeline itself is {@link Flow}.
 */
final class Pipeline {

    record StageLatency(String stage, double p50, double p95, double p99) {}

    /** Operations per second of the emulators, with {@code threads} callers. */
    record Ceiling(double dynamoPutsPerSecond, double dynamoGetsPerSecond, double sqsSendsPerSecond,
                   double sqsReceivedPerSecond, double sqsDeletesPerSecond, int threads) {}

    private final LocalAwsStack stack;

    Pipeline(LocalAwsStack stack) {
        this.stack = stack;
    }

    Ceiling ceiling(String table, int operations, int threads) throws Exception {
        var dynamo = stack.dynamoDb();
        double puts = rate(operations, threads, i -> dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("bench#ceiling#" + i), "payload", AttributeValue.fromS("x".repeat(600))))));
        double gets = rate(operations, threads, i -> dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("bench#ceiling#" + i)))));
        var sqs = stack.sqs();
        String queue = sqs.createQueue(b -> b.queueName("bench-ceiling-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        double sends = rate(operations, threads, i -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"n\":" + i + "}")));
        var handles = new CopyOnWriteArrayList<String>();
        var received = new AtomicInteger();
        long t0 = System.nanoTime();
        runParallel(threads, () -> {
            while (received.get() < operations) {
                var batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                received.addAndGet(batch.size());
                batch.forEach(m -> handles.add(m.receiptHandle()));
            }
            return null;
        });
        double receives = received.get() / ((System.nanoTime() - t0) / 1e9);
        double deletes = rate(handles.size(), threads, i -> sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(handles.get(i))));
        sqs.deleteQueue(b -> b.queueUrl(queue));
        return new Ceiling(puts, gets, sends, receives, deletes, threads);
    }

    interface Op { void call(int i) throws Exception; }

    private static double rate(int operations, int threads, Op op) throws Exception {
        var next = new AtomicInteger();
        long t0 = System.nanoTime();
        runParallel(threads, () -> {
            for (int i; (i = next.getAndIncrement()) < operations; ) op.call(i);
            return null;
        });
        return operations / ((System.nanoTime() - t0) / 1e9);
    }

    private static void runParallel(int threads, java.util.concurrent.Callable<?> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) futures.add(pool.submit(body));
            for (var f : futures) f.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

}
