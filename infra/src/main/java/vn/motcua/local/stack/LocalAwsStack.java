package vn.motcua.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.edge.Log;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * AWS on this machine, without Docker: dynalite (DynamoDB) and aws-ses-v2-local (SES v2) in one
 * Node.js child process, ElasticMQ (SQS) and s3proxy (S3) inside this JVM, moto's server (Cognito user
 * pools, SSM Parameter Store) in one Python child process. Each answers the real AWS SDK, and code
 * reaches them only through the {@code AWS_ENDPOINT_URL_*} variables of {@link #awsEnvironment()},
 * exactly as it would reach LocalStack or AWS.
 *
 * <p>In memory (tests) or kept under a data directory (the local run); moto keeps its state in memory
 * only, so what it holds (the staff pool, the dev users, the departments' secrets) is made again at every
 * start. The stack holds no resources of its own: {@link Provisioning} creates them from template.yaml.
 */
public final class LocalAwsStack implements AutoCloseable {

    public static final String REGION = "ap-southeast-1";
    public static final String ACCOUNT_ID = "000000000000";
    /** Fake, but checked: s3proxy verifies signatures with them. */
    public static final String ACCESS_KEY_ID = "motcua-local";
    public static final String SECRET_ACCESS_KEY = "motcua-local-secret";
    /** System property naming the node executable, when it is not {@code node} on the PATH. */
    public static final String NODE_PROPERTY = "motcua.node";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How to start.
     *
     * @param dataDir    where DynamoDB tables, S3 objects and SQS queues with their messages are kept
     *                   across restarts; null keeps everything in memory
     * @param projectDir the directory holding template.yaml and infra/
     */
    public record Options(Path projectDir, Path dataDir, Ports ports, Duration startTimeout, String node) {

        public Options {
            Objects.requireNonNull(projectDir, "projectDir");
            Objects.requireNonNull(ports, "ports");
            Objects.requireNonNull(startTimeout, "startTimeout");
            Objects.requireNonNull(node, "node");
        }

        /** Everything in memory, ephemeral ports, the project found from the working directory. */
        public static Options inMemory() {
            return new Options(ProjectDirectory.find(), null, Ports.EPHEMERAL, Duration.ofSeconds(60),
                    System.getProperty(NODE_PROPERTY, "node"));
        }

        public Options withDataDir(Path dir) { return new Options(projectDir, dir, ports, startTimeout, node); }

        public Options withPorts(Ports p) { return new Options(projectDir, dataDir, p, startTimeout, node); }

        public Options withProjectDir(Path dir) { return new Options(dir, dataDir, ports, startTimeout, node); }

        public Options withNode(String executable) { return new Options(projectDir, dataDir, ports, startTimeout, executable); }

        public Options withStartTimeout(Duration t) { return new Options(projectDir, dataDir, ports, t, node); }

        public Optional<Path> data() { return Optional.ofNullable(dataDir); }

        Path infraDir() { return projectDir.resolve("infra"); }
    }

    private final Options options;
    /** Replaced when the Node.js process dies by itself: the local run restarts it on the same ports and data. */
    private volatile NodeServices node;
    private final java.util.concurrent.atomic.AtomicInteger nodeRestarts = new java.util.concurrent.atomic.AtomicInteger();
    private final EmbeddedSqs sqsServer;
    private final EmbeddedS3 s3Server;
    private final MotoServer moto;
    private final DataDirLock lock;
    private final Duration startupTime;
    private final AwsSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private S3Presigner s3Presigner;
    private SqsClient sqs;
    private SesV2Client sesV2;
    private SsmClient ssm;
    private SnsClient sns;
    private CognitoIdentityProviderClient cognito;
    private volatile boolean closed;

    private LocalAwsStack(Options options, NodeServices node, EmbeddedSqs sqs, EmbeddedS3 s3, MotoServer moto, DataDirLock lock,
                          long startedNanos) {
        this.options = options;
        this.node = node;
        this.sqsServer = sqs;
        this.s3Server = s3;
        this.moto = moto;
        this.lock = lock;
        this.settings = AwsSettings.from(awsEnvironment());
        awaitAnswers(startedNanos + options.startTimeout().toNanos());
        this.startupTime = Duration.ofNanos(System.nanoTime() - startedNanos);
        restartWhenDead(node);
    }

    private static NodeServices startNode(Options options, int dynamoDbPort, int sesPort) {
        return NodeServices.start(options.infraDir(), options.node(), dynamoDbPort, sesPort,
                options.data().map(d -> d.resolve("dynamodb")), REGION, ACCOUNT_ID, options.startTimeout());
    }

    /**
     * DynamoDB and SES are one Node.js process: when it dies by itself (a crash, a kill), the cause is logged (its exit
     * code and last stderr lines, which nothing else shows) and it is started again on the same ports and data
     * directory, so the functions' clients reconnect. Without a data directory dynalite starts again empty.
     */
    private void restartWhenDead(NodeServices running) {
        running.child().onUnexpectedExit((exitCode, stderr) -> {
            Log.warn("local.emulator.exited").with("emulator", "node-services (dynalite, aws-ses-v2-local)")
                    .with("pid", running.pid()).with("exitCode", exitCode).with("stderr", stderr).write();
            running.close(); // its shutdown hook and pipes
            for (int attempt = 1; attempt <= 30 && !closed; attempt++) {
                try {
                    var restarted = startNode(options, running.dynamoDbPort(), running.sesPort());
                    synchronized (this) {
                        if (closed) {
                            restarted.close();
                            return;
                        }
                        node = restarted;
                    }
                    nodeRestarts.incrementAndGet();
                    Log.info("local.emulator.restarted").with("emulator", "node-services (dynalite, aws-ses-v2-local)")
                            .with("pid", restarted.pid()).with("attempt", attempt)
                            .with("data", options.data().isPresent() ? "kept" : "in memory: empty again").write();
                    restartWhenDead(restarted);
                    return;
                } catch (LocalStackException e) {
                    Log.warn("local.emulator.restart.failed").with("attempt", attempt).error(e).write();
                    try {
                        Thread.sleep(1000); // its ports may still be held for a moment
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    public static LocalAwsStack start() {
        return start(Options.inMemory());
    }

    /** Starts the five servers (in parallel) and returns once each answers over HTTP. */
    public static LocalAwsStack start(Options options) {
        long started = System.nanoTime();
        NodeServices.checkInstalled(options.infraDir());
        options.ports().checkFree();
        DataDirLock lock = options.data().map(DataDirLock::acquire).orElse(null);
        Optional<Path> data = options.data();

        var nodeStart = async("motcua-start-node", () -> startNode(options, options.ports().dynamoDb(), options.ports().ses()));
        var s3Start = async("motcua-start-s3", () -> EmbeddedS3.start(options.ports().s3(),
                data.map(d -> d.resolve("s3")), ACCESS_KEY_ID, SECRET_ACCESS_KEY));
        var sqsStart = async("motcua-start-sqs", () -> EmbeddedSqs.start(options.ports().sqs(),
                data.map(d -> d.resolve("sqs")), REGION, ACCOUNT_ID));
        var motoStart = async("motcua-start-moto", () -> MotoServer.start(options.infraDir(), options.ports().moto(),
                MotoServer.localStackEnvironment(ACCOUNT_ID), options.startTimeout()));

        NodeServices nodeServices = null;
        EmbeddedS3 s3 = null;
        EmbeddedSqs sqs = null;
        MotoServer moto = null;
        RuntimeException failure = null;
        try { nodeServices = nodeStart.join(); } catch (CompletionException e) { failure = unwrap(e, null); }
        try { s3 = s3Start.join(); } catch (CompletionException e) { failure = unwrap(e, failure); }
        try { sqs = sqsStart.join(); } catch (CompletionException e) { failure = unwrap(e, failure); }
        try { moto = motoStart.join(); } catch (CompletionException e) { failure = unwrap(e, failure); }
        if (failure == null) {
            try {
                return new LocalAwsStack(options, nodeServices, sqs, s3, moto, lock, started);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        closeAll(List.of(closer(nodeServices), closer(sqs), closer(s3), closer(moto), closer(lock)));
        throw failure;
    }

    private static <T> CompletableFuture<T> async(String name, Supplier<T> body) {
        var future = new CompletableFuture<T>();
        ChildProcess.daemon(name, () -> {
            try {
                future.complete(body.get());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }).start();
        return future;
    }

    private static RuntimeException unwrap(CompletionException e, RuntimeException earlier) {
        if (earlier != null) return earlier;
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause instanceof RuntimeException r ? r : new LocalStackException(cause.toString(), cause);
    }

    private void awaitAnswers(long deadline) {
        // Each server has said it listens; this proves each one answers HTTP before anyone relies on it.
        awaitAnswer("DynamoDB (dynalite)", dynamoDbEndpoint(), deadline);
        awaitAnswer("SQS (ElasticMQ)", sqsEndpoint(), deadline);
        awaitAnswer("S3 (s3proxy)", s3Endpoint(), deadline);
        awaitAnswer("SES (aws-ses-v2-local)", sesEndpoint().resolve("/health-check"), deadline);
        awaitAnswer("Cognito and SSM (moto)", motoEndpoint().resolve("/moto-api/"), deadline);
    }

    private void awaitAnswer(String name, URI uri, long deadline) {
        Exception last = null;
        do {
            try {
                http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return; // any HTTP answer will do
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while waiting for " + name, e);
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        throw new LocalStackException(name + " at " + uri + " did not answer within "
                + options.startTimeout().toSeconds() + " s: " + last);
    }

    // ------------------------------------------------------------------ where things are

    public URI dynamoDbEndpoint() { return local(node.dynamoDbPort()); }

    public URI sqsEndpoint() { return local(sqsServer.port()); }

    public URI s3Endpoint() { return local(s3Server.port()); }

    public URI sesEndpoint() { return local(node.sesPort()); }

    /** moto's server: Cognito user pools (and each pool's JWKS), SSM Parameter Store. */
    public URI motoEndpoint() { return moto.endpoint(); }

    /** Seeds moto's ids (see {@link MotoServer#seed}): before the calls that must make the same ids at every start. */
    public void seedMoto(long seed) { moto.seed(seed); }

    /** aws-ses-v2-local's mailbox: JSON {@code {templates, emails: [...]}} of every message it accepted. */
    public URI sesMailbox() { return sesEndpoint().resolve("/store"); }

    /** moto's state as JSON, SNS's SMS under {@code sns.SMS}. */
    public URI motoState() { return motoEndpoint().resolve("/moto-api/data.json"); }

    private static URI local(int port) { return URI.create("http://127.0.0.1:" + port); }

    public String region() { return REGION; }

    public String accountId() { return ACCOUNT_ID; }

    /** The template evaluated against this stack: queue URLs on its SQS endpoint, ARNs in its region and account. */
    public TemplateResources resources(Template template, TemplateResources.Naming naming) {
        return new TemplateResources(template, region(), accountId(), sqsEndpoint(), naming);
    }

    public Optional<Path> dataDir() { return options.data(); }

    public Path projectDir() { return options.projectDir(); }

    /** From the call to {@link #start} until every server answered. */
    public Duration startupTime() { return startupTime; }

    /** The Node.js process (dynalite, aws-ses-v2-local). */
    public long nodePid() { return node.pid(); }

    /** How often the Node.js process died by itself and was started again. */
    public int nodeRestarts() { return nodeRestarts.get(); }

    /** The Python process (moto). */
    public long motoPid() { return moto.pid(); }

    /** s3proxy keeps object versions only in memory; with a data directory, bucket versioning is not available. */
    public boolean s3Versioning() { return s3Server.supportsVersioning(); }

    /**
     * Tells {@code listener} of every object the local S3 stores (PUT, presigned PUT, copy, completed
     * multipart upload), after it is stored. Called on the S3 request's thread: hand the work off.
     * The local runner's S3 event sources are built on this; AWS's bucket notifications have no local twin.
     */
    public ObjectCreated.Subscription onObjectCreated(ObjectCreated.Listener listener) {
        return s3Server.onObjectCreated(listener);
    }

    /** The URL ElasticMQ gives a queue: {@code http://127.0.0.1:PORT/ACCOUNT/NAME}, as GetQueueUrl answers. */
    public String queueUrl(String queueName) {
        return sqsEndpoint() + "/" + ACCOUNT_ID + "/" + queueName;
    }

    /**
     * What a function needs to reach this stack: region, the fake credentials, and one
     * {@code AWS_ENDPOINT_URL_<SERVICE>} per emulator. Add the function's own variables to it.
     */
    public Map<String, String> awsEnvironment() {
        var env = new LinkedHashMap<String, String>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", sesEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSM", motoEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", motoEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", motoEndpoint().toString());
        return env;
    }

    public AwsSettings settings() { return settings; }

    // ------------------------------------------------------------------ clients, built once, closed with the stack

    /** Built as the functions build theirs ({@link AwsClients}), from this stack's settings. */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) dynamoDb = keep(AwsClients.newDynamoDb(settings));
        return dynamoDb;
    }

    public synchronized S3Client s3() {
        if (s3 == null) s3 = keep(AwsClients.newS3(settings));
        return s3;
    }

    public synchronized S3Presigner s3Presigner() {
        if (s3Presigner == null) s3Presigner = keep(AwsClients.newS3Presigner(settings));
        return s3Presigner;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) sqs = keep(AwsClients.newSqs(settings));
        return sqs;
    }

    public synchronized SesV2Client sesV2() {
        if (sesV2 == null) sesV2 = keep(AwsClients.newSesV2(settings));
        return sesV2;
    }

    public synchronized SnsClient sns() {
        if (sns == null) sns = keep(AwsClients.newSns(settings));
        return sns;
    }

    public synchronized SsmClient ssm() {
        if (ssm == null) ssm = keep(AwsClients.newSsm(settings));
        return ssm;
    }

    public synchronized CognitoIdentityProviderClient cognito() {
        if (cognito == null) cognito = keep(AwsClients.newCognitoIdentityProvider(settings));
        return cognito;
    }

    private <T extends AutoCloseable> T keep(T client) {
        if (closed) throw new IllegalStateException("the local AWS stack is closed");
        clients.add(client);
        return client;
    }

    // ------------------------------------------------------------------ the SES mailbox

    /** Every message the local SES accepted since it started (or since {@link #clearSentEmails()}), oldest first. */
    /** The SMS the local SNS (moto) accepted since it started, oldest first. */
    public List<SentSms> sentSms() {
        JsonNode state;
        try {
            state = JSON.readTree(getString(motoState()));
        } catch (IOException e) {
            throw new LocalStackException("moto's state is not JSON: " + e.getMessage(), e);
        }
        var result = new ArrayList<SentSms>();
        state.path("sns").path("SMS").forEach(e -> result.add(SentSms.of(e)));
        return List.copyOf(result);
    }

    public List<SentEmail> sentEmails() {
        JsonNode store;
        try {
            store = JSON.readTree(getString(sesMailbox()));
        } catch (IOException e) {
            throw new LocalStackException("The local SES mailbox is not JSON: " + e.getMessage(), e);
        }
        var result = new ArrayList<SentEmail>();
        store.path("emails").forEach(e -> result.add(SentEmail.of(e)));
        return List.copyOf(result);
    }

    /** Empties the local SES mailbox. */
    public void clearSentEmails() {
        send(HttpRequest.newBuilder(sesEndpoint().resolve("/clear-store")).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String getString(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private String send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LocalStackException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new LocalStackException("Cannot reach the local SES at " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted", e);
        }
    }

    // ------------------------------------------------------------------ stopping

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        var all = new ArrayList<AutoCloseable>(clients);
        all.add(node);
        all.add(sqsServer);
        all.add(s3Server);
        all.add(moto);
        all.add(closer(lock));
        closeAll(all);
    }

    private static AutoCloseable closer(AutoCloseable c) {
        return c == null ? () -> { } : c;
    }

    private static void closeAll(List<AutoCloseable> all) {
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // close the rest regardless
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "LocalAwsStack[dynamodb=" + dynamoDbEndpoint() + ", sqs=" + sqsEndpoint() + ", s3=" + s3Endpoint()
                + ", ses=" + sesEndpoint() + ", moto=" + motoEndpoint() + ", data=" + options.data().map(Path::toString).orElse("in memory") + "]";
    }

    /** One stack per data directory at a time: two would corrupt each other's LevelDB and H2 files. */
    private static final class DataDirLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private DataDirLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DataDirLock acquire(Path dir) {
            try {
                Files.createDirectories(dir);
                var channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw new LocalStackException("The data directory " + dir + " is in use by another local stack;"
                            + " stop that one first, or use another directory");
                }
                return new DataDirLock(channel, lock);
            } catch (IOException e) {
                throw new LocalStackException("Cannot use the data directory " + dir + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
