package vn.motcua.functions.deskactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.FeeRequested;
import vn.motcua.domain.dossier.DossierEvent.ResultReady;
import vn.motcua.domain.dossier.DossierEvent.SupplementRequested;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;
import vn.motcua.desk.DeskActions;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.testing.SeededTables;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The desk's actions through events/desk-action-post.json against this class's own tables and
 * queue, with the seed catalog and calendar published. "Now" is Thursday 12 March 2020, 10:00 in
 * Vietnam; each test receives its own dossiers (sequence numbers keep their codes apart).
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskActionsHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final String KHCN = "1.000173", GDDT = "2.001914";

    private TestStack aws;
    private ReferenceData reference;
    private DossierRepository repository;
    private Receipts receipts;
    private DeskActionsHandler handler;
    private final AtomicInteger seq = new AtomicInteger(100);

    @BeforeAll
    void world(TestStack aws) {
        this.aws = aws;
        var tables = SeededTables.publish(aws);
        reference = tables.reference();
        repository = tables.dossiers();
        receipts = tables.receipts();
        handler = handler(RoutingQueue.sqs(aws.sqs(), aws.queueUrl("RoutingQueue")));
    }

    private DeskActionsHandler handler(RoutingQueue queue) {
        return handler(queue, job -> { });
    }

    private DeskActionsHandler handler(RoutingQueue queue, NotificationQueue notifications) {
        return new DeskActionsHandler(new DeskActions(repository, reference::current, queue, notifications,
                Clock.fixed(vn(2020, 3, 12, 10, 0), Dossier.ZONE)));
    }

    // ---- the world ------------------------------------------------------------------------------

    /** Received Wednesday 4 March, due Wednesday 18 March, transferred and accepted. */
    private Dossier inProcess(String procedure, ResultReturn ret) {
        var d = receipts.receive(procedure, seq.incrementAndGet(), vn(2020, 3, 4, 9, 0), LocalDate.of(2020, 3, 18), ret, "K7M2QXPA");
        return receipts.apply(d, new Transferred(id(), ROUTER, vn(2020, 3, 4, 10, 0), d.agencyId()),
                new Accepted(id(), officerOf(d), vn(2020, 3, 4, 11, 0)));
    }

    private Dossier inProcess() { return inProcess(KHCN, ResultReturn.atDesk()); }

    /** Form 02 issued on Friday 6 March. */
    private Dossier supplementRequested() {
        var d = inProcess();
        return receipts.apply(d, new SupplementRequested(id(), officerOf(d), vn(2020, 3, 6, 9, 0),
                List.of("Biên bản kiểm định thiết bị X-quang"), "Biên bản đã quá 12 tháng"));
    }

    private Dossier resultReady(ResultReturn ret) {
        var d = inProcess(GDDT, ret);
        return receipts.apply(d, new ResultReady(id(), officerOf(d), vn(2020, 3, 11, 16, 0), new Outcome.Approved(List.of("results/x.pdf"))));
    }

    // ---- happy paths ----------------------------------------------------------------------------

    @Test
    void supplement_received_resumes_the_due_date_by_the_working_days_waited_and_queues_the_dossier_again() throws Exception {
        var d = supplementRequested();
        var answer = invoke(action(d, "supplement-received", null, "k-supp-1"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        var body = body(answer);
        assertThat(body.path("routing").asText()).isEqualTo("queued");
        assertThat(body.path("replayed").asBoolean()).isFalse();
        assertThat(body.path("dossier").path("state").path("code").asText()).isEqualTo("IN_PROCESS");
        // Paused Friday 6, back Thursday 12: Mon 9 to Thu 12 are 4 working days waited; 18 March + 4 = Tuesday 24.
        assertThat(body.path("dossier").path("appointment").path("current").asText()).isEqualTo("2020-03-24");
        assertThat(body.path("dossier").path("appointment").path("original").asText()).isEqualTo("2020-03-18");
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.IN_PROCESS);
        assertThat(stored.pausedSince()).isEmpty();
        assertThat(stored.appointment().orElseThrow().current()).isEqualTo(LocalDate.of(2020, 3, 24));

        var jobs = routingJobs();
        assertThat(jobs).filteredOn(j -> j.dossierCode().equals(d.code())).singleElement().satisfies(j -> {
            assertThat(j.reason()).isEqualTo(RoutingJob.Reason.RESUBMITTED);
            assertThat(j.jobId()).isEqualTo("route-" + d.code().value() + "-resubmitted-1");
        });
    }

    @Test
    void when_the_routing_queue_fails_the_supplement_is_kept_and_routing_is_pending() {
        var d = supplementRequested();
        var failing = handler(job -> { throw new IllegalStateException("queue down"); });
        var answer = invoke(failing, action(d, "supplement-received", null, "k-supp-2"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(answer).path("routing").asText()).isEqualTo("pending");
        assertThat(repository.find(d.code()).orElseThrow().state()).isEqualTo(DossierState.IN_PROCESS);
    }

    @Test
    void each_applied_action_queues_its_notice_once_per_event_and_a_failing_notification_queue_fails_nothing() {
        var queued = new java.util.concurrent.CopyOnWriteArrayList<NotificationJob>();
        var telling = handler(RoutingQueue.sqs(aws.sqs(), aws.queueUrl("RoutingQueue")), queued::add);
        var d = resultReady(ResultReturn.byPost(Receipts.POSTAL_ADDRESS));

        var first = invoke(telling, action(d, "returned", "{\"method\":\"by_post\",\"trackingNumber\":\"EB123456789VN\"}", "k-post-n1"));
        var replay = invoke(telling, action(d, "returned", "{\"method\":\"by_post\",\"trackingNumber\":\"EB123456789VN\"}", "k-post-n1"));

        assertThat(first.path("statusCode").asInt()).isEqualTo(200);
        assertThat(replay.path("statusCode").asInt()).isEqualTo(200);
        // the replay queues the same job again; the notifier sends once per idempotency key
        assertThat(queued).extracting(NotificationJob::idempotencyKey).containsOnly(d.code().value() + "/desk:" + d.code().value() + ":returned:k-post-n1");
        assertThat(queued).extracting(NotificationJob::eventKind).containsOnly(NotificationJob.Kind.HANDED_TO_POST);

        var failing = handler(RoutingQueue.sqs(aws.sqs(), aws.queueUrl("RoutingQueue")), job -> { throw new IllegalStateException("queue down"); });
        var other = inProcess();
        var withdrawn = invoke(failing, action(other, "withdrawal", "{\"reason\":\"Không còn nhu cầu\"}", "k-w-n1"));
        assertThat(withdrawn.path("statusCode").asInt()).isEqualTo(200);
        assertThat(repository.find(other.code()).orElseThrow().state()).isEqualTo(DossierState.WITHDRAWAL_REQUESTED);
    }

    @Test
    void fee_paid_puts_the_dossier_back_in_process() {
        var d = inProcess();
        d = receipts.apply(d, new FeeRequested(id(), officerOf(d), vn(2020, 3, 10, 9, 0), 50_000, Optional.empty()));
        // the fee book's entry: nothing stored without the amount and the receipt's number, or with another amount
        assertProblem(invoke(action(d, "fee-paid", "{}", "k-fee-0")), 400, "INVALID_FEE_PAYMENT", "amountVnd");
        assertProblem(invoke(action(d, "fee-paid", "{\"amountVnd\": 50000, \"receiptNumber\": \"<script>\"}", "k-fee-0")), 400,
                "INVALID_FEE_PAYMENT", "receiptNumber");
        assertProblem(invoke(action(d, "fee-paid", "{\"amountVnd\": -5, \"receiptNumber\": \"0001234\"}", "k-fee-0")), 400,
                "INVALID_FEE_PAYMENT", "amountVnd");
        var other = invoke(action(d, "fee-paid", "{\"amountVnd\": 5000, \"receiptNumber\": \"0001234\"}", "k-fee-0"));
        assertThat(other.path("statusCode").asInt()).isEqualTo(409);
        assertThat(body(other).path("error").path("code").asText()).isEqualTo("FEE_AMOUNT_MISMATCH");
        assertThat(body(other).path("error").path("message").asText()).contains("5.000 đồng").contains("50.000 đồng");
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(d.version());

        var answer = invoke(action(d, "fee-paid", "{\"amountVnd\": 50000, \"receiptNumber\": \"aa/2020/0001234\"}", "k-fee-1"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.IN_PROCESS);
        assertThat(stored.fee().orElseThrow().paidAt()).contains(vn(2020, 3, 12, 10, 0));
        assertThat(stored.fee().orElseThrow().receipt()).contains(new vn.motcua.domain.dossier.FeeReceipt(50_000, "AA/2020/0001234"));
        assertThat(body(answer).path("dossier").path("fee").path("receipt").path("number").asText()).isEqualTo("AA/2020/0001234");
        assertThat(body(answer).has("routing")).isFalse();
    }

    @Test
    void returned_at_the_desk() {
        var d = resultReady(ResultReturn.atDesk());
        // who took the result is required, checked as the ID card is
        assertProblem(invoke(action(d, "returned", "{\"method\": \"at_desk\"}", "k-ret-0")), 400, "COLLECTOR_REQUIRED", "collector.name");
        assertProblem(invoke(action(d, "returned", "{\"method\": \"at_desk\", \"collector\": {\"name\": \"Trần Văn Bình\", \"idNumber\": \"0511\"}}",
                "k-ret-0")), 400, "INVALID_COLLECTOR", "collector.idNumber");
        assertProblem(invoke(action(d, "returned", "{\"method\": \"at_desk\", \"collector\": {\"name\": \"<b>1</b>\", \"idNumber\": \"051190001111\"}}",
                "k-ret-0")), 400, "INVALID_COLLECTOR", "collector.name");
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(d.version());

        var answer = invoke(action(d, "returned", "{\"method\": \"at_desk\", \"collector\": {\"name\": \" Trần  Văn Bình \", "
                + "\"idNumber\": \"051 190 001 111\", \"onBehalfOf\": \"Nguyễn Thị Thu Hà (giấy ủy quyền ngày 10/3/2020)\"}}", "k-ret-1"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(answer).path("dossier").path("state").path("code").asText()).isEqualTo("RETURNED");
        assertThat(body(answer).path("dossier").path("collector").path("name").asText()).isEqualTo("Trần Văn Bình");
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.history().get(stored.history().size() - 1).kind()).isEqualTo(EventKind.RETURNED_AT_DESK);
        assertThat(stored.collector()).contains(new vn.motcua.domain.dossier.Collector("Trần Văn Bình", "051190001111",
                Optional.of("Nguyễn Thị Thu Hà (giấy ủy quyền ngày 10/3/2020)")));
        assertThat(stored.processControlSlip().get(stored.processControlSlip().size() - 1).notes().orElseThrow())
                .contains("Trần Văn Bình").contains("nhận thay Nguyễn Thị Thu Hà");
    }

    @Test
    void handed_to_the_post_then_delivered() {
        var d = resultReady(ResultReturn.byPost(Receipts.POSTAL_ADDRESS));
        var sent = invoke(action(d, "returned", null, "k-post-1")); // the event file's body: by_post, EB123456789VN
        assertThat(sent.path("statusCode").asInt()).isEqualTo(200);
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.RETURNED);
        assertThat(stored.delivery().orElseThrow().trackingNumber()).isEqualTo("EB123456789VN");
        assertThat(stored.delivery().orElseThrow().delivered()).isFalse();

        assertProblem(invoke(action(d, "delivered", "{}", "k-post-2")), 400, "DELIVERY_DATE_REQUIRED", "deliveredOn");
        assertProblem(invoke(action(d, "delivered", "{\"deliveredOn\": \"12/03/2020\"}", "k-post-2")), 400, "INVALID_DATE", "deliveredOn");
        var tomorrow = invoke(action(d, "delivered", "{\"deliveredOn\": \"2020-03-13\"}", "k-post-2"));
        assertThat(tomorrow.path("statusCode").asInt()).isEqualTo(409);
        assertThat(body(tomorrow).path("error").path("code").asText()).isEqualTo("DELIVERY_DATE_INVALID");
        assertThat(repository.find(d.code()).orElseThrow().delivery().orElseThrow().delivered()).isFalse();

        var delivered = invoke(action(d, "delivered", "{\"deliveredOn\": \"2020-03-12\"}", "k-post-2"));
        assertThat(delivered.path("statusCode").asInt()).isEqualTo(200);
        assertThat(repository.find(d.code()).orElseThrow().delivery().orElseThrow().delivered()).isTrue();
        assertThat(repository.find(d.code()).orElseThrow().delivery().orElseThrow().deliveredOn()).contains(java.time.LocalDate.of(2020, 3, 12));
        assertThat(body(delivered).path("dossier").path("delivery").path("deliveredOn").asText()).isEqualTo("2020-03-12");
    }

    @Test
    void withdrawal_with_its_reason() {
        var d = inProcess();
        var answer = invoke(action(d, "withdrawal", "{\"reason\": \"Công dân xin rút để nộp lại sau\"}", "k-wd-1"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(repository.find(d.code()).orElseThrow().state()).isEqualTo(DossierState.WITHDRAWAL_REQUESTED);
        // the router tells the department: one job per dossier, however often the clerk clicks
        assertThat(body(answer).path("routing").asText()).isEqualTo("queued");
        assertThat(routingJobs()).filteredOn(j -> j.dossierCode().equals(d.code())).singleElement().satisfies(j -> {
            assertThat(j.reason()).isEqualTo(RoutingJob.Reason.WITHDRAWN);
            assertThat(j.jobId()).isEqualTo("route-" + d.code().value() + "-withdrawn");
        });
    }

    // ---- refusals, retries, bad input -----------------------------------------------------------

    @Test
    void an_illegal_move_is_409_with_the_lifecycles_words_and_nothing_changes() {
        var d = inProcess();
        var answer = invoke(action(d, "fee-paid", "{\"amountVnd\": 50000, \"receiptNumber\": \"0001234\"}", "k-ill-1"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(409);
        var error = body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(error.path("message").asText()).contains("Không thể").contains(d.code().value());
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.version()).isEqualTo(d.version());
        assertThat(stored.state()).isEqualTo(DossierState.IN_PROCESS);

        // By post only for a dossier whose result goes by post.
        var atDesk = resultReady(ResultReturn.atDesk());
        var byPost = invoke(action(atDesk, "returned", null, "k-ill-2"));
        assertThat(byPost.path("statusCode").asInt()).isEqualTo(409);
        assertThat(repository.find(atDesk.code()).orElseThrow().version()).isEqualTo(atDesk.version());
    }

    @Test
    void a_double_click_with_one_key_applies_once_and_answers_the_same_dossier() {
        var d = supplementRequested();
        var first = invoke(action(d, "supplement-received", null, "k-double"));
        var second = invoke(action(d, "supplement-received", null, "k-double"));
        assertThat(first.path("statusCode").asInt()).isEqualTo(200);
        assertThat(second.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(second).path("replayed").asBoolean()).isTrue();
        assertThat(body(second).path("dossier").path("appointment")).isEqualTo(body(first).path("dossier").path("appointment"));
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.version()).isEqualTo(d.version() + 1);
        // The same job id both times: the router transfers once.
        assertThat(routingJobs()).filteredOn(j -> j.dossierCode().equals(d.code()))
                .extracting(RoutingJob::jobId).containsOnly("route-" + d.code().value() + "-resubmitted-1");

        // Without a key, the second click is a new event, which the lifecycle refuses: still applied once.
        var w = inProcess();
        var a = action(w, "withdrawal", "{\"reason\": \"Rút hồ sơ\"}", null);
        assertThat(invoke(a).path("statusCode").asInt()).isEqualTo(200);
        var again = action(w, "withdrawal", "{\"reason\": \"Rút hồ sơ\"}", null);
        ((ObjectNode) again.path("requestContext")).put("requestId", "another-request");
        assertThat(invoke(again).path("statusCode").asInt()).isEqualTo(409);
        assertThat(repository.find(w.code()).orElseThrow().version()).isEqualTo(w.version() + 1);
    }

    @Test
    void bad_input_is_400_naming_the_field_and_an_unknown_dossier_404() {
        var d = resultReady(ResultReturn.byPost(Receipts.POSTAL_ADDRESS));
        assertProblem(invoke(action(d, "returned", "{\"method\": \"fax\"}", "k-bad")), 400, "INVALID_RETURN_METHOD", "method");
        assertProblem(invoke(action(d, "returned", "{\"method\": \"by_post\"}", "k-bad")), 400, "TRACKING_NUMBER_REQUIRED", "trackingNumber");
        assertProblem(invoke(action(d, "returned", "{\"method\": \"by_post\", \"trackingNumber\": \"<b>x</b>\"}", "k-bad")), 400,
                "INVALID_TRACKING_NUMBER", "trackingNumber");
        assertProblem(invoke(action(d, "returned", "{\"method\": 3}", "k-bad")), 400, "INVALID_FIELD_TYPE", "method");
        assertThat(invoke(action(d, "returned", "{\"method\": ", "k-bad")).path("statusCode").asInt()).isEqualTo(400);
        assertProblem(invoke(action(d, "withdrawal", "{\"reason\": \"  \"}", "k-bad")), 400, "REASON_REQUIRED", "reason");
        assertProblem(invoke(action(d, "withdrawal", "{}", "k-bad")), 400, "REASON_REQUIRED", "reason");
        assertProblem(invoke(action(d, "fee-paid", null, "bad key with spaces")), 400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key");
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(d.version());

        var unknown = action(d, "delivered", null, "k-404");
        ((ObjectNode) unknown.path("pathParameters")).put("code", "000.00.92.H48-200302-0999");
        assertProblem(invoke(unknown), 404, "DOSSIER_NOT_FOUND", "code");
        var malformed = action(d, "delivered", null, "k-404");
        ((ObjectNode) malformed.path("pathParameters")).put("code", "../../etc/passwd");
        assertProblem(invoke(malformed), 400, "INVALID_DOSSIER_CODE", "code");
    }

    @Test
    void without_a_token_401_and_for_the_office_group_403() {
        var d = inProcess();
        var anonymous = action(d, "withdrawal", "{\"reason\": \"x\"}", "k-auth");
        ((ObjectNode) anonymous.path("requestContext")).remove("authorizer");
        assertThat(invoke(anonymous).path("statusCode").asInt()).isEqualTo(401);
        var office = action(d, "withdrawal", "{\"reason\": \"x\"}", "k-auth");
        ((ObjectNode) office.path("requestContext").path("authorizer").path("jwt").path("claims")).put("cognito:groups", "[office]");
        assertThat(invoke(office).path("statusCode").asInt()).isEqualTo(403);
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(d.version());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void assertProblem(JsonNode answer, int status, String code, String field) {
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(status);
        var error = body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("fields").findValuesAsText("field")).contains(field);
    }

    /** The event file for {@code action} on {@code d}; a null body keeps the file's, a null key removes the header. */
    private static ObjectNode action(Dossier d, String action, String body, String key) {
        var e = event("desk-action-post.json");
        String code = d.code().value();
        String route = "POST /dossiers/{code}/" + action;
        e.put("routeKey", route);
        ((ObjectNode) e.path("requestContext")).put("routeKey", route);
        e.put("rawPath", "/dossiers/" + code + "/" + action);
        ((ObjectNode) e.path("requestContext").path("http")).put("path", "/dossiers/" + code + "/" + action);
        ((ObjectNode) e.path("pathParameters")).put("code", code);
        if (body != null) e.put("body", body);
        var headers = (ObjectNode) e.path("headers");
        if (key == null) headers.remove("idempotency-key");
        else headers.put("idempotency-key", key);
        return e;
    }

    private List<RoutingJob> routingJobs() {
        List<RoutingJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl("RoutingQueue")).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (var m : messages) {
                try {
                    jobs.add(RoutingJob.parse(m.body()));
                } catch (Exception ex) {
                    throw new AssertionError(ex);
                }
                aws.sqs().deleteMessage(r -> r.queueUrl(aws.queueUrl("RoutingQueue")).receiptHandle(m.receiptHandle()));
            }
            if (messages.isEmpty() && !jobs.isEmpty()) break;
        }
        return jobs;
    }

    static ObjectNode event(String file) { return LambdaEvents.load(file); }

    private JsonNode invoke(JsonNode event) { return invoke(handler, event); }

    private static JsonNode invoke(DeskActionsHandler handler, JsonNode event) { return LambdaEvents.invoke(handler, event); }

    private static JsonNode body(JsonNode answer) { return LambdaEvents.body(answer); }
}
