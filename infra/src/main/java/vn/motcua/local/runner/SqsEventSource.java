package vn.motcua.local.runner;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import vn.motcua.edge.Log;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Lambda's SQS event source mapping, locally: one thread long-polls the queue and hands each batch to
 * the function as the Lambda SQS event, up to {@code maxConcurrentBatches} batches at once (as
 * Lambda's pollers do: five to start with, at most the mapping's ScalingConfig MaximumConcurrency),
 * each on its own worker; it receives only when a worker is free, so no message waits out its
 * visibility timeout in the runner; and it deletes what succeeded. A message that failed is left
 * alone: it comes back after the queue's visibility timeout, and after maxReceiveCount the queue's
 * redrive policy (ElasticMQ's, as SQS's) moves it to the dead-letter queue.
 *
 * <ul>
 *   <li>success, without ReportBatchItemFailures: the whole batch is deleted;</li>
 *   <li>success, with it: all but the messages the answer names (see {@link SqsEvents#failures});</li>
 *   <li>function error or timeout: nothing is deleted.</li>
 * </ul>
 */
public final class SqsEventSource implements AutoCloseable {

    /** Short, so that {@link #close()} returns within about a second; AWS's pollers wait up to 20 s. */
    static final int WAIT_SECONDS = 1;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final LocalFunction function;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final String region;
    private final int maxConcurrentBatches;
    private final java.util.concurrent.Semaphore free;
    private final java.util.concurrent.ExecutorService workers;
    private final Thread poller;
    private volatile boolean running;
    private volatile Observer observer;

    /** Told of each batch the function handled (the benchmark's stage timings); called on the poller thread, so be quick. */
    public interface Observer {
        void delivered(String function, List<Message> batch, long startNanos, long endNanos);
    }

    /** Watches the batches from now on; null stops watching. */
    public void observe(Observer observer) { this.observer = observer; }

    public SqsEventSource(LocalFunction function, SqsClient sqs, String queueUrl, String queueArn, int batchSize,
                          boolean reportBatchItemFailures, String region) {
        this(function, sqs, queueUrl, queueArn, batchSize, reportBatchItemFailures, region, 1);
    }

    /** @param maxConcurrentBatches how many batches may be in the function at once (at least 1) */
    public SqsEventSource(LocalFunction function, SqsClient sqs, String queueUrl, String queueArn, int batchSize,
                          boolean reportBatchItemFailures, String region, int maxConcurrentBatches) {
        if (maxConcurrentBatches < 1) throw new IllegalArgumentException("at least one batch at a time, not " + maxConcurrentBatches);
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("SQS event source for " + function.name() + ": BatchSize " + batchSize
                    + " is outside 1..10 (larger batches need a batching window, which the local run does not have)");
        }
        this.function = function;
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueArn = Objects.requireNonNull(queueArn, "queueArn");
        this.batchSize = batchSize;
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.region = Objects.requireNonNull(region, "region");
        this.maxConcurrentBatches = maxConcurrentBatches;
        this.free = new java.util.concurrent.Semaphore(maxConcurrentBatches);
        var count = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(maxConcurrentBatches, r -> {
            Thread t = new Thread(r, "sqs-" + function.name() + "-" + queueName() + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.poller = new Thread(this::poll, "sqs-" + function.name() + "-" + queueName());
        this.poller.setDaemon(true);
    }

    public synchronized void start() {
        if (running || poller.isAlive()) throw new IllegalStateException(this + " is already started");
        running = true;
        poller.start();
    }

    private void poll() {
        long backoff = 0;
        while (running) {
            try {
                // a free worker first: a message received must go into the function at once
                if (!free.tryAcquire(WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) continue;
            } catch (InterruptedException e) {
                return;
            }
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize).waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
                backoff = 0;
            } catch (RuntimeException e) {
                free.release();
                if (!running) return;
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff == 0 ? 100 : backoff * 2);
                log(Log.warn("sqs.receive.failed")).with("retryInMillis", backoff).error(e).write();
                if (!pause(backoff)) return;
                continue;
            }
            if (batch.isEmpty()) {
                free.release();
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        deliver(batch);
                    } catch (RuntimeException e) {
                        // whatever went wrong, the poller goes on; undeleted messages come back after the visibility timeout
                        log(Log.error("sqs.batch.error")).with("messages", batch.size()).error(e).write();
                    } finally {
                        free.release();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                free.release(); // closing: the batch comes back after the visibility timeout
                return;
            }
        }
    }

    /** How many batches may be in the function at once. */
    public int maxConcurrentBatches() { return maxConcurrentBatches; }

    private void deliver(List<Message> batch) {
        var ids = new LinkedHashSet<String>();
        batch.forEach(m -> ids.add(m.messageId()));
        byte[] answer;
        long start = System.nanoTime();
        try {
            answer = function.invoke(SqsEvents.event(batch, queueArn, region));
            var watching = observer;
            if (watching != null) watching.delivered(function.name(), batch, start, System.nanoTime());
        } catch (LocalFunction.InvocationFailure e) {
            // nothing deleted: the whole batch comes back after the visibility timeout
            log(Log.warn("sqs.batch.failed")).with("messages", batch.size()).with("requestId", e.requestId())
                    .error(e.getCause() == null ? e : e.getCause()).write();
            return;
        }
        var failures = reportBatchItemFailures ? SqsEvents.failures(answer, ids) : SqsEvents.Failures.NONE;
        if (failures.whyAll() != null) {
            log(Log.warn("sqs.batch.answer.refused")).with("messages", batch.size()).with("reason", failures.whyAll()).write();
        } else if (!failures.messageIds().isEmpty()) {
            log(Log.info("sqs.batch.partial")).with("messages", batch.size()).with("failed", failures.messageIds().size()).write();
        }
        var done = batch.stream().filter(m -> !failures.messageIds().contains(m.messageId())).toList();
        if (!done.isEmpty()) delete(done);
    }

    private void delete(List<Message> done) {
        var entries = new ArrayList<DeleteMessageBatchRequestEntry>();
        for (int i = 0; i < done.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i)).receiptHandle(done.get(i).receiptHandle()).build());
        }
        try {
            var result = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!result.failed().isEmpty()) {
                log(Log.warn("sqs.delete.failed")).with("messages", result.failed().size())
                        .with("code", result.failed().get(0).code()).write();
            }
        } catch (SdkException e) {
            // not deleted: the messages come back and the function sees them again, as after a failed delete on AWS
            log(Log.warn("sqs.delete.failed")).with("messages", done.size()).error(e).write();
        }
    }

    private Log log(Log line) {
        return line.with("function", function.name()).with("queue", queueName());
    }

    private String queueName() {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Stops polling. A receive in progress ends within {@link #WAIT_SECONDS}; the batches being handled
     * are given a moment to finish (and be deleted), then interrupted: their messages come back later.
     */
    @Override
    public void close() {
        running = false;
        try {
            poller.join((WAIT_SECONDS + 1) * 1000L);
            if (poller.isAlive()) {
                poller.interrupt();
                poller.join(1000);
            }
            workers.shutdown();
            if (!workers.awaitTermination(WAIT_SECONDS + 1, java.util.concurrent.TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SqsEventSource[" + function.name() + " <- " + queueArn + ", batch " + batchSize + ", " + maxConcurrentBatches + " at once"
                + (reportBatchItemFailures ? ", ReportBatchItemFailures" : "") + "]";
    }
}
