package vn.motcua.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path every cold-start cell takes, run for real: the runtime interface client Maven copied to
 * target/lib-ric (the jar Lambda's java25 runtime runs), started by {@link LambdaRuntime} as Lambda starts
 * it, against {@link RuntimeApi}; small functions of the test classes stand in for ours.
 */
class RuntimeInterfaceClientTest {

    @TempDir
    static Path work;
    private static LambdaRuntime runtime;
    private static Path hello, functions;

    @BeforeAll
    static void layOutTheRuntime() throws IOException, URISyntaxException {
        hello = work.resolve("tasks/hello");
        copyPackage(Path.of("target/classes"), "vn/motcua/bench/hello", hello);
        Files.createDirectories(hello.resolve("lib"));
        // the functions: classes at the root, their jars in lib/, as Lambda unpacks a zip
        functions = work.resolve("tasks/functions");
        copyPackage(Path.of("target/test-classes"), "vn/motcua/bench/ric", functions);
        Path crac = Path.of(org.crac.Core.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(functions.resolve("lib"));
        Files.copy(crac, functions.resolve("lib").resolve(crac.getFileName()));
        runtime = LambdaRuntime.lay(Path.of("target/lib-ric"), work.resolve("runtime"), hello, ColdStart.HELLO_HANDLER);
    }

    private static void copyPackage(Path classes, String pkg, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(classes.resolve(pkg))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(classes.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    private RuntimeApi.Outcome run(Path task, String handler, boolean snapStart, String... events) throws IOException {
        List<byte[]> bytes = Stream.of(events).map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
        try (var api = new RuntimeApi(bytes, "arn:aws:lambda:ap-southeast-1:000000000000:function:test", Duration.ofSeconds(30))) {
            Path log = work.resolve("logs").resolve(handler.replaceAll("\\W", "_") + (snapStart ? "-snap" : "") + ".log");
            Process p = runtime.start(ColdStart.jvmOptions(256, snapStart), handler, task,
                    runtime.environment(Map.of("AWS_REGION", "ap-southeast-1"), task, "test", 256, snapStart), api, log);
            try {
                return api.await(p, Duration.ofSeconds(60));
            } finally {
                LambdaRuntime.stop(p);
            }
        }
    }

    @Test
    void hello_world_answers_through_the_client_with_the_runtime_class_archive_mapped() throws IOException {
        assertThat(runtime.archive()).as("the runtime's class data sharing archive (see runtime/runtime.jsa.log)").isNotNull();

        var outcome = run(hello, ColdStart.HELLO_HANDLER, false, "{}");

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.invocations()).singleElement().satisfies(i -> assertThat(i.body()).isEqualTo("{\"statusCode\":200,\"body\":\"hello\"}"));
        assertThat(outcome.firstNextNanos()).isPositive();
        assertThat(outcome.restoreNextNanos()).as("not started as SnapStart").isZero();
    }

    @Test
    void started_as_snapstart_the_client_runs_the_crac_hooks_around_restore_next_then_takes_the_events() throws IOException {
        var outcome = run(functions, "vn.motcua.bench.ric.StepsHandler::handleRequest", true, "{\"n\":1}", "{\"n\":2}");

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.restoreNextNanos()).isPositive().isLessThan(outcome.firstNextNanos());
        var first = outcome.invocations().get(0);
        assertThat(first.body()).isEqualTo("init, beforeCheckpoint, afterRestore, invoke {\"n\":1} as " + first.requestId());
        var second = outcome.invocations().get(1);
        assertThat(second.body()).endsWith("afterRestore, invoke {\"n\":1} as " + first.requestId() + ", invoke {\"n\":2} as " + second.requestId());
    }

    @Test
    void started_on_demand_the_client_runs_no_hook_and_never_asks_restore_next() throws IOException {
        var outcome = run(functions, "vn.motcua.bench.ric.StepsHandler::handleRequest", false, "{}");

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.restoreNextNanos()).isZero();
        assertThat(outcome.invocations().get(0).body()).startsWith("init, invoke {}");
    }

    @Test
    void an_invocation_that_throws_ends_the_run_as_a_failure() throws IOException {
        var outcome = run(functions, "vn.motcua.bench.ric.FailingHandler::handleRequest", false, "{}");

        assertThat(outcome.failure()).startsWith("invocation error").contains("the table is not there");
        assertThat(outcome.invocations()).singleElement().satisfies(i -> assertThat(i.error()).isTrue());
    }

    @Test
    void a_function_that_cannot_initialise_ends_the_run_as_an_init_error() throws IOException {
        var outcome = run(functions, "vn.motcua.bench.ric.BrokenInitHandler::handleRequest", false, "{}");

        assertThat(outcome.failure()).startsWith("init error").contains("CATALOG_TABLE is not set");
        assertThat(outcome.invocations()).isEmpty();
    }
}
