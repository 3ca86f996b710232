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

    /** A dossier's calls by operation, over the flow's functions: calls per invocation x invocations per dossier. */
    static Map<String, Double> callsPerDossier(java.util.List<Costs.Flowing> flow) {
        var total = new java.util.TreeMap<String, Double>();
        for (var f : flow) f.callsPerInvocation().forEach((op, n) -> total.merge(op, n * f.use().invocationsPerDossier(), Double::sum));
        return total;
    }

    static String flowSection(Pipeline.Ceiling c, Flow.Result r, Map<String, Double> perDossier) {
        double writes = perDossier.entrySet().stream().filter(e -> CostModel.isDynamoWrite(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
        double reads = perDossier.entrySet().stream().filter(e -> CostModel.isDynamoRead(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
        double sends = perDossier.entrySet().stream().filter(e -> e.getKey().startsWith("SendMessage")).mapToDouble(Map.Entry::getValue).sum();
        double ceiling = ceiling(c, writes, reads, sends);
        var k = r.checks();
        var b = new StringBuilder("## Pipeline throughput (the whole flow)\n\n");
        b.append(String.format(Locale.ROOT, "%d dossiers, %d counter clients at once, through intake (HTTP API, dev token), the router, the "
                        + "dispatcher's signed callbacks to the department simulator (auto-approve: accepted, then an approved result, "
                        + "signed updates through the API), the updates function and the notifier's emails, every function warm from its "
                        + "zip as the local run loads it: **%.1f dossiers/s** (%.1f s from the first request to the last result email).%n%n",
                r.dossiers(), r.clients(), r.dossiersPerSecond(), r.seconds()));
        b.append("| stage | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|\n");
        for (var s : r.stages()) b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", s.stage(), s.p50(), s.p95(), s.p99()));
        b.append(String.format(Locale.ROOT, "%nChecks (the table, the simulator's list and the SES store, read at the end): %d sent, %d received, "
                        + "%d RESULT_READY exactly once; **%d lost, %d duplicated**; emails %d expected, %d found, %d missing, %d duplicated; "
                        + "%d callbacks delivered more than once (allowed: at-least-once, the department deduplicates): **%s**.%s%n",
                k.sent(), k.received(), k.resultReadyOnce(), k.lost(), k.duplicated(), k.emailsExpected(), k.emailsFound(), k.emailsMissing(),
                k.emailsDuplicated(), k.callbacksRepeated(), k.clean() ? "nothing lost or duplicated" : "NOT clean",
                r.notes().isEmpty() ? "" : " Notes: " + String.join("; ", r.notes())));
        b.append(String.format(Locale.ROOT, "%nEmulator ceiling, same emulators, just before (%d callers): DynamoDB %.0f PutItem/s, %.0f GetItem/s; "
                        + "SQS %.0f sends/s, %.0f messages received/s (batches of 10), %.0f deletes/s.%n",
                c.threads(), c.dynamoPutsPerSecond(), c.dynamoGetsPerSecond(), c.sqsSendsPerSecond(), c.sqsReceivedPerSecond(),
                c.sqsDeletesPerSecond()));
        b.append(String.format(Locale.ROOT, "A dossier needs (counted in the flow) %s DynamoDB writes, %s reads, %s SQS messages (each sent, "
                        + "received, deleted), %s SES emails: ceiling **%.1f dossiers/s**; the pipeline reached **%.0f %%** of it "
                        + "(target ≥ 50 %%: %s).%n",
                Costs.fmt(round(writes)), Costs.fmt(round(reads)), Costs.fmt(round(sends)),
                Costs.fmt(round(perDossier.entrySet().stream().filter(e -> e.getKey().startsWith("SES ")).mapToDouble(Map.Entry::getValue).sum())),
                ceiling, 100 * r.dossiersPerSecond() / ceiling,
                r.dossiersPerSecond() / ceiling >= 0.5 && k.clean() ? "met" : "NOT met"));
        b.append("\n| function | invocations per dossier | handler ms per invocation | handler ms per dossier | containers (peak at once / limit) |\n"
                + "|---|---:|---:|---:|---|\n");
        for (var l : r.loads()) {
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %d (%d / %d) |%n", l.function(), l.invocationsPerDossier(),
                    l.busyMillisPerInvocation(), l.busyMillisPerDossier(), l.containers(), l.peakConcurrency(), l.maxContainers()));
        }
        var cpu = r.cpu();
        double handlers = r.loads().stream().mapToDouble(Flow.Load::busyMillisPerDossier).sum();
        b.append(String.format(Locale.ROOT, "%nCPU while the dossiers flowed (%.0f s, %d cores): the machine was busy %.2f cores on average "
                        + "(%.0f %%), the local run itself %.2f cores (this JVM: functions, ElasticMQ, s3proxy, simulator, clients %.2f; "
                        + "the Node emulators %.2f), the rest other processes. The local run used %.0f CPU ms per dossier; the handlers' "
                        + "wall time inside the flow's functions is %.0f ms per dossier.%n",
                cpu.seconds(), (int) cpu.cores(), cpu.machineBusyCores(), 100 * cpu.machineBusyCores() / Math.max(1, cpu.cores()),
                cpu.ownCores(), cpu.jvmCores(), cpu.childrenCores(), cpu.ownMsPer(r.dossiers()), handlers));
        if (!cpu.jvmByGroup().isEmpty()) {
            b.append("\n| CPU ms per dossier, by part of the local run | ms |\n|---|---:|\n");
            cpu.jvmByGroup().entrySet().stream().filter(e -> e.getValue() / r.dossiers() >= 0.05).sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e ->
                    b.append(String.format(Locale.ROOT, "| %s | %.1f |%n", e.getKey(), e.getValue() / r.dossiers())));
            b.append(String.format(Locale.ROOT, "| the Node emulators (dynalite, aws-ses-v2-local) | %.1f |%n",
                    cpu.childrenCores() * cpu.seconds() * 1000 / r.dossiers()));
        }
        b.append("\nCalls per dossier: ").append(perDossier.entrySet().stream()
                .map(e -> e.getKey() + " " + Costs.fmt(round(e.getValue()))).collect(java.util.stream.Collectors.joining(", "))).append(".\n");
        return b.toString();
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }
}
