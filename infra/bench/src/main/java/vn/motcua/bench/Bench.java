package vn.motcua.bench;

import vn.motcua.local.runner.FunctionSpec;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.local.stack.TemplateResources;
import vn.motcua.local.template.Template;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code infra/bench/run}: starts the local AWS stack from template.yaml, then measures cold starts on
 * both paths, artifact sizes, the pipeline against the emulators' ceiling, and the cost per 1,000
 * dossiers; prints the tables and writes them to {@code infra/bench/target/results.md}.
 */
public final class Bench {

    record Options(int runs, List<String> only, int dossiers, boolean coldStart, boolean pipeline) {
        static Options parse(String[] args) {
            int runs = 5, dossiers = 1000;
            boolean cold = true, pipe = true;
            var only = new ArrayList<String>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--only" -> only.addAll(List.of(args[++i].split(",")));
                    case "--dossiers" -> dossiers = Integer.parseInt(args[++i]);
                    case "--no-cold-start" -> cold = false;
                    case "--no-pipeline" -> pipe = false;
                    case "-h", "--help" -> {
                        System.out.println("""
                                infra/bench/run [--runs N] [--only catalog,intake] [--dossiers N] [--no-cold-start] [--no-pipeline]
                                  --runs N       measured rounds per cold-start cell (default 5, after one warm-up round)
                                  --only a,b     only these functions (names as in the tables)
                                  --dossiers N   dossiers through the pipeline (default 1000)""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help)");
                }
            }
            return new Options(runs, List.copyOf(only), dossiers, cold, pipe);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path project = Path.of(System.getProperty("motcua.project.dir", ".")).toAbsolutePath().normalize();
        Path benchTarget = project.resolve("infra/bench/target");
        var report = new Report(project, options);
        log("Starting the local AWS stack…");
        try (var stack = LocalAwsStack.start(LocalAwsStack.Options.inMemory().withProjectDir(project))) {
            Template template = Template.load(project.resolve("template.yaml"));
            var resources = TemplateResources.forStack(template, stack, TemplateResources.Naming.defaults());
            resources.createOn(stack);
            String catalogTable = resources.tableName("CatalogTable");
            SeedData.read(project.resolve("infra/seed")).publish(stack.dynamoDb(), catalogTable);
            var reference = new ReferenceData(stack.dynamoDb(), catalogTable, Duration.ZERO, Clock.systemUTC());
            var dossiers = new DossierRepository(stack.dynamoDb(), resources.tableName("DossierTable"));
            var fixtures = new Fixtures(stack, dossiers, new Receipts(reference.current().catalog(), dossiers),
                    resources.bucketName("DocumentsBucket"));

            var specs = FunctionSpec.read(template, resources, project, stack.awsEnvironment());
            var targets = Targets.discover(specs, resources, project.resolve("events"));
            var chosen = targets.all().stream().filter(t -> options.only().isEmpty() || options.only().contains(t.name())).toList();
            targets.skipped().forEach(s -> log("  skipped " + s));

            report.sizes(Sizes.of(chosen));
            log(report.sizesTable());
            if (options.coldStart()) {
                log("Cold starts: " + chosen.size() + " functions, " + options.runs() + " rounds…");
                var cold = new ColdStart(benchTarget, fixtures, stack.awsEnvironment(), Bench::log);
                var runs = cold.measure(chosen, options.runs(), 8L);
                report.coldStart(chosen, runs, cold.classesLoaded);
                log(report.coldStartTables());
            }
            if (options.pipeline()) {
                log("Calibration: warm durations and AWS calls per invocation…");
                var measured = Calibration.run(chosen, fixtures, stack.awsEnvironment(), benchTarget.resolve("work"), 5);
                report.section(Costs.section(measured, report));
                log(Costs.section(measured, report));
                var intake = chosen.stream().filter(t -> t.name().equals("intake")).findFirst();
                if (intake.isPresent()) {
                    log("Pipeline: emulator ceiling, then " + options.dossiers() + " dossiers…");
                    var pipeline = new Pipeline(stack);
                    var ceiling = pipeline.ceiling(resources.tableName("DossierTable"), 2000, 8);
                    var result = pipeline.run(intake.get(), Pipeline.intakeEvents(intake.get().sample(), options.dossiers()),
                            resources.queueUrl("RoutingQueue"), dossiers, 4, benchTarget.resolve("work"));
                    var intakeCalls = measured.stream().filter(m -> m.function().equals("intake")).findFirst().orElseThrow();
                    String section = PipelineReport.section(ceiling, result, intakeCalls);
                    report.section(section);
                    log(section);
                }
            }
        }
        Path out = benchTarget.resolve("results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.markdown());
        log("Written to " + project.relativize(out));
    }

    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    }

    static String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
        } catch (IOException ignored) {
            // not Linux: the core count is enough
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
                + ", JDK " + System.getProperty("java.runtime.version");
    }
}
