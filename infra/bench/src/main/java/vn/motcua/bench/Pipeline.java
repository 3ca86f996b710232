package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import vn.motcua.bench.Targets.Target;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.Json;
import vn.motcua.local.runner.LocalFunction;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.store.DossierRepository;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N dossiers through the pipeline as it exists, on the local stack: the intake function (from its zip,
 * {@code concurrency} warm containers) receives each one, writes the dossier and puts a routing job
 * on the routing queue; the routing stage takes each job off the queue (receive, delete) as the
 * router's SQS event source will. Then every dossier is checked: received once, in the table once,
 * one routing job each. Beside it, the raw speed of the emulators under it (the ceiling).
 *
 * <p>The router, dispatcher, department simulator and notifier are not on this branch yet: their
 * stages join by consuming the queue the previous stage fills, and the same checks extend to their
 * state changes and the emails in the SES mailbox.
 */
final class Pipeline {

    record StageLatency(String stage, double p50, double p95, double p99) {}

    record Result(int dossiers, int concurrency, double seconds, double dossiersPerSecond, List<StageLatency> stages,
                  int received, int inTable, int routed, int lost, int duplicated, String notes) {}

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

    Result run(Target intake, byte[][] events, String routingQueueUrl, DossierRepository dossiers, int concurrency, Path work)
            throws Exception {
        var functions = new ArrayList<LocalFunction>();
        for (int i = 0; i < concurrency; i++) {
            var f = LocalFunction.load(intake.name() + "-" + i, intake.artifact(), intake.handler(), intake.environment(),
                    intake.memoryMb(), 30, work.resolve("pipeline").resolve("intake-" + i));
            functions.add(f);
        }
        // each container's cold start is not the pipeline's business: one call each first (a refusal, no dossier)
        for (var f : functions) f.invoke("{\"routeKey\":\"POST /dossiers\",\"headers\":{},\"requestContext\":{}}".getBytes(StandardCharsets.UTF_8));

        // jobs left by the calibration runs are not this run's
        stack.sqs().purgeQueue(b -> b.queueUrl(routingQueueUrl));
        int n = events.length;
        var intakeMillis = new CopyOnWriteArrayList<Double>();
        var routingMillis = new CopyOnWriteArrayList<Double>();
        var doneAt = new ConcurrentHashMap<String, Long>();
        var receivedCodes = new CopyOnWriteArrayList<String>();
        var routedCodes = new CopyOnWriteArrayList<String>();
        var failures = new CopyOnWriteArrayList<String>();
        var next = new AtomicInteger();
        var sqs = stack.sqs();

        ExecutorService pool = Executors.newFixedThreadPool(concurrency * 2);
        long t0 = System.nanoTime();
        var intakeDone = new java.util.concurrent.CountDownLatch(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            var function = functions.get(c);
            futures.add(pool.submit(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        long s = System.nanoTime();
                        try {
                            JsonNode answer = Json.MAPPER.readTree(function.invoke(events[i]));
                            long e = System.nanoTime();
                            intakeMillis.add((e - s) / 1e6);
                            if (answer.path("statusCode").asInt() != 201) {
                                failures.add("intake " + answer.path("statusCode").asInt() + ": " + answer.path("body").asText());
                                continue;
                            }
                            String code = Json.MAPPER.readTree(answer.path("body").asText()).path("code").asText();
                            receivedCodes.add(code);
                            doneAt.put(code, e);
                        } catch (Exception ex) {
                            failures.add("intake: " + ex);
                        }
                    }
                } finally {
                    intakeDone.countDown();
                }
            }));
            // the routing stage: a consumer per container, as Lambda's SQS poller scales with the queue
            futures.add(pool.submit(() -> {
                while (true) {
                    boolean intakeOver = intakeDone.getCount() == 0;
                    var batch = sqs.receiveMessage(b -> b.queueUrl(routingQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
                    long now = System.nanoTime();
                    for (Message m : batch) {
                        String code = Json.MAPPER.readTree(m.body()).path("dossierCode").asText();
                        routedCodes.add(code);
                        Long sent = doneAt.get(code);
                        if (sent != null) routingMillis.add((now - sent) / 1e6);
                        sqs.deleteMessage(b -> b.queueUrl(routingQueueUrl).receiptHandle(m.receiptHandle()));
                    }
                    if (batch.isEmpty() && intakeOver) return null;
                }
            }));
        }
        for (var f : futures) f.get(10, TimeUnit.MINUTES);
        long t1 = System.nanoTime();
        pool.shutdown();
        functions.forEach(LocalFunction::close);

        // the checks: every received dossier is in the table and was routed exactly once
        int inTable = 0;
        for (String code : receivedCodes) if (dossiers.find(new DossierCode(code)).isPresent()) inTable++;
        var counts = new ConcurrentHashMap<String, Integer>();
        routedCodes.forEach(c -> counts.merge(c, 1, Integer::sum));
        int lost = n - (int) receivedCodes.stream().filter(counts::containsKey).count();
        int duplicated = (int) counts.values().stream().filter(v -> v > 1).count()
                + (receivedCodes.size() - (int) receivedCodes.stream().distinct().count());
        double seconds = (t1 - t0) / 1e9;
        var stages = List.of(
                new StageLatency("intake (HTTP → dossier stored, routing job sent)", Stats.percentile(intakeMillis, 50),
                        Stats.percentile(intakeMillis, 95), Stats.percentile(intakeMillis, 99)),
                new StageLatency("routing queue (job sent → taken off the queue)", Stats.percentile(routingMillis, 50),
                        Stats.percentile(routingMillis, 95), Stats.percentile(routingMillis, 99)));
        String notes = failures.isEmpty() ? "" : failures.size() + " failures, first: " + failures.get(0);
        return new Result(n, concurrency, seconds, n / seconds, stages, receivedCodes.size(), inTable, routedCodes.size(),
                lost, duplicated, notes);
    }

    /** N intake events, each with its own Idempotency-Key. */
    static byte[][] intakeEvents(JsonNode sample, int n) {
        byte[][] events = new byte[n][];
        for (int i = 0; i < n; i++) {
            ObjectNode e = sample.deepCopy();
            ((ObjectNode) e.get("headers")).put("idempotency-key", UUID.randomUUID().toString());
            events[i] = Json.write(e).getBytes(StandardCharsets.UTF_8);
        }
        return events;
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

    static List<String> unused() { return Collections.emptyList(); }
}
