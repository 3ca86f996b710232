package vn.motcua.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A dossier's life in invocations, and the cost section of the results. The counts are this
 * project's expectation for the pilot (stated here, change them here); the durations and calls are
 * measured: the flow's functions in the whole flow, the others by calibration.
 */
final class Costs {

    /** Invocations per dossier of each function (HTTP routes also pay API Gateway). */
    static final Map<String, Double> LIFE = new LinkedHashMap<>();
    static {
        LIFE.put("catalog", 1.0);            // the counter form loads the catalog per dossier (cached 60 s in the browser: at most)
        LIFE.put("intake", 1.0);             // received once
        LIFE.put("documents", 4.0);          // three scans uploaded with presigned URLs, one download link
        LIFE.put("document-received", 3.0);  // each upload checked
        LIFE.put("desk", 3.0);               // the full dossier twice, a share of the lists
        LIFE.put("desk-actions", 1.2);       // result returned; sometimes supplement received or fee paid
        LIFE.put("lookup", 2.0);             // the citizen checks the status twice
        LIFE.put("reports", 0.01);           // a report per hundred dossiers
    }
    static final double EMAILS_PER_DOSSIER = 4.0;          // used only when the flow was not measured (--no-pipeline)
    static final double DOCUMENT_BYTES_PER_DOSSIER = 1.5e6; // three scans of about 500 KB

    /** A function of the measured flow: its use per dossier (timed run) and its calls per invocation (counted run). */
    record Flowing(Flow.FunctionUse use, Map<String, Double> callsPerInvocation, Map<String, Double> requestBytes,
                   Map<String, Double> responseBytes) {}

    /**
     * @param flow the functions of the measured whole flow (intake to the notices); empty when the pipeline
     *             was not run, in which case those stages are missing from the cost, and said so
     */
    static String section(List<Calibration.Measured> measured, List<Flowing> flow) {
        var usages = new ArrayList<CostModel.Usage>();
        var inFlow = flow.stream().map(f -> f.use().function()).collect(Collectors.toSet());
        var b = new StringBuilder("## Warm invocations and AWS calls (calibration)\n\n");
        b.append("Each function loaded once from its zip (a warm container), then 5 fresh real events; calls counted by a\n")
                .append("pass-through proxy in front of each emulator (not used while anything else is timed).\n\n")
                .append("| function | MB | warm ms (p50) | calls per invocation |\n|---|---:|---:|---|\n");
        for (var m : measured) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s |%n", m.function(), m.memoryMb(), m.warmMillis(), calls(m.callsPerInvocation())));
            Double runs = LIFE.get(m.function());
            if (runs == null || inFlow.contains(m.function())) continue;
            usages.add(new CostModel.Usage(m.function(), runs, !m.function().equals("document-received"), m.memoryMb(), m.warmMillis(),
                    m.callsPerInvocation(), m.requestBytes(), m.responseBytes(), false));
        }
        if (!flow.isEmpty()) {
            b.append("\n## The flow's functions, measured in the whole flow\n\n")
                    .append("Invocations per dossier and mean warm duration from the timed run (warm containers; an SQS invocation is\n")
                    .append("one batch); calls per invocation from a separate counted run of the same flow, a proxy per function.\n\n")
                    .append("| function | MB | invocations per dossier | warm ms (mean) | calls per invocation |\n|---|---:|---:|---:|---|\n");
            for (var f : flow) {
                var u = f.use();
                b.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f | %s |%n", u.function(), u.memoryMb(), u.invocationsPerDossier(),
                        u.warmMillis(), calls(f.callsPerInvocation())));
                usages.add(new CostModel.Usage(u.function(), u.invocationsPerDossier(), u.httpRoute(), u.memoryMb(), u.warmMillis(),
                        f.callsPerInvocation(), f.requestBytes(), f.responseBytes(), false));
            }
        }
        // with the flow measured, the emails are its notifier's SendEmail calls
        double emails = flow.isEmpty() ? EMAILS_PER_DOSSIER : 0;
        var lines = CostModel.per1000(usages, DOCUMENT_BYTES_PER_DOSSIER, emails, CostModel.Prices.US_EAST_1_2025);
        b.append("\n## Cost per 1,000 dossiers on AWS\n\n")
                .append("Invocations per dossier, expected for the pilot: ").append(LIFE.entrySet().stream()
                        .filter(e -> !inFlow.contains(e.getKey())).map(e -> e.getKey() + " " + fmt(e.getValue()))
                        .collect(Collectors.joining(", ")));
        if (flow.isEmpty()) {
            b.append("; the flow's functions (router, dispatcher, department updates, updates, notifier) NOT included: run without --no-pipeline")
                    .append("; ").append(fmt(EMAILS_PER_DOSSIER)).append(" emails per dossier assumed");
        } else {
            b.append("; measured in the whole flow (auto-approve: receipt and result emails; the department-updates count includes the ")
                    .append("simulator's signed status checks while it waits for its accepted answer to be applied, about one): ")
                    .append(flow.stream().map(f -> f.use().function() + " " + String.format(Locale.ROOT, "%.2f", f.use().invocationsPerDossier()))
                            .collect(Collectors.joining(", ")));
        }
        b.append(". Warm durations; ").append(fmt(DOCUMENT_BYTES_PER_DOSSIER / 1e6)).append(" MB of scans per dossier. Prices: ")
                .append(CostModel.Prices.US_EAST_1_2025.source()).append(" (see CostModel). Free tiers ignored.\n\n")
                .append(CostModel.table(lines));
        return b.toString();
    }

    private static String calls(Map<String, Double> calls) {
        return calls.entrySet().stream().map(e -> e.getKey() + " " + fmt(e.getValue())).collect(Collectors.joining(", "));
    }

    /** IntakeFunction → intake, DepartmentUpdatesFunction → department-updates: the names of the tables. */
    static String shortName(String logicalId) {
        String base = logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
