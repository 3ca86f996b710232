package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.bench.Targets.Target;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Cold starts: each measurement a fresh JVM on a Lambda-like task directory (the deployment zip unpacked
 * as Lambda unpacks it into /var/task), with the JVM options Lambda's java25 runtime applies, and real
 * events made valid by {@link Fixtures}. Per function, four cells, all in every round, in a shuffled
 * order (a busy machine slows them alike); the first round is a warm-up (page cache) that also counts
 * the classes loaded:
 * <ul>
 *   <li>{@link Variant#HELLO}: a hello-world handler of the same memory size, the floor;</li>
 *   <li>{@link Variant#SIGNED}: the hand-signed version, the same function's zip built from the baseline commit;</li>
 *   <li>{@link Variant#COLD}: ours, init plus the first invocation, no snapshot;</li>
 *   <li>{@link Variant#PRIMED}: ours as SnapStart runs it: init, the priming hooks (beforeCheckpoint, then
 *       afterRestore), then the first invocation timed inside the JVM, then {@code warm} more invocations
 *       whose median is the same function's warm p50. The JVM runs without {@code TieredStopAtLevel=1},
 *       as Lambda's does under SnapStart.</li>
 * </ul>
 * A cell whose answer is an error (not 2xx, a failed batch item, an exception) is not timed: its run is
 * recorded as failed, and the report says so.
 */
final class ColdStart {

    enum Variant { HELLO, SIGNED, COLD, PRIMED }

    /**
     * One measured JVM. {@code millis}: process start to exit (init plus first invocation), or for PRIMED
     * the first invocation after priming; {@code warmP50}: PRIMED only; {@code failure}: null when every
     * answer was a success.
     */
    record Run(String cell, Variant variant, int memoryMb, double millis, double primeMillis, double warmP50, String failure) {
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
     * The options Lambda's java25 runtime starts the JVM with (the "Customize Java runtime startup" page):
     * C1 only ({@code TieredStopAtLevel=1}) except under SnapStart and provisioned concurrency, the serial
     * collector, the JDK's class data sharing archive, the heap sized from the function's memory.
     */
    static List<String> jvmOptions(int memoryMb, boolean snapStart) {
        var options = new ArrayList<String>();
        if (!snapStart) options.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        options.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:MaxHeapSize=" + (int) (memoryMb * 0.85) + "m",
                "-XX:MaxRAM=" + memoryMb + "m", "-Djava.net.preferIPv4Stack=true"));
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

    // ------------------------------------------------------------------ one JVM

    private Run run(Cell c, boolean countClasses) {
        Path task = taskDir(c);
        var env = new LinkedHashMap<String, String>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", task.toString());
        if (c.target() == null) {
            env.putAll(awsEnvironment);
        } else {
            env.putAll(c.target().environment());
        }
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(c.memoryMb()));
        boolean snapStart = c.variant() == Variant.PRIMED;
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(c.memoryMb(), snapStart));
        if (snapStart && primingRuns != 1) command.add("-Dmotcua.priming.runs=" + primingRuns);
        Path log = work.resolve("logs").resolve(c.key() + "-" + c.variant() + ".log");
        Path classLog = work.resolve("logs").resolve(c.key() + "-" + c.variant() + "-classes.log");
        if (countClasses && c.variant() != Variant.PRIMED) command.add("-Xlog:class+load=info:file=" + classLog);
        String handler = c.variant() == Variant.HELLO ? HELLO_HANDLER : c.target().handler();
        command.addAll(List.of("-cp", work.resolve("harness") + ":" + task + ":" + task.resolve("lib") + "/*",
                "vn.motcua.bench.harness.MinimalHarness"));
        if (snapStart) command.add("--snapstart");
        command.add(handler);
        try {
            Files.createDirectories(log.getParent());
            int events = snapStart ? 1 + warm : 1;
            for (int i = 0; i < events; i++) {
                byte[] event = c.target() == null ? "{}".getBytes() : fixtures.prepare(c.target().sample());
                Path file = work.resolve("events").resolve(c.key() + "-" + i + ".json");
                Files.createDirectories(file.getParent());
                Files.write(file, event);
                command.add(file.toString());
            }
            var pb = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean exited = waitFor(p);
            long t1 = System.nanoTime();
            String output = Files.readString(log);
            if (classLog != null && Files.exists(classLog) && countClasses) {
                try (Stream<String> lines = Files.lines(classLog)) {
                    classesLoaded.put(c.key() + "/" + c.variant(), (int) lines.count());
                }
            }
            var results = results(output);
            String failure = !exited ? "timeout (" + log + ")" : p.exitValue() != 0 ? "exit " + p.exitValue() + " (" + log + ")"
                    : results.size() != events ? results.size() + " answers of " + events + " (" + log + ")" : null;
            if (failure == null) {
                for (var r : results) {
                    String problem = problem(r.answer());
                    if (problem != null) {
                        failure = problem + " (" + log + ")";
                        break;
                    }
                }
            }
            if (!snapStart) return new Run(c.key(), c.variant(), c.memoryMb(), (t1 - t0) / 1e6, Double.NaN, Double.NaN, failure);
            double prime = primed(output);
            double first = results.isEmpty() ? Double.NaN : results.get(0).millis();
            double warmP50 = Stats.median(results.stream().skip(1).map(Result::millis).toList());
            return new Run(c.key(), c.variant(), c.memoryMb(), first, prime, warmP50, failure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(double millis, String answer) {}

    private static List<Result> results(String output) {
        var results = new ArrayList<Result>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("RESULT ")) continue;
            int space = line.indexOf(' ', 7);
            results.add(new Result(Double.parseDouble(line.substring(7, space)), line.substring(space + 1)));
        }
        return results;
    }

    private static double primed(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith("PRIMED ")) return Double.parseDouble(line.split(" ")[1]);
        }
        return Double.NaN;
    }

    private static boolean waitFor(Process p) {
        try {
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
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
            Path classes = benchTarget.resolve("classes");
            copyClasses(classes, "vn/motcua/bench/harness", work.resolve("harness"));
            Path hello = work.resolve("tasks/hello");
            copyClasses(classes, "vn/motcua/bench/hello", hello);
            Files.createDirectories(hello.resolve("lib"));
            try (Stream<Path> jars = Files.list(benchTarget.resolve("lib-ric"))) {
                for (Path j : jars.filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-core")).toList()) {
                    Files.copy(j, hello.resolve("lib").resolve(j.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
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
