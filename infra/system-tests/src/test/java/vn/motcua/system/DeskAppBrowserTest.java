package vn.motcua.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.LocalRun;
import vn.motcua.local.stack.ProjectDirectory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counter web app in headless Chromium (Debian's {@code chromium}, driven by playwright-core from
 * infra/node_modules): {@code infra/system-tests/browser/desk-app.mjs} against the local run started
 * here on free ports. The happy path (create, upload, print the receipt, the department approves,
 * the board shows the result ready, hand back), the validation messages and the public status page;
 * screenshots in {@code target/screenshots/}. Without chromium the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
class DeskAppBrowserTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    static Path data;
    private static LocalRun run;

    @BeforeAll
    static void start() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean browser = Files.isExecutable(CHROMIUM);
        boolean driver = Files.isDirectory(PROJECT.resolve("infra/node_modules/playwright-core"));
        if (ci) {
            assertThat(browser).as("chromium at " + CHROMIUM + " (.ci/run installs it)").isTrue();
            assertThat(driver).as("playwright-core in infra/node_modules (npm ci in infra)").isTrue();
        }
        Assumptions.assumeTrue(browser, "skipped: no chromium at " + CHROMIUM + " (apt-get install chromium)");
        Assumptions.assumeTrue(driver, "skipped: playwright-core is not installed (cd infra && npm ci)");
        run = LocalRun.start(LocalRun.Options.ephemeral(PROJECT, data).build());
    }

    @AfterAll
    static void stop() {
        if (run != null) run.close();
    }

    @Test
    void theCounterAppDoesTheHappyPathTheChecksAndThePublicPage() throws Exception {
        Path shots = PROJECT.resolve("infra/system-tests/target/screenshots");
        Path script = PROJECT.resolve("infra/system-tests/browser/desk-app.mjs");
        Path output = data.resolve("browser.log");
        var process = new ProcessBuilder("node", script.toString(), run.apiUrl().toString(), shots.toString(), simulatorUrl())
                .directory(PROJECT.resolve("infra/system-tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly();
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("the browser tests finished within 5 minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("all checks passed");
        try (var files = Files.list(shots)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(10);
        }
    }

    // ------------------------------------------------------------------ the department

    /** The local run's department simulator: the callback reaches it, and its answers go through the API. */
    private static String simulatorUrl() {
        return run.simulator().url().toString();
    }

    @SuppressWarnings("unused")
    private static URI api(String path) { return run.apiUrl().resolve(path); }
}
