package vn.motcua.local.runner;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFunctionTest {

    private static final String HANDLERS = "vn.motcua.local.runner.handlers.";

    @TempDir
    static Path project;
    private static Path artifact;

    @BeforeAll
    static void buildArtifact() {
        RunnerFixture.buildArtifact(project);
        artifact = project.resolve("build/handlers");
    }

    @Test
    void aZipIsLoadedAsItsUnpackedDirectoryWouldBe() throws Exception {
        Path zip = project.resolve("fn/target/function.zip");
        zip(artifact, zip);
        Map<String, String> env = Map.of("GREETING", "chào", "TABLE", "t", "AWS_LAMBDA_FUNCTION_NAME", "fn",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128", "AWS_REGION", "ap-southeast-1");
        try (var function = LocalFunction.load("fn", zip, HANDLERS + "EnvHandler", env, 128, 3, project.resolve("unpacked"))) {
            String answer = new String(function.invoke("{}".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            assertThat(answer).contains("\"greeting\":\"chào\"").contains("\"function\":\"fn\"");
            assertThat(function.directory()).startsWith(project.resolve("unpacked"));
            assertThat(function.invocations()).isEqualTo(1);
        }
    }

    @Test
    void aHandlerThatCannotBeCreatedNamesTheFunctionAndTheCause() {
        assertThatThrownBy(() -> LocalFunction.load("greeter", artifact, HANDLERS + "EnvHandler", Map.of(), 128, 3, project))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("function greeter")
                .hasMessageContaining("GREETING");
    }

    @Test
    void theRunnersClassesAreNotVisibleToAFunction() {
        // Only the Lambda core interfaces are shared; a function cannot lean on what the runner has on its class path.
        assertThatThrownBy(() -> LocalFunction.load("fn", artifact, "vn.motcua.local.runner.LocalRunner", Map.of(), 128, 3, project))
                .isInstanceOf(RunnerException.class).hasMessageContaining("ClassNotFoundException");
    }

    @Test
    void aSlowHandlerTimesOutLikeLambda() {
        try (var function = LocalFunction.load("slow", artifact, HANDLERS + "SlowHandler", Map.of(), 128, 1, project)) {
            assertThatThrownBy(() -> function.invoke(new byte[0]))
                    .isInstanceOf(LocalFunction.InvocationFailure.class)
                    .hasMessageContaining("Task timed out after 1 seconds");
        }
    }

    private static void zip(Path dir, Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (var out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
