package vn.motcua.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.stack.ProjectDirectory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command as its own process: SIGTERM (what {@code kill}, systemd and IDEs send; Ctrl-C's
 * SIGINT takes the same path) stops it cleanly, and the Node.js emulators go with it.
 */
class RunCommandSignalTest {

    @Test
    void sigtermStopsTheRunAndItsNodeAndMotoProcesses(@TempDir Path data) throws Exception {
        Path project = ProjectDirectory.find();
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + ProjectDirectory.PROPERTY + "=" + project,
                "vn.motcua.local.LocalRun",
                "--port", "0", "--aws-ports", "0", "--simulator-port", "0",
                "--data", data.toString());
        Path log = data.resolve("run.log");
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!read(log).contains("Ctrl-C stops everything") && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(read(log)).as("started").contains("Ctrl-C stops everything");
            Optional<ProcessHandle> node = run.toHandle().children()
                    .filter(c -> c.info().commandLine().orElse("").contains("node-services")).findFirst();
            assertThat(node).as("the Node.js emulators run as a child").isPresent();
            Optional<ProcessHandle> moto = run.toHandle().children()
                    .filter(c -> c.info().commandLine().orElse("").contains("moto-server.py")).findFirst();
            assertThat(moto).as("moto's server (Cognito, SSM) runs as a child").isPresent();

            run.destroy(); // SIGTERM
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();

            assertThat(read(log)).contains("Stopping…").contains("Stopped.");
            assertThat(node.get().isAlive()).as("node pid %d still alive", node.get().pid()).isFalse();
            assertThat(moto.get().isAlive()).as("moto pid %d still alive", moto.get().pid()).isFalse();
        } finally {
            run.destroyForcibly();
        }
    }

    private static String read(Path log) throws java.io.IOException {
        return java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
    }
}
