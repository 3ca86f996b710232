package vn.motcua.local.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Node.js process running dynalite and aws-ses-v2-local ({@code infra/local/node-services.mjs}), a
 * {@link ChildProcess}: it never outlives this JVM.
 */
record NodeServices(ChildProcess child, int dynamoDbPort, int sesPort) implements AutoCloseable {

    static final String SCRIPT = "local/node-services.mjs";
    private static final List<String> PACKAGES = List.of("dynalite", "aws-ses-v2-local");

    long pid() { return child.pid(); }

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

        var child = ChildProcess.start(builder, "node-services", "The Node.js services (dynalite, aws-ses-v2-local)", timeout,
                e -> new LocalStackException("Cannot run Node.js ('" + node + "'): " + e.getMessage() + ". The local"
                        + " DynamoDB and SES run on Node.js 20 or later: install it (Debian: apt-get install nodejs npm),"
                        + " or point -D" + LocalAwsStack.NODE_PROPERTY + " at the node executable, then run `npm ci` in infra/", e));
        return new NodeServices(child, child.announcement().get("dynamodb").asInt(), child.announcement().get("ses").asInt());
    }

    @Override
    public void close() {
        child.close();
    }
}
