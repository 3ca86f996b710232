package vn.motcua.functions.portalsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.edge.DeadLetters;
import vn.motcua.edge.Json;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;
import vn.motcua.portal.HttpNationalPortal;
import vn.motcua.portal.PortalOwes;
import vn.motcua.portal.PortalSync;
import vn.motcua.portal.SyncLedger;
import vn.motcua.queues.PortalSyncQueue;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.PortalAckItems;
import vn.motcua.testing.SeededTables;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The portal sync through events/portal-sync-queue.json against this class's own table and queues, and a small HTTP
 * portal in the test (up, down, or refusing): dossiers changed through a repository that owes the portal (as the
 * functions' does), the handler sending their records over HTTP in order, duplicates and reordered messages harmless.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalSyncHandlerTest {

    private static final String KHCN = "1.000173";

    private final List<JsonNode> took = Collections.synchronizedList(new ArrayList<>());
    private volatile int answer = 200;
    private HttpServer server;
    private DossierRepository repository;
    private Receipts receipts;
    private PortalSyncHandler handler;
    private TestStack aws;
    private SyncLedger ledger;
    private final AtomicInteger seq = new AtomicInteger(30);

    @BeforeAll
    void world(TestStack aws) throws Exception {
        this.aws = aws;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/api/hoso/dongbo", exchange -> {
            try (exchange) {
                var record = Json.tree(exchange.getRequestBody().readAllBytes());
                if (answer == 200) took.add(record);
                byte[] body = (answer == 200 ? "{\"KetQua\":\"OK\"}" : "{\"error\":\"no\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        var tables = SeededTables.publish(aws);
        var env = aws.environmentFor("PortalSyncFunction");
        var queue = PortalSyncQueue.sqs(aws.sqs(), env.get("PORTAL_SYNC_QUEUE_URL"));
        repository = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"), DossierRepository.Options.DEFAULTS,
                PortalOwes.Hook.on(code -> queue.send(PortalSyncQueue.nudge(code))));
        receipts = new Receipts(tables.reference().current().catalog(), repository);
        var acks = new PortalAckItems(aws.dynamoDb(), aws.table("DossierTable"));
        var sync = new PortalSync(repository, acks, tables.ratings(), new HttpNationalPortal("http://127.0.0.1:" + server.getAddress().getPort() + "/api",
                Duration.ofSeconds(2)), code -> true, Clock.systemUTC(), Duration.ofSeconds(60));
        handler = new PortalSyncHandler(sync, queue, DeadLetters.sqs(aws.sqs(), env.get("DEAD_LETTER_QUEUE_URL")));
        ledger = new SyncLedger(repository, acks);
    }

    @AfterAll
    void stop() { server.stop(0); }

    private Dossier inProcess() {
        var d = receipts.receive(KHCN, seq.incrementAndGet(), vn(2020, 3, 2, 8, 30), LocalDate.of(2020, 3, 23));
        return receipts.apply(d, new DossierEvent.Transferred("route-" + d.code().value(), Receipts.ROUTER, vn(2020, 3, 2, 8, 31), d.agencyId()),
                new DossierEvent.Accepted(Receipts.id(), Receipts.officerOf(d), vn(2020, 3, 2, 9, 0)));
    }

    /** events/portal-sync-queue.json with one record per body. */
    private static ObjectNode event(String... bodies) {
        var event = LambdaEvents.load("portal-sync-queue.json");
        var shape = (ObjectNode) event.path("Records").get(0);
        var records = event.putArray("Records");
        int i = 0;
        for (var body : bodies) records.add(shape.deepCopy().put("messageId", "m-" + i++).put("body", body));
        return event;
    }

    private List<String> sent(Dossier d) {
        synchronized (took) {
            return took.stream().filter(r -> r.path("MaHoSo").asText().equals(d.code().value()))
                    .map(r -> r.path("SoThuTu").asInt() + ":" + r.path("TrangThaiHoSo").asInt()).toList();
        }
    }

    @Test
    void a_dossiers_changes_reach_the_portal_once_in_order_whatever_the_messages() {
        var d = inProcess();
        String nudge = PortalSyncQueue.nudge(d.code());
        String oldest = PortalOwes.owedBy(null, repository.find(d.code()).orElseThrow()).getFirst().payload();

        // three copies in one batch, one of them the sweep's re-queued first change: one send each, in order
        var answer = LambdaEvents.invoke(handler, event(nudge, oldest, nudge));

        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(sent(d)).containsExactly("1:2", "2:4", "3:4");
        assertThat(repository.owed(d.code())).isEmpty();
        assertThat(ledger.forDossier(d.code())).extracting(SyncLedger.Entry::state).containsOnly(SyncLedger.State.ACKNOWLEDGED);
    }

    @Test
    void the_portal_down_fails_the_message_with_a_delay_and_keeps_the_changes_owed() {
        var d = inProcess();
        this.answer = 503;
        try {
            var answer = LambdaEvents.invoke(handler, event(PortalSyncQueue.nudge(d.code())));
            assertThat(answer.path("batchItemFailures")).hasSize(1);
        } finally {
            this.answer = 200;
        }
        assertThat(repository.owed(d.code())).hasSize(3);
        assertThat(sent(d)).isEmpty();

        var answer = LambdaEvents.invoke(handler, event(PortalSyncQueue.nudge(d.code())));
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(sent(d)).containsExactly("1:2", "2:4", "3:4");
    }

    @Test
    void a_refusal_is_recorded_and_settled_not_retried() {
        var d = receipts.receive(KHCN, seq.incrementAndGet(), vn(2020, 3, 2, 8, 30), LocalDate.of(2020, 3, 23));
        this.answer = 422;
        try {
            var answer = LambdaEvents.invoke(handler, event(PortalSyncQueue.nudge(d.code())));
            assertThat(answer.path("batchItemFailures")).isEmpty();
        } finally {
            this.answer = 200;
        }
        assertThat(repository.owed(d.code())).isEmpty();
        assertThat(ledger.forDossier(d.code())).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(SyncLedger.State.REJECTED);
            assertThat(e.answer()).startsWith("422");
        });
    }

    @Test
    void a_change_stored_through_the_repository_nudges_the_sync_queue() {
        var d = receipts.receive(KHCN, seq.incrementAndGet(), vn(2020, 3, 2, 8, 30), LocalDate.of(2020, 3, 23));
        String url = aws.environmentFor("PortalSyncFunction").get("PORTAL_SYNC_QUEUE_URL");
        var bodies = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages().forEach(m -> bodies.add(m.body()));
        }
        assertThat(bodies).contains(PortalSyncQueue.nudge(d.code()));
    }

    @Test
    void a_message_naming_no_dossier_goes_to_the_dead_letter_queue_at_once() {
        var answer = LambdaEvents.invoke(handler, event("{\"nothing\":1}"));
        assertThat(answer.path("batchItemFailures")).isEmpty();
    }
}
