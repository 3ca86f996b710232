package vn.motcua.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Lambda's java25 managed runtime puts around a function, laid out under the bench's work
 * directory as /var/runtime is on Lambda: the runtime interface client's jars ({@code lib/}: the client,
 * aws-lambda-java-core, aws-lambda-java-serialization and the SDK's utils-lite the client calls), its
 * native Runtime API client unpacked once ({@code jni/}, as Lambda names it with
 * {@code -D...NativeClient.JNI}; left unset, every client would unpack it to the one shared
 * {@code /tmp/.libaws-lambda-jni.so}), and a class data sharing archive of the runtime's classes
 * ({@code runtime.jsa}), as Lambda starts the JVM with {@code -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa}.
 *
 * <p>The archive is built here from what the runtime loads: a hello-world handler run once through the
 * client with {@code -XX:DumpLoadedClassList}, that list joined to the JDK's default class list, then
 * {@code -Xshare:dump}. (The client ships a {@code ClasspathLoader} that loads every class of the
 * runtime's jars for such a list, but it stops at the multi-release classes of aws-lambda-java-serialization
 * 1.4.1.) Lambda's own archive is not published; this one holds the same kind of classes: the JDK's and the
 * runtime's, none of the function's (the client loads those in a class loader of its own, which a static
 * archive does not cover). When it cannot be built, the JVMs fall back to the JDK's default archive and
 * the report says so.
 */
final class LambdaRuntime {

    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private final Path dir;
    private final List<Path> jars;
    private final Path jni;
    private final Path archive;   // null: the JDK's default archive

    private LambdaRuntime(Path dir, List<Path> jars, Path jni, Path archive) {
        this.dir = dir;
        this.jars = jars;
        this.jni = jni;
        this.archive = archive;
    }

    /**
     * Lays the runtime out in {@code dir} from the jars Maven copied to {@code libRic}; the class list of its
     * archive comes from running {@code helloHandler} in {@code helloTask} once.
     */
    static LambdaRuntime lay(Path libRic, Path dir, Path helloTask, String helloHandler) throws IOException {
        ColdStart.deleteTree(dir);
        Path lib = Files.createDirectories(dir.resolve("lib"));
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(libRic)) {
            for (Path j : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(Files.copy(j, lib.resolve(j.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
        }
        Path client = jars.stream().filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new IOException("no runtime interface client jar in " + libRic + " (mvn package builds it)"));
        Path jni = dir.resolve("jni").resolve(nativeLibrary());
        Files.createDirectories(jni.getParent());
        try (var jar = new JarFile(client.toFile())) {
            var entry = jar.getEntry("jni/" + nativeLibrary());
            if (entry == null) throw new IOException(client + " has no jni/" + nativeLibrary());
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, jni, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        var runtime = new LambdaRuntime(dir, List.copyOf(jars), jni, null);
        return new LambdaRuntime(dir, runtime.jars, jni, runtime.dumpArchive(helloTask, helloHandler));
    }

    /** The archive's path, or null when the JVMs use the JDK's default one. */
    Path archive() { return archive; }

    /** For the report: the runtime's jars and the archive used. */
    String describe() {
        return "(" + jars.stream().map(j -> j.getFileName().toString().replaceFirst("\\.jar$", "")).collect(Collectors.joining(", "))
                + (archive == null ? "; the JDK's default class data sharing archive: the runtime's own could not be built)"
                : "; -Xshare:on with a class data sharing archive of the JDK's and the runtime's classes, as Lambda's runtime.jsa)");
    }

    /**
     * Starts the client in a fresh JVM, as Lambda starts it: {@code jvmOptions} (Lambda's, from
     * {@link ColdStart#jvmOptions}, and any of the bench's), then the runtime's own (the class data sharing
     * archive, the client's options, the runtime's class path), the client's main class with the handler;
     * the working directory the task (the client loads the function from there, /var/task on Lambda);
     * {@code environment} and {@code AWS_LAMBDA_RUNTIME_API} pointing at {@code api}; output to {@code log}.
     */
    Process start(List<String> jvmOptions, String handler, Path task, Map<String, String> environment, RuntimeApi api, Path log)
            throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(sharing());
        command.addAll(List.of("--add-opens=java.base/java.io=ALL-UNNAMED", CRAC_COMPAT, "-XX:+ErrorFileToStderr",
                "-D" + JNI_PROPERTY + "=" + jni, "-classpath", classPath(), MAIN_CLASS, handler));
        Files.createDirectories(log.getParent());
        var pb = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        return pb.start();
    }

    /**
     * The variables of the function's process: a few of the system's, the function's own ({@code function}:
     * template.yaml's, as FunctionSpec resolves them), and those Lambda sets for the runtime.
     * {@code snapStart}: the client runs the CRaC hooks and asks {@code /restore/next}.
     */
    Map<String, String> environment(Map<String, String> function, Path task, String functionName, int memoryMb, boolean snapStart) {
        var env = new LinkedHashMap<String, String>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(function);
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("LAMBDA_RUNTIME_DIR", dir.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", snapStart ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        return env;
    }

    /** Ends a runtime (it waits for work forever): SIGTERM first, so that the JVM writes out its logs. */
    static void stop(Process p) {
        try {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private String classPath() {
        return jars.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    /** Lambda starts with {@code -Xshare:on} on its archive; without ours, the JDK's default one. */
    private List<String> sharing() {
        return archive == null ? List.of("-Xshare:auto") : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive);
    }

    private Path dumpArchive(Path helloTask, String helloHandler) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path loaded = dir.resolve("runtime.loaded.classlist"), list = dir.resolve("runtime.classlist"), jsa = dir.resolve("runtime.jsa");
        Path log = dir.resolve("runtime.jsa.log");
        try {
            // what the runtime loads (this runtime has no archive yet: -Xshare:auto, dropped for the list)
            hello(List.of("-XX:+UseSerialGC", "-Xshare:off", "-XX:DumpLoadedClassList=" + loaded), helloTask, helloHandler,
                    dir.resolve("runtime.classlist.log"));
            Path jdkList = Path.of(System.getProperty("java.home"), "lib", "classlist");
            var lines = new ArrayList<String>();
            if (Files.exists(jdkList)) lines.addAll(Files.readAllLines(jdkList));
            lines.addAll(Files.readAllLines(loaded));
            Files.write(list, lines.stream().distinct().toList());
            // dumped with the options that must match at run time (the collector, the opened module, the class path)
            run(List.of(java.toString(), "-XX:+UseSerialGC", "--add-opens=java.base/java.io=ALL-UNNAMED", "-Xshare:dump",
                    "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + jsa, "-cp", classPath()), log);
            // the archive must map in the measured JVMs, or every cell would fail: hello-world through it
            var archived = new LambdaRuntime(dir, jars, jni, jsa);
            Path check = dir.resolve("runtime.jsa.check.log");
            archived.hello(ColdStart.jvmOptions(512, false), helloTask, helloHandler, check);
            String output = Files.readString(check);
            if (output.contains("[cds]")) throw new IOException("the archive did not map cleanly: " + check);
            return jsa;
        } catch (IOException | RuntimeException e) {
            System.out.println("  runtime class archive not built (" + e.getMessage() + "; " + log
                    + "): the JVMs use the JDK's default archive");
            return null;
        }
    }

    /** Hello-world through the client, one event, or an exception. */
    private void hello(List<String> jvmOptions, Path helloTask, String helloHandler, Path log) throws IOException {
        try (var api = new RuntimeApi(List.of("{}".getBytes(StandardCharsets.UTF_8)),
                "arn:aws:lambda:ap-southeast-1:000000000000:function:hello", Duration.ofSeconds(60))) {
            Process p = start(jvmOptions, helloHandler, helloTask, environment(Map.of(), helloTask, "hello", 512, false), api, log);
            RuntimeApi.Outcome outcome;
            try {
                outcome = api.await(p, Duration.ofSeconds(120));
            } finally {
                stop(p);   // SIGTERM: a class list is written out as the JVM exits
            }
            if (!outcome.ok()) throw new IOException("hello-world through the client failed: " + outcome.failure() + " (" + log + ")");
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        var p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", command));
    }

    private static String nativeLibrary() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "libaws-lambda-jni.linux-x86_64.so";
            case "aarch64", "arm64" -> "libaws-lambda-jni.linux-aarch_64.so";
            default -> throw new UncheckedIOException(new IOException("no native Runtime API client for " + arch));
        };
    }
}
