package vn.motcua.bench;

import vn.motcua.local.runner.FunctionSpec;
import vn.motcua.local.runner.LocalRunner;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.local.stack.Provisioning;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;
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
 * {@code infra/bench/run}: starts the local AWS stack from template.yaml, then measures cold starts
 * through the Lambda runtime interface client ({@link ColdStart}), artifact sizes, the pipeline against the emulators' ceiling, and the cost per 1,000
 * dossiers; prints the tables and writes them to {@code infra/bench/target/results.md}, every cold-start
 * run behind the medians to {@code infra/bench/target/cold-starts.csv}.
 */
public final class Bench {

    /** The last commit with the hand-signed AWS layer: the cold starts' yardstick (its artifacts are built in a worktree of it). */
    static final String HAND_SIGNED_COMMIT = "5569bdc6d70987580fdfcb1c87feec07c62d6787";

    record Options(int runs, int warm, int primingRuns, List<String> only, int dossiers, boolean coldStart, boolean pipeline, LocalRunner.Concurrency concurrency,
                   String baseline) {
        static Options parse(String[] args) {
            int runs = 5, dossiers = 1000, warm = 5, primingRuns = 1;
            String baseline = HAND_SIGNED_COMMIT;
            int containers = LocalRunner.Concurrency.DEFAULT.containers(), batches = LocalRunner.Concurrency.DEFAULT.sqsBatches();
            boolean cold = true, pipe = true;
            var only = new ArrayList<String>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--warm" -> warm = Integer.parseInt(args[++i]);
                    case "--priming-runs" -> primingRuns = Integer.parseInt(args[++i]);
                    case "--baseline" -> baseline = args[++i];
                    case "--only" -> only.addAll(List.of(args[++i].split(",")));
                    case "--dossiers" -> dossiers = Integer.parseInt(args[++i]);
                    case "--no-cold-start" -> cold = false;
                    case "--no-pipeline" -> pipe = false;
                    case "--containers" -> containers = Integer.parseInt(args[++i]);
                    case "--sqs-batches" -> batches = Integer.parseInt(args[++i]);
                    case "-h", "--help" -> {
                        System.out.println("""
                                infra/bench/run [--runs N] [--warm N] [--only catalog,intake] [--dossiers N] [--no-cold-start] [--no-pipeline]
                                                [--containers N] [--sqs-batches N] [--baseline COMMIT] [--no-build]
                                  --runs N         measured rounds per cold-start cell (default 5, after one warm-up round); every
                                                   cell a fresh JVM running Lambda's runtime interface client against the
                                                   bench's Runtime API
                                  --warm N         warm invocations after the primed first one, for the warm p50 (default 5)
                                  --priming-runs N the priming's own code path N times instead of once (an experiment)
                                  --baseline C     the hand-signed commit whose artifacts are measured beside ours (default
                                                   """ + HAND_SIGNED_COMMIT + """
                                ; built by infra/bench/run in infra/bench/target/baseline)
                                  --only a,b       only these functions (names as in the tables)
                                  --dossiers N     dossiers through the whole flow, intake to the emails (default 1000)
                                  --containers N   the pipeline's local run: containers per function at most (default 4, as infra/run)
                                  --sqs-batches N  and batches at once per SQS queue (default 5, as infra/run); 1 and 1: one
                                                   container per function, one batch at a time (the runner before pools)
                                  --no-build       do not build first (mvn -DskipTests package)""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help)");
                }
            }
            return new Options(runs, warm, primingRuns, List.copyOf(only), dossiers, cold, pipe, new LocalRunner.Concurrency(containers, batches), baseline);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path project = Path.of(System.getProperty("motcua.project.dir", ".")).toAbsolutePath().normalize();
        Path benchTarget = project.resolve("infra/bench/target");
        var report = new Report(project, options);
        List<Calibration.Measured> measured = List.of();
        com.fasterxml.jackson.databind.JsonNode intakeSample = null;
        log("Starting the local AWS stack…");
        vn.motcua.local.departments.DepartmentSimulator simulator = null;
        try (var stack = LocalAwsStack.start(LocalAwsStack.Options.inMemory().withProjectDir(project))) {
            Template template = Template.load(project.resolve("template.yaml"));
            // the dev secrets, as infra/run sets them (the template's default "ssm" has no emulator here)
            String secrets = vn.motcua.local.LocalRun.localDepartmentSecrets(project);
            var resources = stack.resources(template, TemplateResources.Naming.defaults()
                    .withParameter(vn.motcua.local.LocalRun.LOCAL_DEPARTMENT_SECRETS_PARAMETER, secrets));
            Provisioning.createOn(stack, resources);
            String catalogTable = resources.tableName("CatalogTable");
            // the departments' endpoints: the dispatcher's callbacks are answered (manual mode: received, 2xx)
            simulator = vn.motcua.local.departments.DepartmentSimulator.start("127.0.0.1", 0, secrets, () -> null,
                    Clock.systemUTC(), LocalSystem.failuresOnly());
            SeedData.read(project.resolve("infra/seed")).withCallbackBase(java.net.URI.create("http://127.0.0.1:" + simulator.url().getPort()))
                    .publish(stack.dynamoDb(), catalogTable);
            var reference = new ReferenceData(stack.dynamoDb(), catalogTable, Duration.ZERO, Clock.systemUTC());
            var dossiers = new DossierRepository(stack.dynamoDb(), resources.tableName("DossierTable"));
            var fixtures = new Fixtures(stack, dossiers, new Receipts(reference.current().catalog(), dossiers),
                    resources.bucketName("DocumentsBucket"), secrets);

            var specs = FunctionSpec.read(template, resources, project, stack.awsEnvironment());
            Path baseline = benchTarget.resolve("baseline");
            var targets = Targets.discover(specs, resources, project, project.resolve("events"), Files.isDirectory(baseline) ? baseline : null);
            var chosen = targets.all().stream().filter(t -> options.only().isEmpty() || options.only().contains(t.name())).toList();
            targets.skipped().forEach(s -> log("  skipped " + s));

            report.sizes(Sizes.of(chosen));
            log(report.sizesTable());
            if (options.coldStart()) {
                log("Cold starts: " + chosen.size() + " functions, " + options.runs() + " rounds…");
                chosen.stream().filter(t -> t.signedArtifact() == null).forEach(t -> log("  no hand-signed artifact for " + t.name()
                        + " under " + baseline + " (infra/bench/run builds them)"));
                var cold = new ColdStart(benchTarget, fixtures, stack.awsEnvironment(), options.warm(), options.primingRuns(), Bench::log);
                var runs = cold.measure(chosen, options.runs(), 8L);
                report.coldStart(chosen, runs, cold.classesLoaded, cold.runtimeDescription());
                log(report.coldStartTables());
            }
            if (options.pipeline()) {
                log("Calibration: warm durations and AWS calls per invocation…");
                measured = Calibration.run(chosen, fixtures, stack.awsEnvironment(), benchTarget.resolve("work"), 5);
                intakeSample = targets.all().stream().filter(t -> t.name().equals("intake")).findFirst().map(Targets.Target::sample).orElse(null);
            }
        } finally {
            if (simulator != null) simulator.close();
        }
        if (options.pipeline()) {
            var flow = intakeSample == null ? List.<Costs.Flowing>of() : flow(project, benchTarget.resolve("work"), intakeSample, options, report);
            String costs = Costs.section(measured, flow);
            report.section(costs);
            log(costs);
        }
        Path out = benchTarget.resolve("results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.markdown());
        if (options.coldStart()) Files.writeString(benchTarget.resolve("cold-starts.csv"), report.runsCsv());
        log("Written to " + project.relativize(out));
        if (!report.failures().isEmpty()) {
            log("FAILED cells (not timed; the bench fails):");
            report.failures().forEach(f -> log("  " + f));
            System.exit(1);
        }
    }

    /**
     * The whole flow twice, each on a fresh local run: a small counted run (a counting proxy per function and
     * service: the calls per invocation) and the timed run of {@code --dossiers} (nothing in between), with the
     * emulators' ceiling measured on the timed run's own emulators just before.
     */
    private static List<Costs.Flowing> flow(Path project, Path work, com.fasterxml.jackson.databind.JsonNode intakeSample, Options options,
                                            Report report) throws Exception {
        int counted = Math.max(10, Math.min(50, options.dossiers() / 10));
        log("Whole flow, counted run: " + counted + " dossiers with counting proxies…");
        var proxies = new java.util.LinkedHashMap<String, java.util.Map<String, CountingProxy>>();
        Flow.Result countedRun;
        var flowing = new ArrayList<Costs.Flowing>();
        try (var system = LocalSystem.start(project, work, options.concurrency(), spec -> {
            if (!Flow.FUNCTIONS.contains(spec.logicalId())) return spec.environment();
            var env = new java.util.LinkedHashMap<>(spec.environment());
            var mine = new java.util.LinkedHashMap<String, CountingProxy>();
            for (String service : List.of("DYNAMODB", "SQS", "SESV2")) {
                var proxy = new CountingProxy(java.net.URI.create(spec.environment().get("AWS_ENDPOINT_URL_" + service)));
                mine.put(service, proxy);
                env.put("AWS_ENDPOINT_URL_" + service, proxy.url());
            }
            proxies.put(spec.logicalId(), mine);
            return env;
        })) {
            countedRun = new Flow(system, intakeSample).run(counted, 4, 5,
                    () -> proxies.values().forEach(m -> m.values().forEach(CountingProxy::reset)), Duration.ofMinutes(5));
            for (var use : countedRun.functions()) {
                double invocations = use.invocationsPerDossier() * counted;
                var calls = new java.util.TreeMap<String, Double>();
                var in = new java.util.TreeMap<String, Double>();
                var out = new java.util.TreeMap<String, Double>();
                proxies.get(use.logicalId()).values().forEach(p -> p.snapshot().forEach((op, c) -> {
                    calls.merge(op, invocations == 0 ? 0 : c.count() / invocations, Double::sum);
                    in.put(op, (double) c.requestBytes() / Math.max(1, c.count()));
                    out.put(op, (double) c.responseBytes() / Math.max(1, c.count()));
                }));
                flowing.add(new Costs.Flowing(use, calls, in, out));
            }
        } finally {
            proxies.values().forEach(m -> m.values().forEach(CountingProxy::close));
        }
        if (!countedRun.checks().clean()) log("  the counted run was not clean: " + countedRun.checks() + " " + countedRun.notes());

        log("Whole flow, timed run: emulator ceiling, then " + options.dossiers() + " dossiers (up to "
                + options.concurrency().containers() + " containers per function, " + options.concurrency().sqsBatches() + " batches at once per queue)…");
        try (var system = LocalSystem.start(project, work, options.concurrency(), null)) {
            var ceiling = new Pipeline(system.stack()).ceiling(system.resources().tableName("DossierTable"), 2000, 8);
            var timed = new Flow(system, intakeSample).run(options.dossiers(), 8, 20, () -> {}, Duration.ofMinutes(20));
            // the timed run's invocations and durations, the counted run's calls per invocation
            var result = new ArrayList<Costs.Flowing>();
            for (int i = 0; i < flowing.size(); i++) {
                var f = flowing.get(i);
                result.add(new Costs.Flowing(timed.functions().get(i), f.callsPerInvocation(), f.requestBytes(), f.responseBytes()));
            }
            String section = PipelineReport.flowSection(ceiling, timed, PipelineReport.callsPerDossier(flowing));
            report.section(section);
            log(section);
            return result;
        }
    }

    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    }

    /** The 1, 5 and 15 minute load averages, as uptime prints them. */
    static String loadAverages() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
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
