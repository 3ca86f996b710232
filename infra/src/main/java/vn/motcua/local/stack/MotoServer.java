package vn.motcua.local.stack;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * moto's server (Python, {@code infra/local/moto-server.py}) for the services the other emulators do not
 * cover: Cognito user pools (the staff's sign-in, RS256 tokens and their JWKS) and SSM Parameter Store (the
 * departments' secrets). In memory; a {@link ChildProcess}: it never outlives this JVM.
 *
 * <p>The Python that runs it: {@code -Dmotcua.python=...} (or {@code MOTCUA_PYTHON}) if given, else the virtual environment
 * {@code infra/run} makes when moto is missing ({@code infra/.moto-venv}), else {@code python3}.
 */
public final class MotoServer implements AutoCloseable {

    /** The version the project pins and tests with. */
    public static final String VERSION = "5.2.1";
    public static final String INSTALL = "pip install 'moto[server]==" + VERSION + "'";
    /** System property naming the Python executable that has moto. */
    public static final String PYTHON_PROPERTY = "motcua.python";
    /** Where {@code infra/run} installs moto when the machine has none (relative to the project). */
    public static final String VENV = "infra/.moto-venv";
    static final String SCRIPT = "local/moto-server.py";

    private final ChildProcess child;
    private final URI endpoint;

    private MotoServer(ChildProcess child, int port) {
        this.child = child;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** http://127.0.0.1:PORT, for {@code endpointOverride} or {@code AWS_ENDPOINT_URL_<SERVICE>}. */
    public URI endpoint() { return endpoint; }

    public int port() { return endpoint.getPort(); }

    public long pid() { return child.pid(); }

    /** One on a free port, moto's default account: for tests that need Cognito or CloudWatch Logs alone. */
    public static MotoServer start() {
        return start(ProjectDirectory.find().resolve("infra"), 0, Map.of(), Duration.ofSeconds(30));
    }

    /**
     * Starts one and returns once it listens.
     *
     * @param port        0 for a free one
     * @param environment moto's settings ({@code MOTO_ACCOUNT_ID}, ...), over this process's environment
     */
    public static MotoServer start(Path infraDir, int port, Map<String, String> environment, Duration timeout) {
        Path script = infraDir.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new LocalStackException(script + " is missing: the project directory " + infraDir.getParent() + " does not look like this project");
        }
        String python = python(infraDir.getParent());
        var builder = new ProcessBuilder(python, "-u", script.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port))
                .directory(infraDir.toFile());
        builder.environment().putAll(environment);
        builder.environment().remove("PYTHONPATH");
        ChildProcess child;
        try {
            child = ChildProcess.start(builder, "moto", "moto's server (" + python + ")", timeout,
                    e -> new LocalStackException("Cannot run Python ('" + python + "'): " + e.getMessage() + ". moto's server (the local"
                            + " Cognito and SSM) runs on Python 3: install it, then " + INSTALL + " (infra/run does that in " + VENV + ")", e));
        } catch (LocalStackException e) {
            if (e.getMessage().contains("cannot be imported")) throw new LocalStackException(e.getMessage() + missingHint(python), e);
            throw e;
        }
        if (!child.announcement().has("port")) {
            child.close();
            throw new LocalStackException("moto's server said " + child.announcement() + " instead of its port");
        }
        return new MotoServer(child, child.announcement().get("port").asInt());
    }

    private static String missingHint(String python) {
        return " (with " + python + "; infra/run installs it in " + VENV + " when the machine has none, or point -D"
                + PYTHON_PROPERTY + " at a Python that has it)";
    }

    /** The Python to run moto with (see the class comment). */
    public static String python(Path projectDir) {
        String given = System.getProperty(PYTHON_PROPERTY, System.getenv("MOTCUA_PYTHON"));
        if (given != null && !given.isBlank()) return given;
        Path venv = projectDir.resolve(VENV).resolve("bin/python");
        if (Files.isExecutable(venv)) return venv.toString();
        return "python3";
    }

    /** Answers moto's own admin API ({@code /moto-api/...}): the seed, the reset. */
    private void admin(String path) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            var response = http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) throw new LocalStackException("moto " + path + " answered " + response.statusCode());
        } catch (IOException e) {
            throw new LocalStackException("moto's server at " + endpoint + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted", e);
        }
    }

    /**
     * Seeds moto's random generator: the ids it makes next (user pool, app client, users' sub) are then the
     * same at every start that makes the same calls in the same order, so the local run's pool keeps its id,
     * tokens their issuer and audience, and staff members their sub across restarts.
     */
    public void seed(long seed) {
        admin("/moto-api/seed?a=" + seed);
    }

    /** Why moto's server cannot run here, or null when it can. */
    public static String missing() {
        String python = python(ProjectDirectory.find());
        try {
            var check = new ProcessBuilder(python, "-c", "import moto.server, flask, flask_cors, joserfc").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return check.waitFor() == 0 ? null : python + " cannot import moto's server: " + output.strip().lines().reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            return python + " cannot be started: " + e.getMessage();
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

    @Override
    public void close() {
        child.close();
    }

    /** moto's settings for the local stack: its account, TOTP codes checked as Cognito checks them. */
    static Map<String, String> localStackEnvironment(String accountId) {
        var env = new LinkedHashMap<String, String>();
        env.put("MOTO_ACCOUNT_ID", accountId);
        env.put("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true");
        return env;
    }
}
