package vn.motcua.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.edge.Json;
import vn.motcua.local.stack.MotoServer;
import vn.motcua.local.stack.ProjectDirectory;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short subset of the fault and security suite ({@code infra/chaos/run}) that {@code mvn verify} runs: the local
 * run started as its own process (as {@link RunCommandSignalTest} starts it), then the department endpoint's replay and
 * tamper corpus, the bad-input corpus (every route) and the authorisation matrix (forged tokens, every group) against it;
 * every row of the table must pass. The crash runs, the emulator's restart and SES refusing (minutes each) are the
 * whole suite's, run by hand (README, "Faults and attacks").
 */
class ChaosSuiteTest {

    @Test
    void theReplayBadInputAndAuthorisationCorporaAreRefusedAndStoreNothing(@TempDir Path dir) throws Exception {
        MotoServer.requiredByTest();
        Path project = ProjectDirectory.find();
        String python = MotoServer.python(project);
        int base = freeBase();
        var launcher = Json.mapper().createArrayNode().add(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .add("-cp").add(System.getProperty("java.class.path")).add("-D" + ProjectDirectory.PROPERTY + "=" + project)
                .add("-D" + MotoServer.PYTHON_PROPERTY + "=" + python).add("vn.motcua.local.LocalRun");
        Path table = dir.resolve("table.md");
        var command = new ArrayList<>(List.of(python, project.resolve("infra/chaos/chaos.py").toString(), "--only", "replay,bad-input,authz",
                "--port", Integer.toString(base), "--simulator-port", Integer.toString(base + 6), "--data", dir.resolve("data").toString(),
                "--start-timeout", "240", "--table", table.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("chaos.log").toFile());
        builder.environment().put("MOTCUA_CHAOS_LAUNCHER", Json.write(launcher));
        Process chaos = builder.start();
        try {
            assertThat(chaos.waitFor(8, TimeUnit.MINUTES)).as("finished within 8 minutes").isTrue();
            String log = Files.readString(dir.resolve("chaos.log"));
            assertThat(chaos.exitValue()).as(log).isZero();
            assertThat(Files.readString(table)).contains("| replay |", "| bad-input |", "| authz |").doesNotContain("FAIL");
        } finally {
            chaos.destroyForcibly();
        }
    }

    /** Seven free ports in a row: the API, the five emulators, the simulator. */
    private static int freeBase() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int p = base; p < base + 7 && free; p++) {
                try (var s = new ServerSocket(p)) {
                    s.setReuseAddress(true);
                } catch (java.io.IOException taken) {
                    free = false;
                }
            }
            if (free) return base;
        }
        throw new IllegalStateException("no seven free ports in a row");
    }
}
