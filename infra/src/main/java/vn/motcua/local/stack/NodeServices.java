package vn.motcua.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Node.js process running dynalite and aws-ses-v2-local ({@code infra/local/node-services.mjs}).
 * It never outlives this JVM: it exits when its stdin closes, which the kernel does for us even when
 * the JVM is killed with SIGKILL; a shutdown hook and {@link #close()} stop it in the ordinary cases.
 */
final class NodeServices implements AutoCloseable {

    static final String SCRIPT = "local/node-services.mjs";
    private static final List<String> PACKAGES = List.of("dynalite", "aws-ses-v2-local");

    private final Process process;
    private final int dynamoDbPort;
    private final int sesPort;
    private final Thread shutdownHook;

    private NodeServices(Process process, int dynamoDbPort, int sesPort) {
        this.process = process;
        this.dynamoDbPort = dynamoDbPort;
        this.sesPort = sesPort;
        this.shutdownHook = new Thread(process::destroy, "motcua-node-services-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    int dynamoDbPort() { return dynamoDbPort; }

    int sesPort() { return sesPort; }

    long pid() { return process.pid(); }

    /** Checks the installation first, so that a missing piece gets a message that says how to fix it. */
    static void checkInstalled(Path infraDir) {
        if (!Files.isRegularFile(infraDir.resolve(SCRIPT))) {
            throw new LocalStackException(infraDir.resolve(SCRIPT) + " is missing: the project directory "
                    + infraDir.getParent() + " does not look like this project");
        }
        for (String pkg : PACKAGES) {
            if (!Files.isRegularFile(infraDir.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                throw new LocalStackException(infraDir.resolve("node_modules") + " lacks " + pkg
                        + ": run `npm ci` in infra/ (it installs dynalite and aws-ses-v2-local, the local"
                        + " DynamoDB and SES, at the versions in package-lock.json)");
            }
        }
    }

    static NodeServices start(Path infraDir, String node, int dynamoDbPort, int sesPort, Optional<Path> dynamoDbDir,
                              String region, String accountId, Duration timeout) {
        checkInstalled(infraDir);
        var command = new ArrayList<>(List.of(node, SCRIPT, "--host", "127.0.0.1",
                "--dynamodb-port", String.valueOf(dynamoDbPort), "--ses-port", String.valueOf(sesPort)));
        dynamoDbDir.ifPresent(dir -> command.addAll(List.of("--dynamodb-dir", dir.toString())));
        var builder = new ProcessBuilder(command).directory(infraDir.toFile());
        var env = builder.environment();
        env.put("AWS_REGION", region);          // dynalite puts them in the table ARNs
        env.put("AWS_ACCOUNT_ID", accountId);
        env.remove("SMTP_TRANSPORT");           // aws-ses-v2-local would relay mail to a real server
        env.remove("NODE_OPTIONS");

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalStackException("Cannot run Node.js ('" + node + "'): " + e.getMessage() + ". The local"
                    + " DynamoDB and SES run on Node.js 20 or later: install it (Debian: apt-get install nodejs npm),"
                    + " or point -D" + LocalAwsStack.NODE_PROPERTY + " at the node executable, then run `npm ci` in infra/", e);
        }
        var stderr = new Tail(process.getErrorStream(), "motcua-node-services-stderr");
        var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return null;
            }
        }, runnable -> daemon("motcua-node-services-stdout", runnable).start());

        String line;
        try {
            line = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new LocalStackException("Node.js services (dynalite, aws-ses-v2-local) did not start within "
                    + timeout.toSeconds() + " s" + stderr.describe());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while starting the Node.js services", e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new LocalStackException("Cannot read from the Node.js services: " + e.getCause(), e);
        }
        if (line == null) {
            waitQuietly(process);
            throw new LocalStackException("The Node.js services exited before they listened (exit code "
                    + (process.isAlive() ? "?" : process.exitValue()) + ")" + stderr.describe());
        }
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(line);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new LocalStackException("The Node.js services printed '" + line + "' instead of their ports" + stderr.describe());
        }
        if (answer.has("error")) {
            waitQuietly(process);
            throw new LocalStackException(answer.get("error").asText());
        }
        // keep the pipe drained so the process never blocks on a full stdout
        daemon("motcua-node-services-stdout", () -> drain(stdout)).start();
        return new NodeServices(process, answer.get("dynamodb").asInt(), answer.get("ses").asInt());
    }

    @Override
    public void close() {
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
                // dynalite and aws-ses-v2-local print nothing after start unless something is wrong;
                // stderr is kept, stdout is not
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
