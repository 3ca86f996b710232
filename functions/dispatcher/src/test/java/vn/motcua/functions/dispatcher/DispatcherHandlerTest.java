package vn.motcua.functions.dispatcher;

import vn.motcua.departments.HttpEndpoint;
import vn.motcua.store.S3LinkSigner;
import vn.motcua.testing.SeededTables;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.motcua.contracts.DepartmentCallback;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierDelivery;
import vn.motcua.departments.RequestSignature;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.QueuePump;
import vn.motcua.local.stack.TestStack;
import vn.motcua.store.DossierRepository;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.CLERK;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The dispatcher against this class's tables, bucket and the department queues the template's
 * Fn::ForEach makes, delivering to a small HTTP server in the test that plays the departments: it
 * records each callback and answers with the statuses a test scripts for its agency (200 when none).
 * The catalog's callback URLs are rewritten to it ({@link SeedData#withCallbackBase}).
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherHandlerTest {

    private static final String KHCN = "1.000173", AGENCY = "so-khoa-hoc-cong-nghe";

    record Received(String agency, Map<String, String> headers, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> script = new ConcurrentHashMap<>();
    private HttpServer department;
    private TestStack aws;
    private DossierRepository repository;
    private Receipts receipts;
    private DispatchQueues queues;
    private byte[] secret;
    private DispatcherHandler handler;
    private QueuePump pump;
    private SeededTables tables;
    private final AtomicInteger seq = new AtomicInteger(200);

    @BeforeAll
    void world(TestStack aws) throws IOException {
        this.aws = aws;
        department = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        department.createContext("/agencies/", exchange -> {
            String agency = exchange.getRequestURI().getPath().split("/")[2];
            var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            received.add(new Received(agency, headers, exchange.getRequestBody().readAllBytes()));
            Integer status = script.getOrDefault(agency, new ArrayDeque<>()).poll();
            byte[] answer = (status == null || status < 300 ? "{\"received\":true}" : "{\"error\":\"unknown procedure\"}").getBytes();
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        department.start();
        var base = URI.create("http://127.0.0.1:" + department.getAddress().getPort());
        tables = SeededTables.publish(aws, seed -> seed.withCallbackBase(base));
        var reference = tables.reference();
        repository = tables.dossiers();
        receipts = tables.receipts();
        String secretsJson = Files.readString(ProjectDirectory.find().resolve("infra/local/department-secrets.json"));
        var secrets = DepartmentSecrets.fromJson(secretsJson, "department-secrets.json");
        secret = secrets.secretOf(AGENCY).orElseThrow();
        queues = new DispatchQueues(DispatchQueues.parse(aws.environmentFor("DispatcherFunction").get("DISPATCH_QUEUE_URLS")),
                DispatchQueues.Sender.sqs(aws.sqs()));
        var links = new S3LinkSigner(aws.s3Presigner(), aws.bucket("DocumentsBucket"));
        var delivery = new DossierDelivery(repository, () -> reference.current().catalog(), secrets,
                (document, expiresAt) -> DossierDelivery.link(document, links, expiresAt), new HttpEndpoint(), Lifecycle.standard());
        handler = new DispatcherHandler(delivery, queues, Clock.systemUTC());
        String queueName = aws.namePrefix() + "motcua-dev-dispatch-" + AGENCY;
        pump = new QueuePump(aws.sqs(), queues.urlOf(AGENCY).orElseThrow(),
                "arn:aws:sqs:" + aws.stack().region() + ":" + aws.stack().accountId() + ":" + queueName, "department-dispatch-queue.json");
    }

    @AfterAll
    void stop() {
        department.stop(0);
    }

    @BeforeEach
    void clean() {
        // another test's messages, in flight too, would count in this one's queue depth
        aws.sqs().purgeQueue(b -> b.queueUrl(queues.urlOf(AGENCY).orElseThrow()));
        received.clear();
        script.clear();
    }

    /** Transferred to the department, with one scanned document stored in the bucket. */
    private Dossier transferred() {
        var d = receipts.receive(KHCN, seq.incrementAndGet(), vn(2020, 3, 2, 8, 30), LocalDate.of(2020, 3, 23));
        String key = "dossiers/" + d.code().value() + "/don-de-nghi.pdf";
        aws.s3().putObject(b -> b.bucket(aws.bucket("DocumentsBucket")).key(key), RequestBody.fromString("%PDF-1.4 đơn"));
        var doc = new DossierDocument("Đơn đề nghị", key, 16, "sha256:" + "c".repeat(64), CLERK, vn(2020, 3, 2, 8, 40));
        return receipts.apply(d, new DossierEvent.DocumentAttached(id(), CLERK, vn(2020, 3, 2, 8, 40), doc),
                new DossierEvent.Transferred(id(), ROUTER, vn(2020, 3, 2, 9, 0), AGENCY));
    }

    private DepartmentDispatch dispatchOf(Dossier d) {
        return DepartmentDispatch.first("dispatch-route-" + d.code().value() + "-received", d.code(), AGENCY, Instant.now());
    }

    private void enqueue(String agency, String body) {
        aws.sqs().sendMessage(b -> b.queueUrl(queues.urlOf(agency).orElseThrow()).messageBody(body));
    }

    private boolean visibleNow() {
        List<Message> m = aws.sqs().receiveMessage(b -> b.queueUrl(queues.urlOf(AGENCY).orElseThrow()).waitTimeSeconds(0)
                .visibilityTimeout(0)).messages();
        return !m.isEmpty();
    }

    @Test
    void the_department_receives_a_signed_callback_it_can_verify_with_a_working_download_link() throws Exception {
        var d = transferred();
        var dispatch = dispatchOf(d);
        enqueue(AGENCY, dispatch.toJson());

        var round = pump.once(handler, 1);

        assertThat(round.failed()).isEmpty();
        assertThat(received).hasSize(1);
        var call = received.get(0);
        assertThat(call.agency()).isEqualTo(AGENCY);
        assertThat(call.headers().get("Idempotency-Key")).isEqualTo(dispatch.dispatchId());
        assertThat(call.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(RequestSignature.verify(secret, call.headers().get(RequestSignature.TIMESTAMP_HEADER),
                call.headers().get(RequestSignature.SIGNATURE_HEADER), call.body(), Instant.now())).isEqualTo(RequestSignature.Verdict.VALID);
        // another department's secret does not verify it
        var other = DepartmentSecrets.fromJson(Files.readString(ProjectDirectory.find().resolve("infra/local/department-secrets.json")), "x")
                .secretOf("so-ngoai-vu").orElseThrow();
        assertThat(RequestSignature.verify(other, call.headers().get(RequestSignature.TIMESTAMP_HEADER),
                call.headers().get(RequestSignature.SIGNATURE_HEADER), call.body(), Instant.now())).isEqualTo(RequestSignature.Verdict.BAD_SIGNATURE);

        var callback = DepartmentCallback.parse(new String(call.body(), StandardCharsets.UTF_8));
        assertThat(callback.idempotencyKey()).isEqualTo(dispatch.dispatchId());
        assertThat(callback.dossier().code()).isEqualTo(d.code());
        var document = callback.dossier().documents().get(0);
        assertThat(document.contentType()).isEqualTo("application/pdf");
        assertThat(document.urlExpiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(11)));
        var download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(document.url()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("%PDF-1.4 đơn");
        assertThat(QueuePump.depth(aws.sqs(), queues.urlOf(AGENCY).orElseThrow())).isZero();
    }

    @Test
    void a_duplicate_dispatch_reaches_the_department_with_the_same_idempotency_key_and_changes_nothing_here() {
        var d = transferred();
        enqueue(AGENCY, dispatchOf(d).toJson());
        enqueue(AGENCY, dispatchOf(d).toJson());

        pump.once(handler, 10);

        assertThat(received).hasSize(2).extracting(r -> r.headers().get("Idempotency-Key")).containsOnly(dispatchOf(d).dispatchId());
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(d.version());
    }

    @Test
    void an_endpoint_that_is_down_gets_the_dossier_when_it_is_back_and_the_queue_waits_in_between() {
        var d = transferred();
        script.put(AGENCY, new ArrayDeque<>(List.of(503, 502)));
        enqueue(AGENCY, dispatchOf(d).toJson());

        var first = pump.once(handler, 1);
        assertThat(first.failed()).hasSize(1);
        assertThat(visibleNow()).as("hidden for the retry delay, not handed out again at once").isFalse();
        pump.retryNow(first); // as if 30 s had passed
        var second = pump.once(handler, 1);
        assertThat(second.failed()).hasSize(1);
        pump.retryNow(second);
        var third = pump.once(handler, 1);

        assertThat(third.received()).hasSize(1);
        assertThat(third.failed()).isEmpty();
        assertThat(received).hasSize(3).extracting(r -> r.headers().get("Idempotency-Key")).containsOnly(dispatchOf(d).dispatchId());
        assertThat(QueuePump.depth(aws.sqs(), queues.urlOf(AGENCY).orElseThrow())).isZero();
        assertThat(repository.find(d.code()).orElseThrow().history()).noneMatch(h -> h.kind() == EventKind.DELIVERY_FAILED);
    }

    @Test
    void a_4xx_is_permanent_recorded_on_the_dossier_for_the_desk_and_the_message_is_done() {
        var d = transferred();
        script.put(AGENCY, new ArrayDeque<>(List.of(422)));
        enqueue(AGENCY, dispatchOf(d).toJson());

        var round = pump.once(handler, 1);

        assertThat(round.failed()).isEmpty();
        assertThat(received).hasSize(1);
        var after = repository.find(d.code()).orElseThrow();
        assertThat(after.state()).isEqualTo(DossierState.TRANSFERRED);
        var last = after.history().get(after.history().size() - 1);
        assertThat(last.kind()).isEqualTo(EventKind.DELIVERY_FAILED);
        assertThat(last.reason().orElseThrow()).contains("HTTP 422").contains("unknown procedure");
        assertThat(QueuePump.depth(aws.sqs(), queues.urlOf(AGENCY).orElseThrow())).isZero();
    }

    @Test
    void a_poison_message_alone_ends_in_the_departments_undelivered_queue_after_every_try() {
        var d = transferred();
        enqueue(AGENCY, "{\"dispatchId\": \"x\"}");
        enqueue(AGENCY, dispatchOf(d).toJson());

        var round = pump.once(handler, 10);
        assertThat(round.received()).hasSize(2);
        assertThat(round.failed()).hasSize(1);
        for (int i = 0; i < 10 && !round.empty(); i++) {
            pump.retryNow(round);
            round = pump.once(handler, 10);
        }

        assertThat(received).hasSize(1);
        String undelivered = aws.queueUrl("UndeliveredQueuesokhoahoccongnghe");
        assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(undelivered).maxNumberOfMessages(10)).messages())
                .extracting(Message::body).containsExactly("{\"dispatchId\": \"x\"}");
    }

    @Test
    void a_dispatch_naming_another_department_is_never_sent_through_this_queue() {
        var d = transferred();
        var foreign = DepartmentDispatch.first("dispatch-x", d.code(), "so-ngoai-vu", Instant.now());
        enqueue(AGENCY, foreign.toJson());

        var round = pump.once(handler, 1);

        assertThat(round.failed()).hasSize(1);
        assertThat(received).isEmpty();
    }

    @Test
    void the_retry_delay_grows_and_stops_at_the_longest_sqs_allows() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 12).stream().map(DossierDelivery::retryDelay).map(Duration::toSeconds).toList())
                .containsExactly(30L, 120L, 480L, 1920L, 7680L, 30720L, 43200L, 43200L);
    }

    @Test
    void a_refused_connection_is_retried_not_recorded() {
        var d = transferred();
        var reference = tables.reference();
        var down = new DossierDelivery(repository, () -> reference.current().catalog(), agency -> java.util.Optional.of(secret),
                (doc, at) -> { throw new AssertionError("no links needed"); },
                (url, headers, body, timeout) -> { throw new java.net.ConnectException("Connection refused"); }, Lifecycle.standard());
        var bare = receipts.apply(receipts.receive(KHCN, seq.incrementAndGet(), vn(2020, 3, 2, 8, 30), LocalDate.of(2020, 3, 23)),
                new DossierEvent.Transferred(id(), ROUTER, vn(2020, 3, 2, 9, 0), AGENCY));

        var result = down.deliver(dispatchOf(bare), AGENCY, 2, Instant.now());

        assertThat(result).isEqualTo(new DossierDelivery.Result.RetryLater(Duration.ofSeconds(120), "unreachable: ConnectException"));
        assertThat(repository.find(bare.code()).orElseThrow().version()).isEqualTo(bare.version());
        assertThat(d).isNotNull();
    }
}
