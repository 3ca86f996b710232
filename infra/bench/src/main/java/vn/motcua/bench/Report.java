package vn.motcua.bench;

import vn.motcua.bench.ColdStart.Route;
import vn.motcua.bench.ColdStart.Run;
import vn.motcua.bench.ColdStart.Variant;
import vn.motcua.bench.Targets.Target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The tables: printed as they are ready, and the whole of them written as Markdown for the README. */
final class Report {

    static final double OWN_RATIO_TARGET = 0.5, HELLO_RATIO_TARGET = 4.0, SIZE_TARGET_MIB = 10.0;

    private final Path project;
    private final Bench.Options options;
    private final String started = Bench.now();
    private Sizes sizes;
    private List<Target> targets = List.of();
    private List<Run> runs = List.of();
    private Map<String, Integer> classes = Map.of();
    private final List<String> extra = new ArrayList<>();

    Report(Path project, Bench.Options options) {
        this.project = project;
        this.options = options;
    }

    void sizes(Sizes s) { this.sizes = s; }

    void coldStart(List<Target> t, List<Run> r, Map<String, Integer> c) {
        targets = t;
        runs = r;
        classes = c;
    }

    void section(String markdown) { extra.add(markdown); }

    double median(String cell, Variant v, Route r) {
        return Stats.median(runs.stream().filter(x -> x.cell().equals(cell) && x.variant() == v && x.route() == r
                && !Double.isNaN(x.millis())).map(Run::millis).toList());
    }

    private String statuses(String cell, Variant v) {
        return runs.stream().filter(x -> x.cell().equals(cell) && x.variant() == v).map(Run::status)
                .map(s -> s.length() > 12 ? s.substring(0, s.indexOf(' ') < 0 ? 12 : s.indexOf(' ')) : s)
                .collect(Collectors.toCollection(TreeSet::new)).toString().replaceAll("[\\[\\]]", "");
    }

    String sizesTable() {
        var b = new StringBuilder("| function | artifact | target < 10 MiB | largest parts |\n|---|---:|---|---|\n");
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
        for (Route route : Route.values()) {
            b.append("\n**").append(route == Route.RIC ? "Through the runtime interface client (realistic path)"
                    : "Minimal harness (construct, invoke once, exit)").append("**, median ms of ").append(options.runs()).append(" fresh JVMs\n\n");
            b.append("| function | MB | hello-world | ours | typical | own cost ours | own cost typical | own ratio (target ≤ 0.5) |");
            if (route == Route.HARNESS) b.append(" ours / hello (target ≤ 4) | classes loaded ours / typical / hello |");
            b.append(" answers |\n|---|---:|---:|---:|---:|---:|---:|---|");
            if (route == Route.HARNESS) b.append("---|---|");
            b.append("---|\n");
            for (Target t : targets) {
                String n = t.name();
                double hello = median("hello-" + t.memoryMb(), Variant.HELLO, route);
                double ours = median(n, Variant.OURS, route), typical = median(n, Variant.TYPICAL, route);
                double ownOurs = ours - hello, ownTypical = typical - hello;
                double ratio = ownOurs / ownTypical;
                b.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %s | %.0f | %s | %s |", n, t.memoryMb(), hello, ours,
                        fmt(typical), ownOurs, fmt(ownTypical),
                        Double.isNaN(ratio) ? "no typical twin" : String.format(Locale.ROOT, "%.2f %s", ratio,
                                ratio <= OWN_RATIO_TARGET ? "met" : "NOT met")));
                if (route == Route.HARNESS) {
                    double x = ours / hello;
                    b.append(String.format(Locale.ROOT, " %.1fx %s | %s / %s / %s |", x, x <= HELLO_RATIO_TARGET ? "met" : "NOT met",
                            classes.getOrDefault(n + "/OURS", 0), classes.getOrDefault(n + "/TYPICAL", 0),
                            classes.getOrDefault("hello-" + t.memoryMb() + "/HELLO", 0)));
                }
                b.append(" ours ").append(statuses(n, Variant.OURS)).append("; typical ").append(statuses(n, Variant.TYPICAL)).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    String markdown() {
        var b = new StringBuilder("# Benchmark results\n\n");
        b.append("Measured ").append(started).append(" on ").append(Bench.machine()).append(", by `infra/bench/run");
        if (options.runs() != 5) b.append(" --runs ").append(options.runs());
        if (!options.only().isEmpty()) b.append(" --only ").append(String.join(",", options.only()));
        if (options.dossiers() != 1000) b.append(" --dossiers ").append(options.dossiers());
        if (!options.coldStart()) b.append(" --no-cold-start");
        if (!options.pipeline()) b.append(" --no-pipeline");
        var c = options.concurrency();
        if (c.containers() != vn.motcua.local.runner.LocalRunner.Concurrency.DEFAULT.containers()) b.append(" --containers ").append(c.containers());
        if (c.sqsBatches() != vn.motcua.local.runner.LocalRunner.Concurrency.DEFAULT.sqsBatches()) b.append(" --sqs-batches ").append(c.sqsBatches());
        b.append("`. Absolute times depend on how busy the machine is (others' builds ran beside it);\n")
                .append("the ratios, measured side by side in shuffled rounds, are what to compare.\n\n");
        b.append("## Artifact sizes\n\n").append(sizesTable()).append('\n');
        if (!runs.isEmpty()) b.append("## Cold starts\n").append(coldStartTables()).append('\n');
        extra.forEach(e -> b.append(e).append('\n'));
        return b.toString();
    }
}
