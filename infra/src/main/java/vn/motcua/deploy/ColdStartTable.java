package vn.motcua.deploy;

import java.util.List;
import java.util.Locale;

/** The measured cold starts as docs/deploy.md's table: one row per function, Lambda's figures from its REPORT lines. */
public final class ColdStartTable {

    /** One function's first invocation on a new version; {@code outcome} is "ok" or the function error Lambda returned. */
    public record Row(String function, String version, ReportLine report, String outcome) {}

    private ColdStartTable() {}

    public static String render(List<Row> rows) {
        var out = new StringBuilder();
        out.append("| function | memory MB | version | start | init or restore ms | billed restore ms | first invoke ms | cold start ms | max memory MB | answer |\n");
        out.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            ReportLine l = r.report();
            String start = l.restoreMs().isPresent() ? "SnapStart restore" : l.initMs().isPresent() ? "init" : "warm (no new environment)";
            double initOrRestore = l.restoreMs().isPresent() ? l.restoreMs().getAsDouble() : l.initMs().orElse(0);
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.1f | %.1f | %d | %s |%n", r.function(), l.memoryMb(), r.version(),
                    start, l.cold() ? String.format(Locale.ROOT, "%.1f", initOrRestore) : "–",
                    l.billedRestoreMs().isPresent() ? String.format(Locale.ROOT, "%.0f", l.billedRestoreMs().getAsDouble()) : "–",
                    l.durationMs(), l.coldStartMs(), l.maxMemoryUsedMb(), r.outcome()));
        }
        return out.toString();
    }
}
