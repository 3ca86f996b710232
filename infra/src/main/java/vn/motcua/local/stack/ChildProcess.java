package vn.motcua.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * An emulator the local stack runs as a child process (Node.js's dynalite and aws-ses-v2-local, moto's server),
 * and the small protocol their scripts in {@code infra/local} share: once listening, the script prints one JSON
 * line on stdout (its ports, or {@code {"error": "..."}}) and nothing after; it exits when its stdin closes, which
 * the kernel does for us even when this JVM is killed with SIGKILL, so it never outlives the stack. A shutdown
 * hook and {@link #close()} stop it in the ordinary cases. The last lines of its stderr go into error messages.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final JsonNode announcement;
    private final Tail stderr;
    private final Thread shutdownHook;
    private volatile boolean closing;

    private ChildProcess(Process process, JsonNode announcement, Tail stderr, String name) {
        this.process = process;
        this.announcement = announcement;
        this.stderr = stderr;
        this.shutdownHook = new Thread(() -> {
            closing = true;
            process.destroy();
        }, "motcua-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the process and returns once it has said where it listens.
     *
     * @param name      short, for thread names ({@code node-services}, {@code moto})
     * @param what      for messages ("The Node.js services", "moto's server (python3)")
     * @param cannotRun the message when the program itself cannot be started (what to install)
     */
    static ChildProcess start(ProcessBuilder builder, String name, String what, Duration timeout,
                              Function<IOException, LocalStackException> cannotRun) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw cannotRun.apply(e);
        }
        var stderr = new Tail(process.getErrorStream(), "motcua-" + name + "-stderr");
        var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return null;
            }
        }, runnable -> daemon("motcua-" + name + "-stdout", runnable).start());

        String line;
        try {
            line = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new LocalStackException(what + " did not start within " + timeout.toSeconds() + " s" + stderr.describe());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while starting " + what, e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new LocalStackException("Cannot read from " + what + ": " + e.getCause(), e);
        }
        if (line == null) {
            waitQuietly(process);
            throw new LocalStackException(what + " exited before it listened (exit code "
                    + (process.isAlive() ? "?" : process.exitValue()) + ")" + stderr.describe());
        }
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(line);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new LocalStackException(what + " printed '" + line + "' instead of its ports" + stderr.describe());
        }
        if (answer.has("error")) {
            waitQuietly(process);
            throw new LocalStackException(answer.get("error").asText());
        }
        // keep the pipe drained so the process never blocks on a full stdout
        daemon("motcua-" + name + "-stdout", () -> drain(stdout)).start();
        return new ChildProcess(process, answer, stderr, name);
    }

    /** The JSON line it printed once listening. */
    JsonNode announcement() { return announcement; }

    long pid() { return process.pid(); }

    /**
     * Runs {@code whenDied} with the exit code and the last lines of stderr when the process ends by itself (it
     * crashed, or someone killed it), not when {@link #close()} or the JVM's shutdown stopped it.
     */
    void onUnexpectedExit(java.util.function.BiConsumer<Integer, String> whenDied) {
        process.onExit().thenAccept(p -> {
            if (!closing) whenDied.accept(p.exitValue(), stderr.describe());
        });
    }

    @Override
    public void close() {
        closing = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the process
        }
        try {
            process.getOutputStream().close(); // the script's own way out: stdin closed
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void waitQuietly(Process process) {
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // the scripts print nothing after their first line unless something is wrong; stderr is kept
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    static Thread daemon(String name, Runnable body) {
        var thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The last lines of a stream, for error messages. */
    private static final class Tail {
        private final Deque<String> lines = new ArrayDeque<>();

        Tail(InputStream in, String threadName) {
            daemon(threadName, () -> {
                try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.addLast(line);
                            if (lines.size() > 20) lines.removeFirst();
                        }
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }).start();
        }

        String describe() {
            try {
                Thread.sleep(100); // let the last lines arrive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lines) {
                return lines.isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", lines);
            }
        }
    }
}
