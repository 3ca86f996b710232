package vn.motcua.bench;

import java.util.Locale;
import java.util.Map;

/** The pipeline section: throughput, stage latencies, the checks, and the fraction of the emulators' ceiling. */
final class PipelineReport {

    private PipelineReport() {}

    /**
     * The ceiling for the calls a dossier needs: DynamoDB and SQS are separate servers, so the slower
     * of the two bounds the pipeline: DynamoDB at (its write rate / writes per dossier, reads likewise,
     * summed as time), SQS at one send, a tenth of a receive (batches of ten) and one delete per dossier.
     */
    static double ceiling(Pipeline.Ceiling c, double dynamoWrites, double dynamoReads, double sqsSends) {
        double dynamoSeconds = dynamoWrites / c.dynamoPutsPerSecond() + dynamoReads / c.dynamoGetsPerSecond();
        double sqsSeconds = sqsSends / c.sqsSendsPerSecond() + sqsSends / c.sqsReceivedPerSecond() + sqsSends / c.sqsDeletesPerSecond();
        return 1 / Math.max(dynamoSeconds, sqsSeconds);
    }

    static String section(Pipeline.Ceiling c, Pipeline.Result r, Calibration.Measured intake) {
        Map<String, Double> calls = intake.callsPerInvocation();
        double writes = calls.entrySet().stream().filter(e -> CostModel.isDynamoWrite(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
        double reads = calls.entrySet().stream().filter(e -> CostModel.isDynamoRead(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
        double sends = calls.getOrDefault("SendMessage", 1.0);
        double ceiling = ceiling(c, writes, reads, sends);
        var b = new StringBuilder("## Pipeline throughput\n\n");
        b.append(String.format(Locale.ROOT, "%d dossiers through intake (%d warm containers from the zip) and the routing queue "
                        + "(taken off by %d consumers, as the router's event source will): **%.1f dossiers/s** (%.1f s).%n%n",
                r.dossiers(), r.concurrency(), r.concurrency(), r.dossiersPerSecond(), r.seconds()));
        b.append("| stage | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|\n");
        for (var s : r.stages()) b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", s.stage(), s.p50(), s.p95(), s.p99()));
        b.append(String.format(Locale.ROOT, "%nChecks: %d received, %d in the table, %d routing jobs taken; **%d lost, %d duplicated**.%s%n",
                r.received(), r.inTable(), r.routed(), r.lost(), r.duplicated(), r.notes().isEmpty() ? "" : " " + r.notes()));
        b.append(String.format(Locale.ROOT, "%nEmulator ceiling (%d callers): DynamoDB %.0f PutItem/s, %.0f GetItem/s; SQS %.0f sends/s, "
                        + "%.0f messages received/s (batches of 10), %.0f deletes/s.%n",
                c.threads(), c.dynamoPutsPerSecond(), c.dynamoGetsPerSecond(), c.sqsSendsPerSecond(), c.sqsReceivedPerSecond(),
                c.sqsDeletesPerSecond()));
        b.append(String.format(Locale.ROOT, "A dossier needs (measured at intake) %s DynamoDB writes, %s reads, %s SQS send + receive + delete: "
                        + "ceiling **%.1f dossiers/s**; the pipeline reached **%.0f %%** of it (target ≥ 50 %%: %s).%n",
                Costs.fmt(writes), Costs.fmt(reads), Costs.fmt(sends), ceiling, 100 * r.dossiersPerSecond() / ceiling,
                r.dossiersPerSecond() / ceiling >= 0.5 ? "met" : "NOT met"));
        b.append("\nNot measured yet (not on this branch): router, dispatcher with signed callbacks, the department simulator's "
                + "decisions, department updates, notifier and the emails; they join as further stages consuming the queue the "
                + "previous one fills, with the same lost/duplicated checks and the SES mailbox counted at the end.\n");
        return b.toString();
    }
}
