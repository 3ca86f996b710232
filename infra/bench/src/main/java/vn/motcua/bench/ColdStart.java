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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Cold starts: each measurement a fresh JVM on a Lambda-like task directory (the deployment zip
 * unpacked as Lambda unpacks it into /var/task), one real event, on two paths: the runtime interface
 * client against {@link RuntimeApi}, and {@code MinimalHarness}. Every cell (hello-world, ours,
 * typical; per path) is measured in every round, in a shuffled order, so that a busy machine slows
 * all of them alike; the first round is a warm-up (page cache) that also counts loaded classes.
 */
final class ColdStart {

    enum Variant { HELLO, OURS, TYPICAL }

    enum Route { HARNESS, RIC }

    /** One measured JVM. {@code status}: the HTTP status of the answer, "ok" for other triggers, or what went wrong. */
    record Run(String cell, Variant variant, Route route, int memoryMb, double millis, String status) {}

    record Cell(String key, Target target, Variant variant, Route route, int memoryMb) {}

    static final String HELLO_HANDLER = "vn.motcua.bench.hello.HelloHandler::handleRequest";

    private final Path benchTarget;
    private final Path work;
    private final Fixtures fixtures;
    private final Map<String, String> awsEnvironment;
    private final Consumer<String> progress;
    final Map<String, Integer> classesLoaded = new LinkedHashMap<>();

    ColdStart(Path benchTarget, Fixtures fixtures, Map<String, String> awsEnvironment, Consumer<String> progress) {
        this.benchTarget = benchTarget;
        this.work = benchTarget.resolve("work");
        this.fixtures = fixtures;
        this.awsEnvironment = awsEnvironment;
        this.progress = progress;
    }

    /** The Lambda java17 runtime's JVM options (C1 only, serial GC, default CDS) with heap from the function's memory. */
    static List<String> jvmOptions(int memoryMb) {
        return List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:MaxHeapSize=" + (int) (memoryMb * 0.85) + "m", "-XX:MaxRAM=" + memoryMb + "m",
                "-Djava.net.preferIPv4Stack=true");
    }

    List<Run> measure(List<Target> targets, int rounds, long seed) {
        var cells = new ArrayList<Cell>();
        var memories = new java.util.TreeSet<Integer>();
        for (Target t : targets) {
            memories.add(t.memoryMb());
            for (Route r : Route.values()) {
                cells.add(new Cell(t.name(), t, Variant.OURS, r, t.memoryMb()));
                if (t.typicalHandler() != null) cells.add(new Cell(t.name(), t, Variant.TYPICAL, r, t.memoryMb()));
            }
        }
        for (int m : memories) for (Route r : Route.values()) cells.add(new Cell("hello-" + m, null, Variant.HELLO, r, m));
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
                if (!run.status().matches("2\\d\\d|ok")) progress.accept("  " + c.key() + " " + c.variant() + " " + c.route() + ": " + run.status());
            }
        }
        return runs;
    }

    // ------------------------------------------------------------------ one JVM

    private Run run(Cell c, boolean countClasses) {
        byte[] event = c.target() == null ? "{}".getBytes() : fixtures.prepare(c.target().sample());
        String handler = switch (c.variant()) {
            case HELLO -> HELLO_HANDLER;
            case OURS -> c.target().handler();
            case TYPICAL -> c.target().typicalHandler();
        };
        Path task = taskDir(c);
        var env = new LinkedHashMap<String, String>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("LAMBDA_RUNTIME_DIR", benchTarget.resolve("lib-ric").toString());
        if (c.target() == null) {
            env.putAll(awsEnvironment);
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(c.memoryMb()));
        } else {
            env.putAll(c.target().environment());
            // The typical developer's template sets no JVM options: Lambda's defaults (on the command line) apply.
            if (c.variant() == Variant.TYPICAL) env.remove("JAVA_TOOL_OPTIONS");
        }
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(c.memoryMb()));
        Path log = work.resolve("logs").resolve(c.key() + "-" + c.variant() + "-" + c.route() + ".log");
        Path classLog = work.resolve("logs").resolve(c.key() + "-" + c.variant() + "-classes.log");
        if (countClasses && c.route() == Route.HARNESS) command.add("-Xlog:class+load=info:file=" + classLog);
        try {
            Files.createDirectories(log.getParent());
            return c.route() == Route.HARNESS ? harness(c, handler, task, env, command, event, log, countClasses ? classLog : null)
                    : ric(c, handler, env, command, event, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Run harness(Cell c, String handler, Path task, Map<String, String> env, List<String> command, byte[] event,
                        Path log, Path classLog) throws IOException {
        Path eventFile = work.resolve("event.json");
        Files.write(eventFile, event);
        String cp = work.resolve("harness") + ":" + task + ":" + task.resolve("lib") + "/*";
        if (c.variant() == Variant.TYPICAL) cp += ":" + benchTarget.resolve("lib-serialization") + "/*";
        command.addAll(List.of("-cp", cp, "vn.motcua.bench.harness.MinimalHarness", handler, eventFile.toString()));
        var pb = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean exited = waitFor(p);
        long t1 = System.nanoTime();
        String output = Files.readString(log);
        String status = !exited ? "timeout" : p.exitValue() != 0 ? "exit " + p.exitValue() + " (" + log + ")" : status(result(output));
        if (classLog != null && Files.exists(classLog)) {
            try (Stream<String> lines = Files.lines(classLog)) {
                classesLoaded.put(c.key() + "/" + c.variant(), (int) lines.count());
            }
        }
        return new Run(c.key(), c.variant(), c.route(), c.memoryMb(), (t1 - t0) / 1e6, status);
    }

    private Run ric(Cell c, String handler, Map<String, String> env, List<String> command, byte[] event, Path log) throws IOException {
        String name = c.target() == null ? "hello" : c.target().name();
        try (var api = new RuntimeApi(event, UUID.randomUUID().toString(),
                "arn:aws:lambda:ap-southeast-1:000000000000:function:" + name)) {
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            Path task = taskDir(c);
            env.put("_HANDLER", handler);
            command.addAll(List.of("-cp", benchTarget.resolve("lib-ric") + "/*",
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
            // the runtime interface client loads the function from its working directory, /var/task on Lambda
            var pb = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            RuntimeApi.Outcome outcome;
            try {
                outcome = api.outcome().get(90, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                return new Run(c.key(), c.variant(), c.route(), c.memoryMb(), Double.NaN, "no answer (" + log + ")");
            } finally {
                p.destroyForcibly();
                waitFor(p);
            }
            if (outcome.error()) Files.writeString(log, "\nRUNTIME API ERROR: " + outcome.body() + "\n", java.nio.file.StandardOpenOption.APPEND);
            String status = outcome.error() ? "error (" + log + ")" : status(outcome.body());
            return new Run(c.key(), c.variant(), c.route(), c.memoryMb(), (outcome.arrivedNanos() - t0) / 1e6, status);
        }
    }

    private static boolean waitFor(Process p) {
        try {
            boolean done = p.waitFor(90, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
    }

    private static String result(String output) {
        for (String line : output.split("\n")) if (line.startsWith("RESULT ")) return line.substring(7);
        return "";
    }

    /** The HTTP status of an HTTP API answer; "ok" for any other answer. */
    static String status(String answer) {
        try {
            JsonNode node = answer.isBlank() ? null : Json.mapper().readTree(answer);
            if (node != null && node.has("statusCode")) return node.get("statusCode").asText();
            return "ok";
        } catch (IOException e) {
            return "ok";
        }
    }

    // ------------------------------------------------------------------ task directories

    private Path taskDir(Cell c) {
        return switch (c.variant()) {
            case HELLO -> work.resolve("tasks/hello");
            case OURS -> work.resolve("tasks/" + c.target().name() + "/ours");
            case TYPICAL -> work.resolve("tasks/" + c.target().name() + "/typical");
        };
    }

    private void prepareTasks(List<Target> targets) {
        try {
            deleteTree(work.resolve("tasks"));
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
                if (t.typicalHandler() == null) continue;
                Path typical = work.resolve("tasks/" + t.name() + "/typical");
                unzip(t.artifact(), typical);
                copyClasses(classes, "vn/motcua/bench/typical", typical);
                String twin = t.typicalHandler().substring(0, t.typicalHandler().indexOf("::"));
                String pkg = twin.substring(0, twin.lastIndexOf('.')).replace('.', '/');
                try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith("Typical")).toList()) {
                        Path to = typical.resolve(pkg).resolve(f.getFileName());
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                try (Stream<Path> jars = Files.list(benchTarget.resolve("lib-typical"))) {
                    for (Path j : jars.toList()) Files.copy(j, typical.resolve("lib").resolve(j.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
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
