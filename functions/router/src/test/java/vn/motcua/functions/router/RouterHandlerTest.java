package vn.motcua.functions.router;

import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.DossierRouter;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.DeadLetters;
import vn.motcua.edge.Json;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.QueuePump;
import vn.motcua.local.stack.TestStack;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.store.DossierRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.CLERK;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The router through events/routing-queue.json against this class's tables and queues, the dispatch
 * queues being the ones the template's Fn::ForEach makes (their URLs from the router's own environment,
 * DISPATCH_QUEUE_URLS, as the template builds it). "Now" is Monday 2 March 2020, 09:00 in Vietnam.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterHandlerTest {

    private static final String KHCN = "1.000173", KHCN_AGENCY = "so-khoa-hoc-cong-nghe";

    private TestStack aws;
    private DossierRepository repository;
    private Receipts receipts;
    private DispatchQueues queues;
    private RouterHandler handler;
    private final AtomicInteger seq = new AtomicInteger(10);

    @BeforeAll
    void world(TestStack aws) {
        this.aws = aws;
        var tables = SeededTables.publish(aws);
        repository = tables.dossiers();
        receipts = tables.receipts();
        var env = aws.environmentFor("RouterFunction");
        queues = new DispatchQueues(DispatchQueues.parse(env.get("DISPATCH_QUEUE_URLS")), DispatchQueues.Sender.sqs(aws.sqs()));
        handler = new RouterHandler(new DossierRouter(repository, queues,
                NotificationQueue.sqs(aws.sqs(), env.get("NOTIFICATION_QUEUE_URL")), Lifecycle.standard()),
                Clock.fixed(vn(2020, 3, 2, 9, 0), Dossier.ZONE), DeadLetters.sqs(aws.sqs(), env.get("DEAD_LETTER_QUEUE_URL")));
    }

    private Dossier received() {
        return receipts.receive(KHCN, seq.incrementAndGet(), vn(2020, 3, 2, 8, 30), LocalDate.of(2020, 3, 23));
    }

    /** events/routing-queue.json with its records' bodies replaced by these jobs. */
    private static ObjectNode event(RoutingJob... jobs) {
        var event = LambdaEvents.load("routing-queue.json");
        var shape = (ObjectNode) event.path("Records").get(0);
        var records = event.putArray("Records");
        int i = 0;
        for (var job : jobs) records.add(shape.deepCopy().put("messageId", "m-" + i++).put("body", job.toJson()));
        return event;
    }

    private static RoutingJob receivedJob(Dossier d) {
        return new RoutingJob("route-" + d.code().value() + "-received", d.code(), RoutingJob.Reason.RECEIVED, vn(2020, 3, 2, 8, 31));
    }

    private List<DepartmentDispatch> drainDispatches(String agency) throws Exception {
        String url = queues.urlOf(agency).orElseThrow();
        var out = new ArrayList<DepartmentDispatch>();
        while (true) {
            List<Message> batch = aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) return out;
            for (var m : batch) {
                out.add(DepartmentDispatch.parse(m.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private List<NotificationJob> drainNotifications() throws Exception {
        String url = aws.queueUrl("NotificationQueue");
        var out = new ArrayList<NotificationJob>();
        while (true) {
            List<Message> batch = aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) return out;
            for (var m : batch) {
                out.add(NotificationJob.parse(m.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void the_template_gives_the_router_one_dispatch_queue_per_department() {
        assertThat(queues.urls().keySet()).containsExactlyInAnyOrder("so-ngoai-vu", "so-khoa-hoc-cong-nghe",
                "so-thong-tin-truyen-thong", "so-giao-duc-dao-tao");
        assertThat(queues.urlOf(KHCN_AGENCY).orElseThrow()).endsWith("/" + aws.namePrefix() + "motcua-dev-dispatch-so-khoa-hoc-cong-nghe");
    }

    @Test
    void a_received_dossier_is_transferred_with_its_form_05_row_dispatched_to_its_department_and_the_applicant_told() throws Exception {
        drainDispatches(KHCN_AGENCY);
        drainNotifications();
        var d = received();

        var answer = LambdaEvents.invoke(handler, event(receivedJob(d)));

        assertThat(answer.path("batchItemFailures")).isEmpty();
        var after = repository.find(d.code()).orElseThrow();
        assertThat(after.state()).isEqualTo(DossierState.TRANSFERRED);
        var last = after.history().get(after.history().size() - 1);
        assertThat(last.eventId()).isEqualTo("router:route-" + d.code().value() + "-received");
        assertThat(last.handOver().orElseThrow().receiver()).isEqualTo(KHCN_AGENCY);
        var dispatches = drainDispatches(KHCN_AGENCY);
        assertThat(dispatches).containsExactly(DepartmentDispatch.first("dispatch-route-" + d.code().value() + "-received",
                d.code(), KHCN_AGENCY, vn(2020, 3, 2, 9, 0)));
        assertThat(drainDispatches("so-ngoai-vu")).isEmpty();
        assertThat(drainNotifications()).extracting(NotificationJob::eventKind, NotificationJob::eventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NotificationJob.Kind.TRANSFERRED, last.eventId()));
    }

    @Test
    void the_same_job_twice_transfers_once_and_dispatches_with_the_same_idempotency_key() throws Exception {
        drainDispatches(KHCN_AGENCY);
        var d = received();

        LambdaEvents.invoke(handler, event(receivedJob(d)));
        var again = LambdaEvents.invoke(handler, event(receivedJob(d), receivedJob(d)));

        assertThat(again.path("batchItemFailures")).isEmpty();
        var after = repository.find(d.code()).orElseThrow();
        assertThat(after.history()).filteredOn(h -> h.kind() == EventKind.TRANSFERRED).hasSize(1);
        assertThat(after.version()).isEqualTo(d.version() + 1);
        assertThat(drainDispatches(KHCN_AGENCY)).hasSize(3).extracting(DepartmentDispatch::dispatchId).containsOnly(
                "dispatch-route-" + d.code().value() + "-received");
    }

    @Test
    void a_poison_message_goes_to_the_routing_dead_letter_queue_at_once_while_its_batch_is_routed() throws Exception {
        // issue 16: it used to fail alone five times (maxReceiveCount) before SQS moved it; a malformed job never heals
        drainDispatches(KHCN_AGENCY);
        var d = received();
        var routing = aws.queueUrl("RoutingQueue");
        var dlq = aws.queueUrl("RoutingDeadLetterQueue");
        aws.sqs().sendMessage(b -> b.queueUrl(routing).messageBody("{\"jobId\": 42"));
        aws.sqs().sendMessage(b -> b.queueUrl(routing).messageBody(receivedJob(d).toJson()));
        var pump = new QueuePump(aws.sqs(), routing, aws.resources().attribute("RoutingQueue", "Arn"), "routing-queue.json");

        var first = pump.once(handler, 10);
        assertThat(first.received()).hasSize(2);
        assertThat(first.failed()).isEmpty();
        assertThat(repository.find(d.code()).orElseThrow().state()).isEqualTo(DossierState.TRANSFERRED);
        assertThat(QueuePump.depth(aws.sqs(), routing)).isZero();
        var dead = aws.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10)).messages();
        assertThat(dead).extracting(Message::body).containsExactly("{\"jobId\": 42");
        assertThat(drainDispatches(KHCN_AGENCY)).hasSize(1);
        aws.sqs().purgeQueue(b -> b.queueUrl(dlq));
    }

    @Test
    void a_dossier_withdrawn_before_routing_is_skipped_and_nothing_is_dispatched() throws Exception {
        drainDispatches(KHCN_AGENCY);
        var d = receipts.apply(received(), new DossierEvent.WithdrawalRequested(id(), CLERK, vn(2020, 3, 2, 8, 45), "Không còn nhu cầu"));

        var answer = LambdaEvents.invoke(handler, event(receivedJob(d)));

        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(repository.find(d.code()).orElseThrow().state()).isEqualTo(DossierState.WITHDRAWAL_REQUESTED);
        assertThat(drainDispatches(KHCN_AGENCY)).isEmpty();
    }

    /**
     * Issue 16, finding 5: a malformed routing message was retried five times like a transient failure before the
     * dead-letter queue. It goes there at once, with why, and is done with.
     */
    @Test
    void a_malformed_message_goes_to_the_dead_letter_queue_at_once() {
        var event = event(receivedJob(received()));
        ((ObjectNode) event.path("Records").get(0)).put("body", "{\"jobId\": 42}").put("messageId", "m-malformed");

        JsonNode answer = LambdaEvents.invoke(handler, event);

        assertThat(answer.path("batchItemFailures")).as("not retried").isEmpty();
        String dlq = aws.environmentFor("RouterFunction").get("DEAD_LETTER_QUEUE_URL");
        var parked = aws.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
        assertThat(parked).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"jobId\": 42}");
            assertThat(m.messageAttributes().get(DeadLetters.REASON_ATTRIBUTE).stringValue()).startsWith("SCHEMA_VIOLATION");
            assertThat(m.messageAttributes().get(DeadLetters.MESSAGE_ID_ATTRIBUTE).stringValue()).isEqualTo("m-malformed");
        });
        aws.sqs().purgeQueue(b -> b.queueUrl(dlq));
    }

    @Test
    void an_unknown_dossier_fails_so_the_job_is_retried_and_not_lost() {
        var job = new RoutingJob("route-000.00.92.H48-200302-9999-received",
                new vn.motcua.domain.dossier.DossierCode("000.00.92.H48-200302-9999"), RoutingJob.Reason.RECEIVED, vn(2020, 3, 2, 8, 31));
        JsonNode answer = LambdaEvents.invoke(handler, event(job));
        assertThat(answer.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("m-0");
    }

    @Test
    void a_resubmission_goes_back_to_the_department_with_the_documents_added_since_form_02_and_no_second_transfer() throws Exception {
        drainDispatches(KHCN_AGENCY);
        var d = received();
        var doc1 = new vn.motcua.domain.dossier.DossierDocument("Đơn đề nghị", "dossiers/" + d.code().value() + "/don.pdf", 10,
                "sha256:" + "a".repeat(64), CLERK, vn(2020, 3, 2, 8, 40));
        var doc2 = new vn.motcua.domain.dossier.DossierDocument("Biên bản kiểm định", "dossiers/" + d.code().value() + "/bien-ban.pdf", 10,
                "sha256:" + "b".repeat(64), CLERK, vn(2020, 3, 9, 8, 40));
        d = receipts.apply(d, new DossierEvent.DocumentAttached(id(), CLERK, vn(2020, 3, 2, 8, 40), doc1),
                new DossierEvent.Transferred(id(), Receipts.ROUTER, vn(2020, 3, 2, 9, 0), KHCN_AGENCY),
                new DossierEvent.Accepted(id(), officerOf(d), vn(2020, 3, 3, 9, 0)),
                new DossierEvent.SupplementRequested(id(), officerOf(d), vn(2020, 3, 4, 9, 0), List.of("Biên bản kiểm định"), "Thiếu"),
                new DossierEvent.DocumentAttached(id(), CLERK, vn(2020, 3, 9, 8, 40), doc2),
                new DossierEvent.SupplementReceived(id(), CLERK, vn(2020, 3, 9, 8, 45), LocalDate.of(2020, 3, 26)));
        var job = new RoutingJob("route-" + d.code().value() + "-resubmitted-1", d.code(), RoutingJob.Reason.RESUBMITTED, vn(2020, 3, 9, 8, 46));

        var answer = LambdaEvents.invoke(handler, event(job));

        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(d.version());
        var dispatch = drainDispatches(KHCN_AGENCY);
        assertThat(dispatch).hasSize(1);
        assertThat(dispatch.get(0).reason()).isEqualTo(DepartmentDispatch.Reason.RESUBMITTED);
        assertThat(dispatch.get(0).supplementDocumentKeys()).containsExactly(doc2.key());
        assertThat(Json.write(Json.mapper().readTree(dispatch.get(0).toJson()))).contains("resubmitted-1");
    }
}
