package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A function's containers, as Lambda scales them: created when all are busy, up to the limit, each its own. */
class LocalFunctionPoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLER = "vn.motcua.local.runner.handlers.PausingHandler";

    @TempDir
    static Path project;
    private static Path artifact;
    private final List<LocalFunction> open = new ArrayList<>();

    @BeforeAll
    static void buildArtifact() {
        RunnerFixture.buildArtifact(project);
        artifact = project.resolve("build/handlers");
    }

    @AfterEach
    void closeAll() {
        open.forEach(LocalFunction::close);
    }

    private LocalFunction load(int maxContainers, int timeoutSeconds) {
        var f = LocalFunction.load("pool", artifact, HANDLER, Map.of(), 128, timeoutSeconds, project).maxContainers(maxContainers);
        open.add(f);
        return f;
    }

    private static JsonNode invoke(LocalFunction f, String event) throws Exception {
        return JSON.readTree(f.invoke(event.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code n} invocations at the same moment; their answers, and how long all took in ms. */
    private static Timed atOnce(LocalFunction f, int n, String event) throws Exception {
        var pool = Executors.newFixedThreadPool(n);
        try {
            var calls = new ArrayList<Callable<JsonNode>>();
            for (int i = 0; i < n; i++) calls.add(() -> invoke(f, event));
            long t0 = System.nanoTime();
            var answers = new ArrayList<JsonNode>();
            for (Future<JsonNode> future : pool.invokeAll(calls, 30, TimeUnit.SECONDS)) answers.add(future.get());
            return new Timed(answers, (System.nanoTime() - t0) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Timed(List<JsonNode> answers, long millis) {
        HashSet<String> distinct(String field) {
            var set = new HashSet<String>();
            answers.forEach(a -> set.add(a.path(field).asText()));
            return set;
        }
    }

    @Test
    void twoSlowInvocationsAtOnceRunInParallelOnTwoContainers() throws Exception {
        var f = load(4, 10);
        var run = atOnce(f, 2, "{\"sleepMillis\":1500}");

        assertThat(run.millis()).isLessThan(2_900); // one after the other would take 3 s
        assertThat(run.distinct("instance")).hasSize(2);
        // each container is its own class loader: its own statics, as each Lambda environment is its own JVM
        assertThat(run.distinct("loader")).hasSize(2);
        assertThat(run.answers()).allSatisfy(a -> assertThat(a.path("handledInLoader").asInt()).isEqualTo(1));
        assertThat(f.containers()).isEqualTo(2);
        assertThat(f.peakConcurrency()).isEqualTo(2);
    }

    @Test
    void aContainerIsCreatedOnlyWhenAllAreBusy() throws Exception {
        var f = load(4, 10);
        var instances = new HashSet<String>();
        for (int i = 0; i < 5; i++) instances.add(invoke(f, "{}").path("instance").asText());

        assertThat(instances).hasSize(1);
        assertThat(f.containers()).isEqualTo(1);
        assertThat(f.containersCreated()).isEqualTo(1);
        assertThat(f.invocations()).isEqualTo(5);
    }

    @Test
    void theLimitHoldsAndTheOthersWaitForAFreeContainer() throws Exception {
        var f = load(2, 10);
        var run = atOnce(f, 6, "{\"sleepMillis\":400}");

        assertThat(run.answers()).hasSize(6);
        assertThat(run.distinct("instance")).hasSize(2);
        assertThat(f.peakConcurrency()).isEqualTo(2);
        assertThat(f.containers()).isEqualTo(2);
        assertThat(f.containersCreated()).isEqualTo(2);
        assertThat(run.millis()).isGreaterThanOrEqualTo(1_150); // three rounds of two
    }

    @Test
    void oneContainerByDefaultRunsOneInvocationAtATime() throws Exception {
        var f = LocalFunction.load("one", artifact, HANDLER, Map.of(), 128, 10, project);
        open.add(f);
        var run = atOnce(f, 3, "{\"sleepMillis\":300}");

        assertThat(f.maxContainers()).isEqualTo(1);
        assertThat(run.distinct("instance")).hasSize(1);
        assertThat(run.millis()).isGreaterThanOrEqualTo(850);
    }

    @Test
    void aContainerWhoseHandlerThrewIsUsedAgainWithItsState() throws Exception {
        var f = load(4, 10);
        String first = invoke(f, "{}").path("instance").asText();
        assertThatThrownBy(() -> f.invoke("{\"THROW\":true}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LocalFunction.InvocationFailure.class).hasMessageContaining("asked to throw");

        JsonNode after = invoke(f, "{}");
        assertThat(after.path("instance").asText()).isEqualTo(first);
        assertThat(after.path("handled").asInt()).isEqualTo(3); // the same instance: it counted the failed one too
        assertThat(f.containers()).isEqualTo(1);
        assertThat(f.containersReplaced()).isZero();
    }

    @Test
    void aContainerThatTimedOutIsReplacedByANewOne() throws Exception {
        var f = load(1, 1);
        String first = invoke(f, "{}").path("instance").asText();
        assertThatThrownBy(() -> f.invoke("{\"sleepMillis\":5000}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LocalFunction.InvocationFailure.class).hasMessageContaining("Task timed out after 1 seconds");

        JsonNode after = invoke(f, "{}");
        assertThat(after.path("instance").asText()).isNotEqualTo(first);
        assertThat(after.path("handled").asInt()).isEqualTo(1); // a fresh environment: a cold start
        assertThat(f.containersReplaced()).isEqualTo(1);
        assertThat(f.containersCreated()).isEqualTo(2);
        assertThat(f.containers()).isEqualTo(1);
    }

    @Test
    void aStoppedFunctionRefusesInvocations() {
        var f = load(2, 10);
        f.close();
        assertThatThrownBy(() -> f.invoke("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LocalFunction.InvocationFailure.class).hasMessageContaining("stopped");
    }

    @Test
    void theRunnerGivesEachFunctionItsLimitFromTheTemplate() {
        var runner = LocalRunner.read(RunnerFixture.setup(project));
        var http = new FunctionSpec.EventSpec("Api", "HttpApi", Map.of(), "Resources.F.Properties.Events.Api");
        var queue = new FunctionSpec.EventSpec("Jobs", "SQS", Map.of(), "Resources.F.Properties.Events.Jobs");
        var scaled = new FunctionSpec.EventSpec("Scaled", "SQS", Map.of("ScalingConfig", Map.of("MaximumConcurrency", 2)),
                "Resources.F.Properties.Events.Scaled");

        assertThat(runner.concurrency()).isEqualTo(LocalRunner.Concurrency.DEFAULT);
        assertThat(runner.containerLimit(spec(List.of(http), -1))).isEqualTo(4);
        assertThat(runner.containerLimit(spec(List.of(queue), -1))).isEqualTo(5);
        assertThat(runner.sqsBatches(spec(List.of(scaled), -1), scaled)).isEqualTo(2);
        assertThat(runner.containerLimit(spec(List.of(queue, scaled), -1))).isEqualTo(7); // one pool, both mappings' batches
        // ReservedConcurrentExecutions caps the function and each mapping
        assertThat(runner.containerLimit(spec(List.of(http, queue), 3))).isEqualTo(3);
        assertThat(runner.sqsBatches(spec(List.of(queue), 3), queue)).isEqualTo(3);

        runner.concurrency(LocalRunner.Concurrency.ONE);
        assertThat(runner.containerLimit(spec(List.of(http, queue), -1))).isEqualTo(1);
        assertThat(runner.sqsBatches(spec(List.of(queue), -1), queue)).isEqualTo(1);
        assertThatThrownBy(() -> new LocalRunner.Concurrency(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static FunctionSpec spec(List<FunctionSpec.EventSpec> events, int reserved) {
        return new FunctionSpec("F", "f", HANDLER, artifact, 128, 3, Map.of(), events, reserved);
    }
}
