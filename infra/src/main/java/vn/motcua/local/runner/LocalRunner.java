package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.local.template.TemplateResources;
import vn.motcua.local.template.Intrinsic;
import vn.motcua.local.template.Template;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static vn.motcua.local.template.Template.list;

/**
 * Every function of template.yaml, run locally with its triggers: each loaded from its own
 * deployment artifact with its own environment ({@link LocalFunction}), its HttpApi events served by
 * {@link HttpApiServer}, its SQS and Schedule events started as event sources. Built in steps, so
 * the run command can time each: {@link #read}, {@link #load}, {@link #serveHttp}, {@link #startEventSources}.
 */
public final class LocalRunner implements AutoCloseable {

    /**
     * What the runner reads and runs against.
     *
     * @param awsEnvironment the local stack's region, credentials and {@code AWS_ENDPOINT_URL_*}
     */
    public record Setup(Template template, TemplateResources resources, Path projectDir, Map<String, String> awsEnvironment,
                        String region, String accountId) {}

    /** An S3 event of a function: the bucket's logical id and name, the events, the key filter rules. */
    public record S3Trigger(String function, String event, String bucketLogicalId, String bucket, List<String> events,
                            Object filter) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Setup setup;
    private final List<FunctionSpec> specs;
    private final Map<String, HttpApiSpec> apis;
    private final List<Route> routes;
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, ScheduleEventSource> schedules = new LinkedHashMap<>();
    private final Map<String, String> scheduleExpressions = new LinkedHashMap<>();
    private final List<AutoCloseable> sources = new ArrayList<>();
    private volatile SqsEventSource.Observer sqsObserver;
    private Concurrency concurrency = Concurrency.DEFAULT;
    private HttpApiServer http;

    private LocalRunner(Setup setup, List<FunctionSpec> specs, Map<String, HttpApiSpec> apis, List<Route> routes) {
        this.setup = setup;
        this.specs = specs;
        this.apis = apis;
        this.routes = routes;
    }

    /**
     * How far the local run scales a function, as Lambda would scale it: up to {@code containers}
     * containers for its HTTP routes, schedules and S3 events, and {@code sqsBatches} batches at once
     * from each of its SQS queues (Lambda's event source mapping starts with five pollers). The
     * template's ReservedConcurrentExecutions caps both, an SQS event's ScalingConfig
     * MaximumConcurrency caps its batches; the containers are created only when all are busy.
     */
    public record Concurrency(int containers, int sqsBatches) {
        /** Four containers per function, five batches per queue. */
        public static final Concurrency DEFAULT = new Concurrency(4, 5);
        /** One container per function, one batch at a time per queue (the runner before pools). */
        public static final Concurrency ONE = new Concurrency(1, 1);

        public Concurrency {
            if (containers < 1 || sqsBatches < 1) throw new IllegalArgumentException("concurrency is at least 1: " + containers + ", " + sqsBatches);
        }
    }

    /** Reads the functions, APIs and routes; a template the runner cannot serve fails here, naming the line. */
    public static LocalRunner read(Setup setup) {
        var specs = FunctionSpec.read(setup.template(), setup.resources(), setup.projectDir(), setup.awsEnvironment());
        var apis = HttpApiSpec.read(setup.template(), setup.resources(), specs);
        var routes = Route.read(setup.template(), apis, specs);
        return new LocalRunner(setup, specs, apis, routes);
    }

    public List<FunctionSpec> functions() { return specs; }

    public List<Route> routes() { return routes; }

    public Map<String, HttpApiSpec> apis() { return apis; }

    /** The loaded function of a logical id. */
    public LocalFunction function(String logicalId) {
        var f = functions.get(logicalId);
        if (f == null) throw new IllegalArgumentException("no loaded function " + logicalId);
        return f;
    }

    /** The directories the loaded functions run from (see {@link LocalFunction#directory()}). */
    public synchronized java.util.Set<Path> directories() {
        var dirs = new java.util.HashSet<Path>();
        functions.values().forEach(f -> dirs.add(f.directory().toAbsolutePath().normalize()));
        return dirs;
    }

    /** The JWT authorizer guarding the routes (the API's default one, on this template), if any route has one. */
    public java.util.Optional<HttpApiSpec.JwtAuthorizer> authorizer() {
        return routes.stream().map(Route::authorizer).filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * Changes functions' environments before {@link #load}: the benchmark points a function's AWS
     * endpoints at counting proxies this way. {@code change} gets the spec and returns the new environment.
     */
    public synchronized void changeEnvironments(java.util.function.Function<FunctionSpec, Map<String, String>> change) {
        if (!functions.isEmpty()) throw new IllegalStateException("change the environments before loading the functions");
        specs.replaceAll(s -> s.withEnvironment(change.apply(s)));
    }

    /** Sets how far functions scale (see {@link Concurrency}); before {@link #load}. */
    public synchronized LocalRunner concurrency(Concurrency concurrency) {
        if (!functions.isEmpty()) throw new IllegalStateException("set the concurrency before loading the functions");
        this.concurrency = java.util.Objects.requireNonNull(concurrency, "concurrency");
        return this;
    }

    public synchronized Concurrency concurrency() { return concurrency; }

    /**
     * How many containers {@code spec} may have: the larger of {@link Concurrency#containers()} (for its
     * other triggers) and its SQS events' batches together, within its ReservedConcurrentExecutions.
     */
    int containerLimit(FunctionSpec spec) {
        int sqs = 0;
        for (var event : spec.eventsOfType("SQS")) sqs += sqsBatches(spec, event);
        int limit = Math.max(concurrency.containers(), sqs);
        return spec.reservedConcurrency() >= 0 ? Math.max(1, Math.min(limit, spec.reservedConcurrency())) : limit;
    }

    /** Batches at once from one SQS event: {@link Concurrency#sqsBatches()}, within MaximumConcurrency and the reserved concurrency. */
    int sqsBatches(FunctionSpec spec, FunctionSpec.EventSpec event) {
        int batches = concurrency.sqsBatches();
        Object scaling = event.properties().get("ScalingConfig");
        if (scaling != null) {
            Object max = setup.resources().resolve(Template.map(scaling).get("MaximumConcurrency"), event.path() + ".Properties.ScalingConfig.MaximumConcurrency");
            if (max != null) batches = Math.min(batches, Integer.parseInt(String.valueOf(max).trim()));
        }
        if (spec.reservedConcurrency() >= 0) batches = Math.min(batches, spec.reservedConcurrency());
        return Math.max(1, batches);
    }

    /** Watches every SQS batch the functions handle, on the sources started and to be started; null stops. */
    public synchronized void observeSqsDeliveries(SqsEventSource.Observer observer) {
        sqsObserver = observer;
        for (AutoCloseable source : sources) if (source instanceof SqsEventSource sqs) sqs.observe(observer);
    }

    // ------------------------------------------------------------------ loading

    /** Loads every function (in parallel: each one's cold start is its own), zips unpacked under {@code unpackDir}. */
    public synchronized void load(Path unpackDir) {
        var pool = Executors.newFixedThreadPool(Math.max(1, Math.min(specs.size(), 4)));
        try {
            var futures = new LinkedHashMap<String, Future<LocalFunction>>();
            for (FunctionSpec spec : specs) {
                futures.put(spec.logicalId(), pool.submit(() -> LocalFunction.load(spec.functionName(), spec.artifact(),
                        spec.handler(), spec.environment(), spec.memoryMb(), spec.timeoutSeconds(), unpackDir)
                        .maxContainers(containerLimit(spec))));
            }
            var problems = new ArrayList<String>();
            for (var entry : futures.entrySet()) {
                try {
                    functions.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    problems.add(entry.getKey() + ": " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problems.add(entry.getKey() + ": interrupted");
                }
            }
            if (!problems.isEmpty()) {
                throw new RunnerException(problems.size() == 1 ? problems.get(0)
                        : problems.size() + " functions could not be loaded:\n  " + String.join("\n  ", problems));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ HTTP

    /**
     * Serves the HttpApi routes (and the admin endpoints) on {@code host:port}; 0 picks a free port. Tokens are
     * checked against the local Cognito ({@code AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER} of the setup), and
     * each user pool's PreTokenGeneration function is run by the authorizer (see {@link JwtAuthorizer}).
     */
    public synchronized HttpApiServer serveHttp(String host, int port, Clock clock) {
        if (functions.size() != specs.size()) throw new IllegalStateException("load the functions first");
        String cognito = setup.awsEnvironment().get("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER");
        var authorizer = new JwtAuthorizer(cognito == null ? null : java.net.URI.create(cognito), setup.region(), tokenTriggers(), clock);
        http = HttpApiServer.start(host, port, routes, functions, authorizer, new Admin(), clock);
        return http;
    }

    /** Each user pool's PreTokenGeneration function (SAM's Cognito events), by the pool's id. */
    private Map<String, JwtAuthorizer.TokenTrigger> tokenTriggers() {
        var triggers = new LinkedHashMap<String, JwtAuthorizer.TokenTrigger>();
        preTokenGeneration().forEach((pool, logicalId) -> {
            LocalFunction f = function(logicalId);
            triggers.put(pool, f::invoke);
        });
        return triggers;
    }

    /** The functions whose Cognito event is a PreTokenGeneration trigger, by the pool's id as resolved now. */
    public Map<String, String> preTokenGeneration() {
        var result = new LinkedHashMap<String, String>();
        for (FunctionSpec spec : specs) {
            for (var event : spec.eventsOfType("Cognito")) {
                String path = event.path() + ".Properties";
                Object trigger = setup.resources().resolve(event.properties().get("Trigger"), path + ".Trigger");
                var names = trigger instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(trigger));
                if (names.contains("PreTokenGeneration")) {
                    result.put(setup.resources().resolveString(event.properties().get("UserPool"), path + ".UserPool"), spec.logicalId());
                }
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ other events

    /**
     * Starts the SQS pollers and schedules of every function, and the S3 notifications.
     *
     * @return one line per trigger: what runs, or why it does not
     */
    public synchronized List<String> startEventSources(LocalAwsStack stack) {
        var lines = new ArrayList<String>();
        var s3 = new ArrayList<S3Trigger>();
        for (FunctionSpec spec : specs) {
            for (var event : spec.events()) {
                String what = spec.logicalId() + "." + event.name();
                switch (event.type()) {
                    case "HttpApi" -> { /* served by the HTTP API */ }
                    case "Cognito" -> lines.add(what + ": Cognito " + setup.resources().resolve(event.properties().get("Trigger"),
                            event.path() + ".Properties.Trigger") + " of pool " + setup.resources().resolveString(event.properties().get("UserPool"),
                            event.path() + ".Properties.UserPool") + " (moto calls no trigger: the JWT authorizer runs it once per token)");
                    case "SQS" -> lines.add(startSqs(spec, event, stack, what));
                    case "Schedule", "ScheduleV2" -> lines.add(startSchedule(spec, event, what));
                    case "S3" -> s3.add(s3Trigger(spec, event));
                    default -> lines.add(what + ": " + event.type() + " events are not emulated locally");
                }
            }
        }
        lines.addAll(startS3Notifications(s3, stack));
        return lines;
    }

    private String startSqs(FunctionSpec spec, FunctionSpec.EventSpec event, LocalAwsStack stack, String what) {
        var p = event.properties();
        String path = event.path() + ".Properties";
        if (Boolean.FALSE.equals(p.get("Enabled"))) return what + ": SQS event disabled in the template";
        String arn = setup.resources().resolveString(p.get("Queue"), path + ".Queue");
        String queueName = arn.substring(arn.lastIndexOf(':') + 1);
        String queueUrl = p.get("Queue") instanceof Intrinsic.GetAtt att
                ? setup.resources().queueUrl(att.resource())
                : setup.awsEnvironment().get("AWS_ENDPOINT_URL_SQS") + "/" + setup.accountId() + "/" + queueName;
        int batchSize = p.get("BatchSize") == null ? 10 : Integer.parseInt(setup.resources().resolveString(p.get("BatchSize"), path + ".BatchSize"));
        boolean partial = list(setup.resources().resolve(p.get("FunctionResponseTypes"), path + ".FunctionResponseTypes"))
                .contains("ReportBatchItemFailures");
        int batches = sqsBatches(spec, event);
        var source = new SqsEventSource(function(spec.logicalId()), stack.sqs(), queueUrl, arn, batchSize, partial, setup.region(), batches);
        source.observe(sqsObserver);
        source.start();
        sources.add(source);
        return what + ": SQS " + queueName + " (batch " + batchSize + (partial ? ", partial batch failures" : "")
                + ", up to " + batches + " at once)";
    }

    private String startSchedule(FunctionSpec spec, FunctionSpec.EventSpec event, String what) {
        var p = event.properties();
        String path = event.path() + ".Properties";
        boolean v2 = event.type().equals("ScheduleV2");
        String expressionProperty = v2 ? "ScheduleExpression" : "Schedule";
        String expression = setup.resources().resolveString(p.get(expressionProperty), path + "." + expressionProperty);
        Object input = setup.resources().resolve(p.get("Input"), path + ".Input");
        boolean enabled = !Boolean.FALSE.equals(p.get("Enabled")) && !"DISABLED".equals(p.get("State"));
        String ruleName = p.get("Name") != null ? setup.resources().resolveString(p.get("Name"), path + ".Name")
                : setup.resources().naming().stackName() + "-" + spec.logicalId() + event.name();
        var schedule = new ScheduleEventSource(function(spec.logicalId()), ruleName, expression,
                input == null ? null : inputJson(input), setup.region(), setup.accountId());
        if (enabled) schedule.start(); // a disabled schedule can still be fired by hand
        sources.add(schedule);
        schedules.put(spec.logicalId() + "/" + event.name(), schedule);
        scheduleExpressions.put(spec.logicalId() + "/" + event.name(), expression);
        return what + ": " + expression + (enabled ? "" : " (disabled: fire it by hand)");
    }

    private S3Trigger s3Trigger(FunctionSpec spec, FunctionSpec.EventSpec event) {
        var p = event.properties();
        String path = event.path() + ".Properties";
        String bucketLogicalId = p.get("Bucket") instanceof Intrinsic.Ref ref ? ref.target() : null;
        String bucket = setup.resources().resolveString(p.get("Bucket"), path + ".Bucket");
        Object events = setup.resources().resolve(p.get("Events"), path + ".Events");
        List<String> names = events instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(events));
        return new S3Trigger(spec.logicalId(), event.name(), bucketLogicalId, bucket, names,
                setup.resources().resolve(p.get("Filter"), path + ".Filter"));
    }

    /** S3 notifications, one per trigger, from the stack's S3 server (presigned uploads included). */
    List<String> startS3Notifications(List<S3Trigger> triggers, LocalAwsStack stack) {
        var lines = new ArrayList<String>();
        for (S3Trigger t : triggers) {
            String prefix = keyRule(t.filter(), "prefix");
            String suffix = keyRule(t.filter(), "suffix");
            var source = new S3EventSource(function(t.function()), stack, t.bucket(), t.events(), prefix, suffix, setup.region());
            source.start();
            sources.add(source);
            lines.add(t.function() + "." + t.event() + ": S3 " + String.join(",", t.events()) + " on " + t.bucket()
                    + (prefix == null ? "" : " prefix " + prefix) + (suffix == null ? "" : " suffix " + suffix));
        }
        return lines;
    }

    /** A key rule of SAM's S3 event filter: {@code Filter: {S3Key: {Rules: [{Name: prefix, Value: ...}]}}}. */
    private static String keyRule(Object filter, String name) {
        for (Object rule : list(Template.map(Template.map(filter).get("S3Key")).get("Rules"))) {
            var r = Template.map(rule);
            if (name.equalsIgnoreCase(String.valueOf(r.get("Name")))) return String.valueOf(r.get("Value"));
        }
        return null;
    }

    private static String inputJson(Object input) {
        if (input instanceof String text) return text;
        try {
            return JSON.writeValueAsString(input);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RunnerException("schedule Input is not JSON: " + input, e);
        }
    }

    /** Fires a schedule now, as if its time had come. */
    public boolean fireSchedule(String function, String event) throws Exception {
        ScheduleEventSource schedule;
        synchronized (this) {
            schedule = schedules.get(function + "/" + event);
        }
        if (schedule == null) return false;
        schedule.fireNow();
        return true;
    }

    /** The schedules that can be fired, as {@code Function/Event} to their expression. */
    public synchronized Map<String, String> schedules() { return Map.copyOf(scheduleExpressions); }

    // ------------------------------------------------------------------ stopping

    @Override
    public synchronized void close() {
        if (http != null) http.close();
        for (AutoCloseable source : sources) {
            try {
                source.close();
            } catch (Exception ignored) {
                // stop the rest regardless
            }
        }
        sources.clear();
        functions.values().forEach(LocalFunction::close);
        functions.clear();
    }

    /** The admin endpoints' view of this runner. */
    private final class Admin implements HttpApiServer.Admin {
        @Override
        public boolean fireSchedule(String function, String event) throws Exception {
            return LocalRunner.this.fireSchedule(function, event);
        }

        @Override
        public ObjectNode describe() {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode routeList = root.putArray("routes");
            for (Route r : routes) {
                routeList.addObject().put("route", r.method() + " " + r.api().pathPrefix() + r.path()).put("function", r.function())
                        .put("authorizer", r.authorizer() == null ? "NONE" : r.authorizer().name());
            }
            ArrayNode functionList = root.putArray("functions");
            for (FunctionSpec f : specs) {
                functionList.addObject().put("logicalId", f.logicalId()).put("name", f.functionName())
                        .put("handler", f.handler()).put("memoryMb", f.memoryMb()).put("timeoutSeconds", f.timeoutSeconds());
            }
            ArrayNode scheduleList = root.putArray("schedules");
            schedules().forEach((key, expression) -> scheduleList.addObject().put("schedule", key).put("expression", expression)
                    .put("fire", "POST /_local/schedules/" + key));
            return root;
        }
    }
}
