package vn.motcua.local;

import vn.motcua.local.departments.DepartmentSimulator;
import vn.motcua.local.runner.HttpApiServer;
import vn.motcua.local.runner.LocalRunner;
import vn.motcua.local.runner.Route;
import vn.motcua.local.runner.RunnerException;
import vn.motcua.local.stack.DevUsers;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.local.stack.LocalDepartmentSecrets;
import vn.motcua.local.stack.LocalStackException;
import vn.motcua.local.stack.Ports;
import vn.motcua.local.stack.Provisioning;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateException;
import vn.motcua.local.template.TemplateProblem;
import vn.motcua.local.template.TemplateResources;
import vn.motcua.local.template.TemplateValidator;
import vn.motcua.store.ReferenceData;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole system on this machine, from template.yaml: the local AWS stack with the template's
 * tables, queues, bucket and staff user pool, the dev users in it, the departments' secrets in the local
 * Parameter Store, the seed data published, every function loaded from its artifact, the HTTP API with
 * its JWT authorizer (it serves the counter web app too: a function of the template), and the event
 * sources. {@code infra/run} calls {@link #main}; tests call {@link #start} and {@link #close}.
 */
public final class LocalRun implements AutoCloseable {

    /** Where the seed data goes: the catalog table of the template. */
    static final String SEED_TABLE = "CatalogTable";
    /** Where the dev users are (see {@link DevUsers}). */
    public static final String DEV_USERS = "infra/local/dev-users.json";
    /**
     * moto's random generator is seeded with this before the staff pool is made: the pool, its app client and
     * the users' subs get the same ids at every start, so a token (the issuer names the pool) and a dossier's
     * history (it names the staff member's sub) stay valid across restarts.
     */
    static final long MOTO_SEED = 18;

    /**
     * How to run: built from {@link #defaults} (the run command's) or {@link #ephemeral} (tests').
     *
     * @param dataDir    where the data is kept across restarts; null keeps everything in memory
     * @param fresh      wipe the data directory first
     * @param parameters template parameter values over their defaults
     */
    public record Options(Path projectDir, Path dataDir, boolean fresh, String host, int port, Ports awsPorts,
                          Map<String, String> parameters, PrintStream out, int simulatorPort, int portalPort) {

        public Options {
            parameters = Map.copyOf(parameters);
        }

        /** The run command's defaults: data in {@code .local-data/}, API on 3000, the emulators on their usual ports. */
        public static Builder defaults(Path projectDir) {
            return new Builder(projectDir.toAbsolutePath().normalize());
        }

        /** For tests: every port picked by the system, data in {@code dataDir}. */
        public static Builder ephemeral(Path projectDir, Path dataDir) {
            return defaults(projectDir).dataDir(dataDir).port(0).awsPorts(Ports.EPHEMERAL).simulatorPort(0).portalPort(0);
        }

        /** The options, changed one at a time from the run command's defaults. */
        public static final class Builder {
            private final Path projectDir;
            private Path dataDir;
            private boolean fresh;
            private String host = "127.0.0.1";
            private int port = 3000;
            private Ports awsPorts = Ports.LOCAL_RUN;
            private final Map<String, String> parameters = new LinkedHashMap<>();
            private PrintStream out = System.out;
            private int simulatorPort = DepartmentSimulator.DEFAULT_PORT;
            private int portalPort = vn.motcua.local.portal.PortalSimulator.DEFAULT_PORT;

            private Builder(Path project) {
                projectDir = project;
                dataDir = project.resolve(".local-data");
            }

            public Builder dataDir(Path value) { dataDir = value; return this; }
            public Builder fresh(boolean value) { fresh = value; return this; }
            public Builder host(String value) { host = value; return this; }
            public Builder port(int value) { port = value; return this; }
            public Builder awsPorts(Ports value) { awsPorts = value; return this; }
            public Builder parameter(String name, String value) { parameters.put(name, value); return this; }
            public Builder out(PrintStream value) { out = value; return this; }
            public Builder simulatorPort(int value) { simulatorPort = value; return this; }
            public Builder portalPort(int value) { portalPort = value; return this; }

            public Options build() {
                return new Options(projectDir, dataDir, fresh, host, port, awsPorts, parameters, out, simulatorPort, portalPort);
            }
        }
    }

    private final Options options;
    private final PrintStream out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final long startedNanos = System.nanoTime();
    private volatile boolean closed;
    private LocalAwsStack stack;
    private LocalRunner runner;
    private HttpApiServer api;
    private DepartmentSimulator simulator;
    private vn.motcua.local.portal.PortalSimulator portal;
    private DevUsers devUsers;
    private StaffPoolIds staffPool;
    private Duration startupTime;

    private LocalRun(Options options) {
        this.options = options;
        this.out = options.out();
    }

    /** Starts everything; on failure, stops what had started and throws. */
    public static LocalRun start(Options options) {
        var run = new LocalRun(options);
        try {
            run.boot();
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    public URI apiUrl() { return api.url(); }

    /** The four departments' systems, played locally: the callbacks' destination, and a sender of updates. */
    public DepartmentSimulator simulator() { return simulator; }

    /** The national public service portal's sync interface, played locally (modes ok, slow, down, reject). */
    public vn.motcua.local.portal.PortalSimulator portal() { return portal; }

    public LocalAwsStack stack() { return stack; }

    public LocalRunner runner() { return runner; }

    /** The dev users, as made in the local Cognito. */
    public DevUsers devUsers() { return devUsers; }

    /** The staff user pool and its app client, as the local Cognito named them. */
    public StaffPoolIds staffPool() { return staffPool; }

    /** A user pool and the app client the web app signs in with. */
    public record StaffPoolIds(String poolId, String clientId) {}

    /** An ID token of a dev user who signs in with a password (and TOTP code), through the local Cognito. */
    public String idToken(String email) {
        return devUsers.idToken(stack.cognito(), staffPool.clientId(), devUsers.user(email));
    }

    public Duration startupTime() { return startupTime; }

    // ------------------------------------------------------------------ starting

    private void boot() {
        Path project = options.projectDir();
        Path data = options.dataDir();

        // The handler check opens every zip: it runs while the emulators start, which mostly wait. cfn-lint
        // and the SAM transform are run by mvn verify (CfnLintTest, TransformedTemplateTest), not here.
        Template template = Template.load(project.resolve("template.yaml"));
        var validator = new TemplateValidator(project);
        var validation = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            validator.requireValid(template);
            return new Stepped<>(System.nanoTime() - t0, "valid");
        });
        if (data != null) {
            var lock = RunLock.acquire(data);
            started.push(lock);
            if (options.fresh()) step("Wiping " + display(data), () -> { wipe(data, lock.file()); return new Stepped<>(null, ""); });
        }

        // Fail before anything starts, not after the emulators are up.
        requireFree(options.host(), options.port(), "HTTP API", "--port");
        requireFree(options.host(), options.simulatorPort(), "department simulator", "--simulator-port");
        requireFree(options.host(), options.portalPort(), "national portal simulator", "--portal-port");

        stack = step("Starting DynamoDB, SQS, S3, SES, Cognito and SSM", () -> {
            var stackOptions = new LocalAwsStack.Options(project, data, options.awsPorts(), Duration.ofSeconds(60),
                    System.getProperty(LocalAwsStack.NODE_PROPERTY, "node"));
            try {
                return new Stepped<>(LocalAwsStack.start(stackOptions), "");
            } catch (LocalStackException e) {
                if (!e.getMessage().contains("already in use")) throw e;
                throw new RunnerException(e.getMessage() + "; infra/run takes --aws-ports DYNAMODB,SQS,S3,SES[,MOTO] (0 for free ones)");
            }
        });
        started.push(stack);
        try {
            var checked = validation.join();
            out.println("Checking template.yaml… " + seconds(checked.value()) + "  " + checked.detail() + " (while the emulators started)");
        } catch (CompletionException e) {
            out.println("Checking template.yaml… failed");
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }

        var naming = TemplateResources.Naming.defaults();
        for (var p : options.parameters().entrySet()) naming = naming.withParameter(p.getKey(), p.getValue());
        // The API's port is known before the functions' environment is: the notices link to this run's own public page.
        int apiPort = options.port() == 0 ? freePort(options.host()) : options.port();
        if (template.parameters().containsKey(PUBLIC_ORIGIN) && !options.parameters().containsKey(PUBLIC_ORIGIN)) {
            naming = naming.withParameter(PUBLIC_ORIGIN, "http://" + options.host() + ":" + apiPort);
        }
        // Before the functions' environment is known: the sync's NationalPortalUrl is this run's portal simulator.
        portal = step("Starting the national portal simulator", () -> {
            // its state in the data directory: a crash of the local run loses nothing the portal was sent
            var p = vn.motcua.local.portal.PortalSimulator.start(options.host(), options.portalPort(), Clock.systemUTC(), out,
                    data == null ? null : data.resolve("portal").resolve("state.json"), PORTAL_SLOW);
            return new Stepped<>(p, p.url() + "  (mode " + p.mode().wire() + ")");
        });
        started.push(portal);
        if (template.parameters().containsKey(NATIONAL_PORTAL_URL) && !options.parameters().containsKey(NATIONAL_PORTAL_URL)) {
            naming = naming.withParameter(NATIONAL_PORTAL_URL, portal.apiUrl());
        }
        var resources = stack.resources(template, naming);
        stack.seedMoto(MOTO_SEED);
        step("Creating the tables, queues, bucket and staff pool", () -> {
            var report = Provisioning.createOn(stack, resources);
            var made = report.entries().stream().filter(e -> e.outcome() != Provisioning.Outcome.NOT_LOCAL).toList();
            long created = made.stream().filter(e -> e.outcome() == Provisioning.Outcome.CREATED).count();
            String notes = made.stream().filter(e -> !e.note().isEmpty())
                    .map(e -> "\n    " + e.logicalId() + ": " + e.note()).collect(Collectors.joining());
            return new Stepped<>(report, made.size() + " resources, " + (created == 0 ? "all kept" : created + " created") + notes);
        });
        staffPool = staffPool(resources);
        devUsers = step("Creating the dev users", () -> {
            var users = DevUsers.read(project.resolve(DEV_USERS));
            if (staffPool == null) return new Stepped<>(users, "skipped: the template has no user pool with an app client");
            users.createIn(stack.cognito(), staffPool.poolId(), staffPool.clientId());
            return new Stepped<>(users, users.users().stream().map(u -> u.email().substring(0, u.email().indexOf('@')))
                    .collect(Collectors.joining(", ")) + "  (" + DEV_USERS + ")");
        });
        step("Putting the departments' secrets in Parameter Store", () -> new Stepped<>(null,
                LocalDepartmentSecrets.putInto(stack.ssm(), vn.motcua.local.seed.SeedData.read(project.resolve("infra/seed")).catalog(),
                        localDepartmentSecrets(project), departmentSecretsKey(resources)) + " SecureString parameters (" + LocalDepartmentSecrets.FILE + ")"));
        // Before the seed is published: the local catalog points the departments' callbacks at it.
        simulator = step("Starting the department simulator", () -> {
            // its state in the data directory: a crash of the local run loses no callback received nor answer owed
            var s = DepartmentSimulator.start(options.host(), options.simulatorPort(), localDepartmentSecrets(project),
                    () -> api.url(), Clock.systemUTC(), out, data == null ? null : data.resolve("simulator").resolve("state.json"));
            return new Stepped<>(s, s.url() + "  (" + String.join(", ", s.agencies()) + ")");
        });
        started.push(simulator);
        step("Publishing the seed data", () -> new Stepped<>(null, publishSeed(resources)));

        runner = LocalRunner.read(new LocalRunner.Setup(resources.template(), resources, project, stack.awsEnvironment(),
                stack.region(), stack.accountId()));
        started.push(runner);
        int count = runner.functions().size();
        step("Loading " + count + (count == 1 ? " function" : " functions"), () -> {
            Path unpack = data != null ? data.resolve("functions") : temporaryDirectory();
            runner.load(unpack);
            if (data != null) removeUnused(unpack, runner);
            return new Stepped<>(null, runner.functions().stream().map(f -> f.logicalId()).collect(Collectors.joining(", ")));
        });

        api = step("Starting the HTTP API", () -> {
            var server = runner.serveHttp(options.host(), apiPort, Clock.systemUTC());
            return new Stepped<>(server, server.url().toString());
        });
        step("Starting the event sources", () -> {
            var lines = runner.startEventSources(stack);
            return new Stepped<>(lines, lines.isEmpty() ? "none in the template" : lines.stream().map(l -> "\n    " + l).collect(Collectors.joining()));
        });
        startupTime = Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The national portal's sync interface (template.yaml); the local run gives its portal simulator's. */
    static final String NATIONAL_PORTAL_URL = "NationalPortalUrl";
    /** How long the portal simulator's slow mode waits before answering: longer than PortalTimeoutSeconds (5). */
    static final Duration PORTAL_SLOW = Duration.ofSeconds(8);

    /** The origin the notices link to (template.yaml); the local run gives its own API's. */
    static final String PUBLIC_ORIGIN = "PublicOrigin";

    private static int freePort(String host) {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The template parameter the function tests and the benchmark give the dev secrets in (the local run uses SSM). */
    public static final String LOCAL_DEPARTMENT_SECRETS_PARAMETER = "DepartmentSecrets";

    /** The dev signing secrets the simulator signs with, and the local Parameter Store holds for the functions. */
    public static String localDepartmentSecrets(Path project) {
        return LocalDepartmentSecrets.read(project);
    }

    /** The template's user pool with an app client (the one the web app signs in with), as created; null when none. */
    public static StaffPoolIds staffPool(TemplateResources resources) {
        for (var pool : resources.template().resources().values()) {
            if (!pool.type().equals(TemplateResources.USER_POOL) || resources.assigned(pool.name()).isEmpty()) continue;
            String poolId = resources.assigned(pool.name()).get();
            for (var client : resources.template().resources().values()) {
                if (client.type().equals(TemplateResources.USER_POOL_CLIENT) && resources.assigned(client.name()).isPresent()
                        && poolId.equals(resources.resolveString(client.properties().get("UserPoolId"), client.path() + ".Properties.UserPoolId"))) {
                    return new StaffPoolIds(poolId, resources.assigned(client.name()).get());
                }
            }
        }
        return null;
    }

    /** The KMS key the deploy section encrypts the secrets with (the template's alias), else SSM's own. */
    private static String departmentSecretsKey(TemplateResources resources) {
        return resources.template().resource("DepartmentSecretsKeyAlias")
                .map(a -> resources.resolveString(a.properties().get("AliasName"), a.path() + ".Properties.AliasName"))
                .orElse("alias/aws/ssm");
    }

    private static void requireFree(String host, int port, String what, String option) {
        if (port == 0) return;
        try (var socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new RunnerException(what + ": port " + port + " on " + host + " is already in use"
                    + " (another infra/run still running? stop it, or choose another port with " + option + ")");
        }
    }

    /** The base of the departments' callback URLs in the local run: {@code <base>/agencies/<id>/dossiers}. */
    private java.net.URI departmentCallbackBase() {
        // loopback: the catalog accepts plain http only to this machine, and the simulator runs here (on
        // whichever port it got: --simulator-port, 3100 by default, or a free one in tests)
        return java.net.URI.create("http://127.0.0.1:" + simulator.url().getPort());
    }

    /** Every catalog and calendar file of infra/seed, validated and published (nothing when unchanged). */
    private String publishSeed(TemplateResources resources) {
        if (resources.template().resource(SEED_TABLE).isEmpty()) return "skipped: the template has no " + SEED_TABLE;
        Path seed = options.projectDir().resolve("infra/seed");
        // Locally the departments are the simulator: their callbacks go to it, not to the catalog's URLs.
        var local = new vn.motcua.local.seed.SeedData(jsonFiles(seed.resolve("catalog")), jsonFiles(seed.resolve("calendar")))
                .withCallbackBase(departmentCallbackBase());
        var catalog = local.catalogFiles();
        var calendar = local.calendarFiles();
        var reference = new ReferenceData(stack.dynamoDb(), resources.tableName(SEED_TABLE), Duration.ZERO, Clock.systemUTC());
        String version;
        try {
            version = reference.publish(catalog, calendar);
        } catch (RuntimeException e) {
            if (e instanceof software.amazon.awssdk.core.exception.SdkException) throw e;
            throw new RunnerException("the seed data in " + display(seed) + " was refused, nothing published: " + e.getMessage());
        }
        return "catalog + " + calendar.size() + " calendar years, version " + version;
    }

    private static Map<String, String> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            var result = new TreeMap<String, String>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                result.put(f.getFileName().toString(), Files.readString(f));
            }
            return result;
        } catch (IOException e) {
            throw new RunnerException("cannot read the seed data in " + dir + ": " + e.getMessage());
        }
    }

    private Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("motcua-functions");
            started.push(() -> deleteTree(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacked artifacts of earlier builds: each build unpacks to a new directory named by its digest. */
    private static void removeUnused(Path unpack, LocalRunner runner) {
        var inUse = runner.directories();
        try (Stream<Path> dirs = Files.list(unpack)) {
            for (Path dir : dirs.toList()) {
                if (!inUse.contains(dir.toAbsolutePath().normalize())) deleteTree(dir);
            }
        } catch (IOException | RunnerException ignored) {
            // only tidiness
        }
    }

    private static void wipe(Path data, Path keep) {
        try (Stream<Path> entries = Files.list(data)) {
            for (Path entry : entries.toList()) if (!entry.equals(keep)) deleteTree(entry);
        } catch (IOException e) {
            throw new RunnerException("cannot wipe " + data + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new RunnerException("cannot delete " + root + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ progress

    private record Stepped<T>(T value, String detail) {}

    /** Runs one step, printing {@code what… 1.2 s detail}. */
    private <T> T step(String what, Supplier<Stepped<T>> body) {
        out.print(what + "… ");
        out.flush();
        long t0 = System.nanoTime();
        try {
            Stepped<T> result = body.get();
            out.println(seconds(System.nanoTime() - t0) + (result.detail().isEmpty() ? "" : "  " + result.detail()));
            return result.value();
        } catch (RuntimeException | Error e) {
            out.println("failed");
            throw e;
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private String display(Path p) {
        Path project = options.projectDir();
        return p.toAbsolutePath().startsWith(project) ? project.relativize(p.toAbsolutePath()).toString() : p.toString();
    }

    /** What to tell the developer once everything runs. */
    public String summary() {
        var api = apiUrl();
        var text = new StringBuilder();
        text.append("\nMột Cửa runs locally (started in ").append(seconds(startupTime.toNanos())).append(").\n\n");
        text.append("  API         ").append(api).append('\n');
        for (Route r : runner.routes()) {
            text.append("                ").append(r.method()).append(' ').append(r.api().pathPrefix()).append(r.path()).append("  → ").append(r.function())
                    .append(r.authorizer() == null ? "" : "  (sign in: " + r.authorizer().name() + ")").append('\n');
        }
        text.append("  Sign in     the web app (").append(api).append("/), through the local Cognito ").append(stack.motoEndpoint())
                .append("  (pool ").append(staffPool == null ? "none" : staffPool.poolId() + ", app client " + staffPool.clientId()).append(")\n");
        for (var u : devUsers.users()) {
            text.append("                ").append(u.email()).append(" / ").append(u.password())
                    .append("  (").append(String.join(", ", u.groups()))
                    .append(u.firstSignIn() ? "; first sign-in: sets a new password" : "")
                    .append(u.totp() ? "; TOTP on: authenticator key " + devUsers.totpKey(u).orElse("?").toUpperCase(java.util.Locale.ROOT) : "")
                    .append(")\n");
        }
        text.append("                (made again at every start: a changed password or TOTP turned on lasts until Ctrl-C)\n");
        text.append("  Departments ").append(simulator.url()).append("  (the simulated departments' systems: callbacks, answers, modes)\n");
        text.append("  Portal      ").append(portal.url()).append("  (the national public service portal's sync, simulated: modes ok, slow, down, reject)\n");
        text.append("  Mail (SES)  ").append(stack.sesEndpoint()).append("  (sent mail as JSON: ").append(stack.sesMailbox()).append(")\n");
        text.append("  SMS (SNS)   ").append(stack.motoState()).append("  (sent SMS under sns.SMS)\n");
        text.append("  Admin       GET ").append(api).append("/_local  (routes, functions, schedules)\n");
        if (!runner.schedules().isEmpty()) {
            text.append("              POST ").append(api).append("/_local/schedules/{Function}/{Event}  fires a schedule now\n");
        }
        text.append("  AWS         DynamoDB ").append(stack.dynamoDbEndpoint()).append("  SQS ").append(stack.sqsEndpoint())
                .append("  S3 ").append(stack.s3Endpoint()).append("  Cognito, SSM, SNS ").append(stack.motoEndpoint())
                .append("  (region ").append(stack.region()).append(")\n");
        text.append("  Data        ").append(options.dataDir() == null ? "in memory" : display(options.dataDir()) + "  (--fresh starts empty)").append("\n\n");
        if (staffPool != null) {
            var desk = devUsers.plainMemberOf("desk");
            text.append("Try:\n  TOKEN=$(aws cognito-idp initiate-auth --endpoint-url ").append(stack.motoEndpoint()).append(" --region ")
                    .append(stack.region()).append(" \\\n      --client-id ").append(staffPool.clientId())
                    .append(" --auth-flow USER_PASSWORD_AUTH --auth-parameters USERNAME=").append(desk.email()).append(",PASSWORD=")
                    .append(desk.password()).append(" \\\n      --query AuthenticationResult.IdToken --output text)\n");
        }
        runner.routes().stream().filter(r -> r.method().equals("GET") && !r.path().contains("{")).findFirst().ifPresent(r ->
                text.append("  curl -H \"Authorization: Bearer $TOKEN\" ").append(api).append(r.api().pathPrefix()).append(r.path()).append('\n'));
        text.append("\nCtrl-C stops everything.");
        return text.toString();
    }

    // ------------------------------------------------------------------ stopping

    /** Stops everything that started, last first. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception ignored) {
                // stop the rest regardless
            }
        }
    }

    // ------------------------------------------------------------------ the command

    public static void main(String[] args) {
        Options options;
        try {
            options = CommandLine.parse(args, Options.defaults(projectDir()));
        } catch (CommandLine.Usage e) {
            (e.isHelp() ? System.out : System.err).println(e.getMessage());
            System.exit(e.isHelp() ? 0 : 2);
            return;
        }
        var run = new LocalRun(options);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (run.closed) return;
            System.out.println("\nStopping…");
            run.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "motcua-local-run-stop"));
        try {
            run.boot();
        } catch (RunnerException | LocalStackException | TemplateException | RunLock.Busy e) {
            run.close();
            System.err.println("infra/run: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException | Error e) {
            run.close();
            System.err.println("infra/run: unexpected failure (a bug; the trace follows)");
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println(run.summary());
        try {
            stopped.await(); // until Ctrl-C or SIGTERM runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path projectDir() {
        try {
            return vn.motcua.local.stack.ProjectDirectory.find();
        } catch (LocalStackException e) {
            System.err.println("infra/run: " + e.getMessage());
            System.exit(2);
            return null;
        }
    }
}
