package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.bench.Targets.Target;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Cold starts through the Lambda runtime interface client, as Lambda's java25 managed runtime starts a
 * function: each measurement a fresh JVM with Lambda's JVM options ({@link #jvmOptions}), the runtime's
 * jars on its class path ({@link LambdaRuntime#start}), the client's {@code AWSLambda} as main class with the
 * handler as argument, the working directory the deployment zip unpacked as Lambda unpacks it into
 * /var/task (classes at the root, {@code lib/*.jar}; the client loads the function from there in a class
 * loader of its own, as on Lambda), and {@link RuntimeApi} serving real events made valid by
 * {@link Fixtures}. Per function, four cells, all in every round, in a shuffled order (a busy machine
 * slows them alike); the first round is a warm-up (page cache) that also counts the classes loaded:
 * <ul>
 *   <li>{@link Variant#HELLO}: a hello-world handler of the same memory size, the floor;</li>
 *   <li>{@link Variant#SIGNED}: the hand-signed version, the same function's zip built from the baseline commit;</li>
 *   <li>{@link Variant#COLD}: ours, no snapshot: process start to the first answer, split as Lambda's
 *       REPORT line splits it (Init Duration: to the client's first {@code /next}; Duration: the event
 *       handed out to its answer);</li>
 *   <li>{@link Variant#PRIMED}: ours as SnapStart runs it. {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}
 *       and Lambda's {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}: after init the client
 *       itself calls every {@code org.crac} {@code beforeCheckpoint} (our priming), asks
 *       {@code /restore/next} (where Lambda snapshots; here answered at once), calls every
 *       {@code afterRestore}, then takes the first event; then {@code warm} more events in the same JVM,
 *       whose median Duration is the function's warm p50. No snapshot is taken (no snapshotting JVM
 *       here): what this cell times is the first invoke of a primed JVM, not a restore. The JVM runs
 *       without {@code TieredStopAtLevel=1}, as Lambda's does under SnapStart.</li>
 * </ul>
 * A cell whose answer is an error (not 2xx, a failed batch item, an error or init error reported to the
 * Runtime API, the process gone) is not timed: its run is recorded as failed, and the report says so.
 */
final class ColdStart {

    enum Variant { HELLO, SIGNED, COLD, PRIMED }

    /**
     * One measured JVM, in ms. {@code millis}: the cell's figure (HELLO, SIGNED, COLD: process start to the
     * first answer; PRIMED: the first invoke's Duration). {@code initMillis}, {@code invokeMillis}: the
     * REPORT split of a cold run (Init Duration, Duration). PRIMED only: {@code checkpointMillis}, process
     * start to {@code /restore/next} (init plus the priming, what the snapshot holds), {@code restoreMillis},
     * the afterRestore hooks, and {@code warmP50}. {@code failure}: null when every answer was a success.
     */
    record Run(String cell, Variant variant, int memoryMb, double millis, double initMillis, double invokeMillis,
               double checkpointMillis, double restoreMillis, double warmP50, String failure) {
        boolean ok() { return failure == null; }
    }

    record Cell(String key, Target target, Variant variant, int memoryMb) {}

    static final String HELLO_HANDLER = "vn.motcua.bench.hello.HelloHandler::handleRequest";

    private final Path benchTarget;
    private final Path work;
    private final Fixtures fixtures;
    private final Map<String, String> awsEnvironment;
    private final int warm;
    private final int primingRuns;
    private final Consumer<String> progress;
    private LambdaRuntime runtime;
    final Map<String, Integer> classesLoaded = new LinkedHashMap<>();

    ColdStart(Path benchTarget, Fixtures fixtures, Map<String, String> awsEnvironment, int warm, int primingRuns, Consumer<String> progress) {
        this.primingRuns = primingRuns;
        this.benchTarget = benchTarget;
        this.work = benchTarget.resolve("work");
        this.fixtures = fixtures;
        this.awsEnvironment = awsEnvironment;
        this.warm = warm;
        this.progress = progress;
    }

    /**
     * The options Lambda's java25 runtime starts the JVM with (the "Customize Java runtime startup" page, and
     * the command lines published from inside Lambda's Java runtimes): C1 only ({@code TieredStopAtLevel=1})
     * except under SnapStart and provisioned concurrency, the serial collector, the heap at 85 % of the
     * function's memory ({@code MaxRAM} stands for the micro-VM's memory). The class data sharing archive and
     * the runtime interface client's own options are added by {@link LambdaRuntime#start}. Not reproduced:
     * the Log4j hot-patch agent of the older Java runtimes (this project has no Log4j).
     */
    static List<String> jvmOptions(int memoryMb, boolean snapStart) {
        var options = new ArrayList<String>();
        if (!snapStart) options.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        options.addAll(List.of("-XX:+UseSerialGC", "-XX:MaxHeapSize=" + (int) (memoryMb * 0.85) + "m",
                "-XX:MaxRAM=" + memoryMb + "m"));
        return options;
    }

    List<Run> measure(List<Target> targets, int rounds, long seed) {
        var cells = new ArrayList<Cell>();
        var memories = new java.util.TreeSet<Integer>();
        for (Target t : targets) {
            memories.add(t.memoryMb());
            if (t.signedArtifact() != null) cells.add(new Cell(t.name(), t, Variant.SIGNED, t.memoryMb()));
            cells.add(new Cell(t.name(), t, Variant.COLD, t.memoryMb()));
            cells.add(new Cell(t.name(), t, Variant.PRIMED, t.memoryMb()));
        }
        for (int m : memories) cells.add(new Cell("hello-" + m, null, Variant.HELLO, m));
        prepareTasks(targets);

        var runs = new ArrayList<Run>();
        var random = new Random(seed);
        for (int round = 0; round <= rounds; round++) {
            var order = new ArrayList<>(cells);
            Collections.shuffle(order, random);
            boolean warmUp = round == 0;
            progress.accept((warmUp ? "warm-up round (classes counted)" : "round " + round + "/" + rounds) + ": " + order.size() + " JVMs");
            for (Cell c : order) {
                Run run = run(c, warmUp);
                if (!warmUp) runs.add(run);
                if (!run.ok()) progress.accept("  FAILED " + c.key() + " " + c.variant() + ": " + run.failure());
            }
        }
        return runs;
    }

    /** For the report: the client's version and the class data sharing archive the JVMs used. */
    String runtimeDescription() {
        return runtime == null ? "" : runtime.describe();
    }

    // ------------------------------------------------------------------ one JVM

    private Run run(Cell c, boolean countClasses) {
        Path task = taskDir(c);
        boolean snapStart = c.variant() == Variant.PRIMED;
        String name = c.target() == null ? c.key() : c.target().name();
        var env = runtime.environment(c.target() == null ? awsEnvironment : c.target().environment(), task, name, c.memoryMb(), snapStart);
        var options = new ArrayList<>(jvmOptions(c.memoryMb(), snapStart));
        if (snapStart && primingRuns != 1) options.add("-Dmotcua.priming.runs=" + primingRuns);
        Path log = work.resolve("logs").resolve(c.key() + "-" + c.variant() + ".log");
        Path classLog = work.resolve("logs").resolve(c.key() + "-" + c.variant() + "-classes.log");
        boolean counting = countClasses && !snapStart;
        if (counting) options.add("-Xlog:class+load=info:file=" + classLog);
        String handler = c.variant() == Variant.HELLO ? HELLO_HANDLER : c.target().handler();

        int count = snapStart ? 1 + warm : 1;
        var events = new ArrayList<byte[]>();
        for (int i = 0; i < count; i++) events.add(c.target() == null ? "{}".getBytes(StandardCharsets.UTF_8) : fixtures.prepare(c.target().sample()));
        int timeout = c.target() == null ? 60 : c.target().timeoutSeconds();
        try (var api = new RuntimeApi(events, "arn:aws:lambda:ap-southeast-1:000000000000:function:" + name, Duration.ofSeconds(timeout))) {
            long t0 = System.nanoTime();
            Process p = runtime.start(options, handler, task, env, api, log);
            RuntimeApi.Outcome outcome;
            try {
                outcome = api.await(p, Duration.ofSeconds(120));
            } finally {
                LambdaRuntime.stop(p);
            }
            if (counting && Files.exists(classLog)) {
                try (Stream<String> lines = Files.lines(classLog)) {
                    classesLoaded.put(c.key() + "/" + c.variant(), (int) lines.count());
                }
            }
            String failure = outcome.failure();
            for (var invocation : outcome.invocations()) {
                if (failure != null) break;
                String problem = problem(invocation.body());
                if (problem != null) failure = problem;
            }
            if (failure != null) {
                Files.writeString(log, "\nBENCH: " + failure + "\n", StandardOpenOption.APPEND);
                failure = abbreviate(failure) + " (" + log + ")";
            }
            var first = outcome.invocations().isEmpty() ? null : outcome.invocations().get(0);
            double firstMillis = first == null ? Double.NaN : first.millis();
            if (!snapStart) {
                double total = first == null ? Double.NaN : (first.answeredNanos() - t0) / 1e6;
                double init = outcome.firstNextNanos() == 0 ? Double.NaN : (outcome.firstNextNanos() - t0) / 1e6;
                return new Run(c.key(), c.variant(), c.memoryMb(), total, init, firstMillis, Double.NaN, Double.NaN, Double.NaN, failure);
            }
            double checkpoint = outcome.restoreNextNanos() == 0 ? Double.NaN : (outcome.restoreNextNanos() - t0) / 1e6;
            double restore = outcome.restoreNextNanos() == 0 || outcome.firstNextNanos() == 0 ? Double.NaN
                    : (outcome.firstNextNanos() - outcome.restoredNanos()) / 1e6;
            if (failure == null && outcome.restoreNextNanos() == 0) failure = "the runtime never asked /restore/next: not started as SnapStart (" + log + ")";
            double warmP50 = Stats.median(outcome.invocations().stream().skip(1).map(RuntimeApi.Invocation::millis).toList());
            return new Run(c.key(), c.variant(), c.memoryMb(), firstMillis, Double.NaN, Double.NaN, checkpoint, restore, warmP50, failure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    /**
     * Null when the answer is a success: an HTTP answer of 2xx, a batch without failed items, any other
     * answer (a stream handler that did not throw); else what went wrong.
     */
    static String problem(String answer) {
        JsonNode node;
        try {
            node = answer.isBlank() ? null : Json.mapper().readTree(answer);
        } catch (IOException e) {
            return null; // not JSON: a stream handler's own answer
        }
        if (node == null) return null;
        if (node.has("statusCode")) {
            int status = node.get("statusCode").asInt();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        }
        if (node.path("batchItemFailures").size() > 0) return node.path("batchItemFailures").size() + " failed batch items";
        return null;
    }

    // ------------------------------------------------------------------ task directories

    private Path taskDir(Cell c) {
        return switch (c.variant()) {
            case HELLO -> work.resolve("tasks/hello");
            case SIGNED -> work.resolve("tasks/" + c.target().name() + "/signed");
            case COLD, PRIMED -> work.resolve("tasks/" + c.target().name() + "/ours");
        };
    }

    private void prepareTasks(List<Target> targets) {
        try {
            deleteTree(work.resolve("tasks"));
            deleteTree(work.resolve("events"));
            deleteTree(work.resolve("logs"));
            // hello-world as a developer's zip holds it: the class at the root, Lambda's handler interfaces in lib/
            Path classes = benchTarget.resolve("classes");
            Path hello = work.resolve("tasks/hello");
            copyClasses(classes, "vn/motcua/bench/hello", hello);
            Files.createDirectories(hello.resolve("lib"));
            try (Stream<Path> jars = Files.list(benchTarget.resolve("lib-ric"))) {
                for (Path j : jars.filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-core")).toList()) {
                    Files.copy(j, hello.resolve("lib").resolve(j.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            runtime = LambdaRuntime.lay(benchTarget.resolve("lib-ric"), work.resolve("runtime"), hello, HELLO_HANDLER);
            for (Target t : targets) {
                unzip(t.artifact(), work.resolve("tasks/" + t.name() + "/ours"));
                if (t.signedArtifact() != null) unzip(t.signedArtifact(), work.resolve("tasks/" + t.name() + "/signed"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the task directories under " + work, e);
        }
    }

    private static void copyClasses(Path classes, String pkg, Path to) throws IOException {
        Path from = classes.resolve(pkg);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(classes.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void unzip(Path zip, Path to) throws IOException {
        if (!Files.exists(zip)) throw new IOException(zip + " does not exist: build the functions first (mvn -DskipTests package)");
        try (var z = new ZipFile(zip.toFile())) {
            for (var e : Collections.list(z.entries())) {
                Path target = to.resolve(e.getName()).normalize();
                if (!target.startsWith(to)) throw new IOException("zip entry outside the task: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (var in = z.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Collections.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
