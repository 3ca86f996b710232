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
 * measured. Stages not built yet are estimated from the desk-actions profile and marked so.
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
    /** Not on this branch yet: router, dispatcher, department updates, notifier (one email per notice). */
    static final Map<String, Double> ESTIMATED = Map.of("router", 1.0, "dispatcher", 1.0, "department-updates", 3.0, "notifier", 4.0);
    static final double EMAILS_PER_DOSSIER = 4.0;          // receipt, accepted, result, returned (notifier not built: counted here)
    static final double DOCUMENT_BYTES_PER_DOSSIER = 1.5e6; // three scans of about 500 KB

    static String section(List<Calibration.Measured> measured, Report report) {
        var usages = new ArrayList<CostModel.Usage>();
        var b = new StringBuilder("## Warm invocations and AWS calls (calibration)\n\n");
        b.append("Each function loaded once from its zip (a warm container), then 5 fresh real events; calls counted by a\n")
                .append("pass-through proxy in front of each emulator (not used while anything else is timed).\n\n")
                .append("| function | MB | warm ms (p50) | calls per invocation |\n|---|---:|---:|---|\n");
        Calibration.Measured profile = null;
        for (var m : measured) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s |%n", m.function(), m.memoryMb(), m.warmMillis(),
                    m.callsPerInvocation().entrySet().stream().map(e -> e.getKey() + " " + fmt(e.getValue())).collect(Collectors.joining(", "))));
            Double runs = LIFE.get(m.function());
            if (m.function().equals("desk-actions")) profile = m;
            if (runs == null) continue;
            usages.add(new CostModel.Usage(m.function(), runs, !m.function().equals("document-received"), m.memoryMb(), m.warmMillis(),
                    m.callsPerInvocation(), m.requestBytes(), m.responseBytes(), false));
        }
        if (profile != null) {
            for (var e : ESTIMATED.entrySet()) {
                usages.add(new CostModel.Usage(e.getKey(), e.getValue(), false, profile.memoryMb(), profile.warmMillis(),
                        profile.callsPerInvocation(), profile.requestBytes(), profile.responseBytes(), true));
            }
        }
        var lines = CostModel.per1000(usages, DOCUMENT_BYTES_PER_DOSSIER, EMAILS_PER_DOSSIER, CostModel.Prices.US_EAST_1_2025);
        b.append("\n## Cost per 1,000 dossiers on AWS\n\n")
                .append("Invocations per dossier: ").append(LIFE.entrySet().stream().map(e -> e.getKey() + " " + fmt(e.getValue()))
                        .collect(Collectors.joining(", ")))
                .append("; estimated from the desk-actions profile (not built yet): ")
                .append(ESTIMATED.entrySet().stream().map(e -> e.getKey() + " " + fmt(e.getValue())).collect(Collectors.joining(", ")))
                .append(". Warm durations; ").append(fmt(EMAILS_PER_DOSSIER)).append(" emails and ")
                .append(fmt(DOCUMENT_BYTES_PER_DOSSIER / 1e6)).append(" MB of scans per dossier. Prices: ")
                .append(CostModel.Prices.US_EAST_1_2025.source()).append(" (see CostModel). Free tiers ignored.\n\n")
                .append(CostModel.table(lines));
        return b.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
