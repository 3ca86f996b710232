package vn.motcua.aws;

import java.util.Map;
import java.util.Optional;

/**
 * The function's environment variables. On Lambda (and LocalStack, {@code sam local}) these are the
 * process environment. The local runner loads each function in its own class loader, so each one has
 * its own copy of this class, and installs that function's variables with {@link #useForLocalRun};
 * production code never calls it.
 *
 * <p>An empty or blank value counts as unset, as it would for an optional setting in the template.
 */
public final class Environment {

    private static volatile Map<String, String> localRun;
    private static final java.util.concurrent.atomic.AtomicInteger GENERATION = new java.util.concurrent.atomic.AtomicInteger();

    private Environment() {}

    /**
     * Replaces the process environment, for this class loader, with {@code variables} (copied). The
     * process environment is then not consulted at all, so a developer's real AWS credentials cannot
     * leak into a local run.
     */
    public static void useForLocalRun(Map<String, String> variables) {
        localRun = Map.copyOf(variables);
        GENERATION.incrementAndGet();
    }

    /** Back to the process environment (tests that installed an override clean up with this). */
    public static void clearLocalRun() {
        localRun = null;
        GENERATION.incrementAndGet();
    }

    /** Changes whenever the variables are replaced: what is built from them once must be built again (tests). */
    public static int generation() {
        return GENERATION.get();
    }

    /** True on Lambda (and in any process without a local-run override): the SDK's own providers read the same variables. */
    public static boolean isProcessEnvironment() {
        return localRun == null;
    }

    public static Optional<String> get(String name) {
        Map<String, String> source = localRun;
        String value = source != null ? source.get(name) : System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The value, or an exception that names the missing variable (a deployment mistake, not bad input). */
    public static String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(
                "Environment variable " + name + " is not set: the function's Environment.Variables in"
                        + " template.yaml (or the local runner) must provide it"));
    }

    public static String getOrDefault(String name, String fallback) {
        return get(name).orElse(fallback);
    }
}
