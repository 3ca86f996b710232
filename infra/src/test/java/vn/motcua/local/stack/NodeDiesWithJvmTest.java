package vn.motcua.local.stack;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Node.js and Python (moto) children must not outlive the JVM that started them, even when that JVM
 * gets SIGKILL and runs no shutdown hook: each script exits when its stdin (a pipe from the JVM) closes.
 */
class NodeDiesWithJvmTest {

    @Test
    void theNodeProcessDiesWhenItsJvmIsKilledWithSigkill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "-D" + ProjectDirectory.PROPERTY + "=" + ProjectDirectory.find(),
                StackInChildJvm.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long nodePid;
        long motoPid = -1;
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                if (line != null && line.startsWith("MOTO_PID ")) motoPid = Long.parseLong(line.substring("MOTO_PID ".length()).trim());
            } while (line != null && !line.startsWith("NODE_PID "));
            assertThat(line).as("the child JVM printed its node pid").isNotNull();
            nodePid = Long.parseLong(line.substring("NODE_PID ".length()).trim());
            assertThat(running(nodePid)).isTrue();
            assertThat(running(motoPid)).as("moto pid %d", motoPid).isTrue();

            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((running(nodePid) || running(motoPid)) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(running(nodePid)).as("node process %d still running after its JVM died", nodePid).isFalse();
        assertThat(running(motoPid)).as("moto process %d still running after its JVM died", motoPid).isFalse();
    }

    /** Alive and not a zombie (an orphan's exit is reaped by init, which may take a moment). */
    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (Exception gone) {
                return false;
            }
        }
        return false;
    }
}
