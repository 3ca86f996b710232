package vn.motcua.bench;

import vn.motcua.bench.Targets.Target;
import vn.motcua.local.runner.LocalFunction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one warm invocation of each function costs: its duration (the function loaded once from its
 * zip, as a warm Lambda container, then invoked with fresh real events) and the AWS calls it makes,
 * counted by {@link CountingProxy}s put between it and the emulators. The cost model's inputs.
 */
final class Calibration {

    /** Per function: warm duration p50 in ms, and the calls of one invocation by operation (averaged). */
    record Measured(String function, int memoryMb, double warmMillis, Map<String, Double> callsPerInvocation,
                    Map<String, Double> requestBytes, Map<String, Double> responseBytes) {}

    static List<Measured> run(List<Target> targets, Fixtures fixtures, Map<String, String> awsEnvironment, Path work, int invocations)
            throws Exception {
        var proxies = new LinkedHashMap<String, CountingProxy>();
        for (String service : List.of("DYNAMODB", "SQS", "S3", "SESV2")) {
            proxies.put(service, new CountingProxy(java.net.URI.create(awsEnvironment.get("AWS_ENDPOINT_URL_" + service))));
        }
        var results = new ArrayList<Measured>();
        try {
            for (Target t : targets) {
                var env = new LinkedHashMap<>(t.environment());
                proxies.forEach((service, proxy) -> env.put("AWS_ENDPOINT_URL_" + service, proxy.url()));
                try (var function = LocalFunction.load(t.name(), t.artifact(), t.handler(), env, t.memoryMb(), 60,
                        work.resolve("calibration").resolve(t.name()))) {
                    try {
                        function.invoke(fixtures.prepare(t.sample())); // the cold one, not counted
                    } catch (LocalFunction.InvocationFailure e) {
                        System.out.println("  " + t.name() + ": first invocation failed during calibration: " + e.getMessage());
                    }
                    proxies.values().forEach(CountingProxy::reset);
                    var durations = new ArrayList<Double>();
                    for (int i = 0; i < invocations; i++) {
                        byte[] event = fixtures.prepare(t.sample());
                        long t0 = System.nanoTime();
                        try {
                            function.invoke(event);
                        } catch (LocalFunction.InvocationFailure e) {
                            System.out.println("  " + t.name() + ": invocation failed during calibration: " + e.getMessage());
                        }
                        durations.add((System.nanoTime() - t0) / 1e6);
                    }
                    var calls = new LinkedHashMap<String, Double>();
                    var in = new LinkedHashMap<String, Double>();
                    var out = new LinkedHashMap<String, Double>();
                    for (var proxy : proxies.values()) {
                        proxy.snapshot().forEach((op, c) -> {
                            calls.merge(op, (double) c.count() / invocations, Double::sum);
                            in.merge(op, (double) c.requestBytes() / Math.max(1, c.count()), Double::sum);
                            out.merge(op, (double) c.responseBytes() / Math.max(1, c.count()), Double::sum);
                        });
                    }
                    results.add(new Measured(t.name(), t.memoryMb(), Stats.median(durations), calls, in, out));
                }
            }
        } finally {
            proxies.values().forEach(CountingProxy::close);
        }
        return results;
    }
}
