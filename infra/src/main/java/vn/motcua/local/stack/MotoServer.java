package vn.motcua.local.stack;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto's server ({@code python3 -m moto.server}, installed on this project's machines) on a free port of
 * 127.0.0.1, for the services the local stack has no emulator of yet: Cognito user pools. One process
 * per instance, in memory, stopped with {@link #close()} (and with the JVM).
 */
public final class MotoServer implements AutoCloseable {

    public static final String INSTALL = "pip install 'moto[server]==5.2.1'";

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** http://127.0.0.1:PORT, for {@code endpointOverride} or {@code AWS_ENDPOINT_URL_<SERVICE>}. */
    public URI endpoint() { return endpoint; }

    /** Starts one and waits until it answers (at most 30 s). */
    public static MotoServer start() {
        int port = Ports.free();
        Process process;
        try {
            Path log = Files.createTempFile("motcua-moto", ".log");
            process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new LocalStackException("moto's server cannot be started (" + e.getMessage() + "): " + INSTALL, e);
        }
        var server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new LocalStackException("moto's server stopped at once (exit " + process.exitValue() + "): " + INSTALL);
            try {
                http.send(HttpRequest.newBuilder(server.endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return server;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                server.close();
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while moto's server started");
            }
        }
        server.close();
        throw new LocalStackException("moto's server did not answer within 30 s on " + server.endpoint);
    }

    /** Why moto's server cannot run here, or null when it can. */
    public static String missing() {
        try {
            var check = new ProcessBuilder("python3", "-c", "import moto.server, flask").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            return check.waitFor() == 0 ? null : "python3 cannot import moto.server: " + output.strip();
        } catch (IOException e) {
            return "python3 cannot be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** For tests that need it: skipped with the install command when it is missing, except under CI=true, where that fails. */
    public static void requiredByTest() {
        String missing = missing();
        if (missing == null) return;
        String message = missing + ": " + INSTALL;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message);
        Assumptions.abort(message);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
