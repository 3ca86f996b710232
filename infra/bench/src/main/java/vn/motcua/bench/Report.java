package vn.motcua.bench;

import vn.motcua.bench.ColdStart.Run;
import vn.motcua.bench.ColdStart.Variant;
import vn.motcua.bench.Targets.Target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The tables: printed as they are ready, and the whole of them written as Markdown for the README. */
final class Report {

    static final double COLD_RATIO_TARGET = 1.25, PRIMED_RATIO_TARGET = 2.0, SIZE_TARGET_MIB = 15.0;

    private final Path project;
    private final Bench.Options options;
    private final String started = Bench.now();
    private final String loadBefore = Bench.loadAverages();
    private Sizes sizes;
    private List<Target> targets = List.of();
    private List<Run> runs = List.of();
    private Map<String, Integer> classes = Map.of();
    private String runtime = "";
    private final List<String> extra = new ArrayList<>();

    Report(Path project, Bench.Options options) {
        this.project = project;
        this.options = options;
    }

    void sizes(Sizes s) { this.sizes = s; }

    void coldStart(List<Target> t, List<Run> r, Map<String, Integer> c, String runtimeDescription) {
        targets = t;
        runs = r;
        classes = c;
        runtime = runtimeDescription;
    }

    void section(String markdown) { extra.add(markdown); }

    double median(String cell, Variant v) {
        return Stats.median(runs.stream().filter(x -> x.cell().equals(cell) && x.variant() == v && x.ok()
                && !Double.isNaN(x.millis())).map(Run::millis).toList());
    }

    private double medianOf(String cell, Variant v, java.util.function.ToDoubleFunction<Run> value) {
        return Stats.median(runs.stream().filter(x -> x.cell().equals(cell) && x.variant() == v && x.ok())
                .mapToDouble(value).filter(d -> !Double.isNaN(d)).boxed().toList());
    }

    /** Cells that failed in any measured round: not timed, named in the table. */
    List<String> failures() {
        return runs.stream().filter(r -> !r.ok()).map(r -> r.cell() + " " + r.variant() + ": " + r.failure()).distinct().toList();
    }

    private String failed(String cell, Variant v) {
        long n = runs.stream().filter(x -> x.cell().equals(cell) && x.variant() == v && !x.ok()).count();
        return n == 0 ? "" : v.name().toLowerCase(Locale.ROOT) + " FAILED " + n + "x";
    }

    String sizesTable() {
        var b = new StringBuilder("| function | artifact | target < 15 MiB | largest parts (MiB) |\n|---|---:|---|---|\n");
        for (var a : sizes.artifacts()) {
            String parts = a.parts().entrySet().stream().limit(6)
                    .map(p -> p.getKey() + " " + String.format(Locale.ROOT, "%.2f", p.getValue() / 1048576.0))
                    .collect(Collectors.joining(", "));
            b.append(String.format(Locale.ROOT, "| %s | %.2f MiB | %s | %s |%n", a.function(), a.mib(),
                    a.mib() < SIZE_TARGET_MIB ? "met" : String.format(Locale.ROOT, "NOT met (+%.2f MiB)", a.mib() - SIZE_TARGET_MIB), parts));
        }
        return b.toString();
    }

    String coldStartTables() {
        var b = new StringBuilder();
        b.append("\nMedians of ").append(options.runs()).append(" shuffled rounds, one fresh JVM per cell and round, every cell through the Lambda")
                .append(" runtime interface client ").append(runtime).append(" against the bench's Runtime API, with Lambda's java25 JVM options")
                .append(" (C1 only without a snapshot; full tiered compilation under SnapStart). hello, hand-signed, ours cold: process start")
                .append(" to the first answer (init + first invoke; in brackets as Lambda's REPORT splits it: Init Duration, to the client's")
                .append(" first /next, + Duration, the event handed out to its answer). primed: started as SnapStart starts it, the client")
                .append(" runs the priming (beforeCheckpoint), asks /restore/next, runs afterRestore; then the first invoke's Duration against")
                .append(" the warm p50 of the ").append(options.warm()).append(" invocations after it in the same JVM. to checkpoint: process")
                .append(" start to /restore/next (init and priming: what the snapshot would hold).\n\n");
        b.append("| function | MB | hello | hand-signed (init + invoke) | ours cold (init + invoke) | cold / signed (≤ 1.25) | ours primed, 1st invoke | warm p50 | primed / warm (≤ 2, HTTP) | to checkpoint | afterRestore | classes signed / ours / hello | failed cells |\n");
        b.append("|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---|---|\n");
        for (Target t : targets) {
            String n = t.name();
            double hello = median("hello-" + t.memoryMb(), Variant.HELLO);
            double signed = median(n, Variant.SIGNED), cold = median(n, Variant.COLD), primed = median(n, Variant.PRIMED);
            double warmP50 = medianOf(n, Variant.PRIMED, Run::warmP50), checkpoint = medianOf(n, Variant.PRIMED, Run::checkpointMillis),
                    restore = medianOf(n, Variant.PRIMED, Run::restoreMillis);
            boolean http = t.sample().has("routeKey");
            double coldRatio = cold / signed, primedRatio = primed / warmP50;
            String fails = String.join(", ", java.util.stream.Stream.of(failed(n, Variant.SIGNED), failed(n, Variant.COLD), failed(n, Variant.PRIMED))
                    .filter(f -> !f.isEmpty()).toList());
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s |%n", n, t.memoryMb(),
                    fmt(hello), split(n, Variant.SIGNED, signed), split(n, Variant.COLD, cold),
                    Double.isNaN(coldRatio) ? "–" : String.format(Locale.ROOT, "%.2f %s", coldRatio, coldRatio <= COLD_RATIO_TARGET ? "met" : "NOT met"),
                    fmt1(primed), fmt1(warmP50),
                    Double.isNaN(primedRatio) ? "–" : String.format(Locale.ROOT, "%.1fx %s", primedRatio,
                            !http ? "(not HTTP)" : primedRatio <= PRIMED_RATIO_TARGET ? "met" : "NOT met"),
                    fmt(checkpoint), fmt1(restore), classes.getOrDefault(n + "/SIGNED", 0), classes.getOrDefault(n + "/COLD", 0),
                    classes.getOrDefault("hello-" + t.memoryMb() + "/HELLO", 0), fails.isEmpty() ? "none" : fails));
        }
        return b.toString();
    }

    /** Every measured run behind the medians, one line each, in the order they ran (ms; empty: not measured). */
    String runsCsv() {
        var b = new StringBuilder("cell,variant,memory_mb,millis,init_ms,invoke_ms,to_checkpoint_ms,after_restore_ms,warm_p50_ms,failure\n");
        for (Run r : runs) {
            b.append(String.join(",", r.cell(), r.variant().name().toLowerCase(Locale.ROOT), String.valueOf(r.memoryMb()),
                    csv(r.millis()), csv(r.initMillis()), csv(r.invokeMillis()), csv(r.checkpointMillis()), csv(r.restoreMillis()),
                    csv(r.warmP50()), r.failure() == null ? "" : "\"" + r.failure().replace("\"", "\"\"") + "\"")).append('\n');
        }
        return b.toString();
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A cold cell's median with the medians of its REPORT split: "648 (480 + 168)". */
    private String split(String cell, Variant v, double total) {
        if (Double.isNaN(total)) return "–";
        return fmt(total) + " (" + fmt(medianOf(cell, v, Run::initMillis)) + " + " + fmt(medianOf(cell, v, Run::invokeMillis)) + ")";
    }

    private static String fmt1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    String markdown() {
        var b = new StringBuilder("# Benchmark results\n\n");
        b.append("Measured ").append(started).append(" on ").append(Bench.machine()).append(", by `infra/bench/run");
        if (options.runs() != 5) b.append(" --runs ").append(options.runs());
        if (options.warm() != 5) b.append(" --warm ").append(options.warm());
        if (options.primingRuns() != 1) b.append(" --priming-runs ").append(options.primingRuns());
        if (!options.only().isEmpty()) b.append(" --only ").append(String.join(",", options.only()));
        if (options.dossiers() != 1000) b.append(" --dossiers ").append(options.dossiers());
        if (!options.coldStart()) b.append(" --no-cold-start");
        if (!options.pipeline()) b.append(" --no-pipeline");
        var c = options.concurrency();
        if (c.containers() != vn.motcua.local.runner.LocalRunner.Concurrency.DEFAULT.containers()) b.append(" --containers ").append(c.containers());
        if (c.sqsBatches() != vn.motcua.local.runner.LocalRunner.Concurrency.DEFAULT.sqsBatches()) b.append(" --sqs-batches ").append(c.sqsBatches());
        b.append("`; the hand-signed version built from ").append(options.baseline()).append(".\n\nLoad averages (uptime): ")
                .append(loadBefore).append(" before, ").append(Bench.loadAverages()).append(" after. Absolute times depend on how busy")
                .append(" the machine is; the ratios, measured side by side in shuffled rounds, are what to compare.\n\n");
        b.append("## Artifact sizes\n\n").append(sizesTable()).append('\n');
        if (!runs.isEmpty()) b.append("## Cold starts\n").append(coldStartTables()).append('\n');
        extra.forEach(e -> b.append(e).append('\n'));
        return b.toString();
    }
}
