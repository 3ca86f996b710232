package vn.motcua.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import vn.motcua.edge.Log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SnapStart priming, the one mechanism every function uses. A handler's no-arg constructor (run at
 * init, before Lambda takes the snapshot) declares what to prime: the functions of the domain through
 * {@code vn.motcua.wiring.Rehearsal} (their use case run to success on in-memory ports, their AWS adapters
 * run dry), the others (the web app, the staff-tokens trigger, whose canned events write nothing) directly:
 *
 * <pre>{@code Priming.register(this, "priming/web-app.json", List.of());}</pre>
 *
 * <p>Before the checkpoint ({@link #beforeCheckpoint}): the SDK's own {@link SdkWarmUp} for the
 * function's client types (each service's provider builds a throw-away client over a canned-response
 * HTTP client and makes one call that never leaves the process; then the SDK warms the URL-connection
 * client class with one unsigned GET to {@code https://sts.<region>.amazonaws.com/}, which reads nothing
 * of ours and writes nothing), then the function's own path once. Priming never writes a table, a queue
 * or a bucket and never sends mail; {@code PrimingTest} proves it against the emulators for every
 * function. A failure is logged and never fails the snapshot: the function then starts as it would
 * without priming.
 *
 * <p>After a restore ({@link #afterRestore}): what must differ between restored copies, or must not
 * outlive the snapshot, is renewed: every {@link Renewable} registered in this class loader (the
 * reference data's and the secrets' time-based caches, the lookup secrets' random source).
 *
 * <p>On a JVM without CRaC (tests, the local run, the bench) {@code org.crac} registers nothing; the
 * bench and the tests call {@link #primeAll()} and {@link #renewAll()} as SnapStart would.
 */
public final class Priming implements Resource {

    /** Something to renew after a restore; registered by the object itself, held weakly. */
    @FunctionalInterface
    public interface Renewable {
        void renewAfterRestore();
    }

    /** The function's own code path, run once on its canned input. */
    @FunctionalInterface
    public interface Path {
        void run() throws Exception;
    }

    private static final int RUNS = Math.max(1, Integer.getInteger("motcua.priming.runs", 1));
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();
    private static final List<WeakReference<Renewable>> RENEWABLES = new CopyOnWriteArrayList<>();
    private static final Pattern HTTP_STATUS = Pattern.compile("^\\{\"statusCode\":(\\d{3})");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private final String name;
    private final List<Class<? extends SdkClient>> clients;
    private final Path path;

    private Priming(String name, List<Class<? extends SdkClient>> clients, Path path) {
        this.name = name;
        this.clients = List.copyOf(clients);
        this.path = path;
    }

    /**
     * {@code handler} invoked once on the canned event {@code cannedEvent} (a resource of the function's artifact,
     * its {@code ${NAME}} placeholders filled from the function's environment): for a function whose canned event
     * writes nothing.
     */
    public static Priming register(RequestStreamHandler handler, String cannedEvent, List<Class<? extends SdkClient>> clients) {
        return register(handler.getClass().getSimpleName(), clients, () -> invoke(handler, canned(handler.getClass(), cannedEvent, Map.of())));
    }

    /** A path of the function's own ({@code vn.motcua.wiring.Rehearsal} registers the domain functions' this way). */
    public static Priming register(String name, List<Class<? extends SdkClient>> clients, Path path) {
        var priming = new Priming(name, clients, path);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Registers {@code renewable} to be renewed after every restore; held weakly (it lives as long as its owner). */
    public static void renewAfterRestore(Renewable renewable) {
        RENEWABLES.removeIf(r -> r.get() == null);
        RENEWABLES.add(new WeakReference<>(renewable));
    }

    /**
     * What SnapStart does before the snapshot, for every priming of this class loader (the bench, the
     * tests): one line per priming, {@code "<name>: ok"} or {@code "<name>: failed: <why>"}.
     */
    public static List<String> primeAll() {
        return REGISTERED.stream().map(p -> p.name + ": " + Optional.ofNullable(p.prime()).map(f -> "failed: " + f).orElse("ok")).toList();
    }

    /** What SnapStart does after a restore. */
    public static void renewAll() {
        for (var ref : RENEWABLES) {
            Renewable r = ref.get();
            if (r != null) r.renewAfterRestore();
        }
    }

    /** The primings registered in this class loader (tests). */
    public static List<String> registered() {
        return REGISTERED.stream().map(p -> p.name).toList();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        renewAll();
    }

    /** Null when the priming ran through, else why not. */
    private String prime() {
        long started = System.nanoTime();
        String failed = null;
        try {
            if (!clients.isEmpty()) {
                @SuppressWarnings("unchecked")
                Class<? extends SdkClient>[] types = clients.toArray(new Class[0]);
                SdkWarmUp.warmUp(types);
            }
            // once, as the design asks; the bench may ask for more (-Dmotcua.priming.runs) to show what JIT warmth adds
            for (int i = 0; i < RUNS; i++) path.run();
        } catch (Exception | LinkageError e) {
            failed = e.toString();
        }
        var log = failed == null ? Log.info("priming.done") : Log.warn("priming.failed").with("error", failed);
        log.with("function", name).with("ms", (System.nanoTime() - started) / 1_000_000).write();
        return failed;
    }

    /** Runs the handler on {@code event} as the runtime would; a 5xx answer throws. */
    private static void invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        // a canned HTTP event may answer 4xx by design; a 5xx means the path broke before its end
        var status = HTTP_STATUS.matcher(answer(handler, event));
        if (status.find() && status.group(1).startsWith("5")) {
            throw new IllegalStateException("the canned event was answered " + status.group(1));
        }
    }

    /** Runs the handler on {@code event} as the runtime would, with the priming's context; returns its answer. */
    public static String answer(RequestStreamHandler handler, byte[] event) throws IOException {
        var answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, PrimingContext.INSTANCE);
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** A canned input of the function's artifact, its {@code ${NAME}} placeholders filled from {@code values}, else from the environment. */
    public static byte[] canned(Class<?> owner, String resource, Map<String, String> values) {
        String text;
        try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no canned priming event " + resource + " in the artifact");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = values.containsKey(key) ? values.get(key) : Environment.require(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The Lambda context of the priming run: its request id says where the log lines come from. */
    private static final class PrimingContext implements com.amazonaws.services.lambda.runtime.Context {
        static final PrimingContext INSTANCE = new PrimingContext();
        @Override public String getAwsRequestId() { return "priming"; }
        @Override public String getLogGroupName() { return ""; }
        @Override public String getLogStreamName() { return ""; }
        @Override public String getFunctionName() { return Environment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", ""); }
        @Override public String getFunctionVersion() { return Environment.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", ""); }
        @Override public String getInvokedFunctionArn() { return ""; }
        @Override public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() { return null; }
        @Override public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 0; }
        @Override public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return new com.amazonaws.services.lambda.runtime.LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.write(message, 0, message.length); }
            };
        }
    }
}
