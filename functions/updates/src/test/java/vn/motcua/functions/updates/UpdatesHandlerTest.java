package vn.motcua.functions.updates;

import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.aws.Environment;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.departments.UpdateApplier;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.DocumentAttached;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.store.DepartmentRejection;
import vn.motcua.store.DepartmentRejections;
import vn.motcua.store.DossierRepository;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The updates function through events/department-updates-queue.json against this class's own
 * table and notification queue. Each test receives its own dossiers, and rewrites the sample's
 * records to carry them; "now" is Thursday 5 March 2020, 10:20 in Vietnam.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdatesHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final String KHCN = "so-khoa-hoc-cong-nghe", GDDT = "so-giao-duc-dao-tao";
    private static final String KHCN_PROCEDURE = "1.000173";
    private static final String SAMPLE_CODE = "000.00.92.H48-200302-0007";
    private static final Instant NOW = Instant.ofEpochSecond(1583378400L);

    private TestStack aws;
    private DossierRepository repository;
    private DepartmentRejections rejections;
    private Receipts receipts;
    private UpdatesHandler handler;
    private final List<NotificationJob> notices = new ArrayList<>();
    private final AtomicInteger seq = new AtomicInteger(100);

    @BeforeAll
    void world(TestStack aws) {
        this.aws = aws;
        var tables = SeededTables.publish(aws);
        repository = tables.dossiers();
        rejections = tables.rejections();
        receipts = tables.receipts();
        handler = handler(NotificationQueue.sqs(aws.sqs(), aws.queueUrl("NotificationQueue")));
    }

    private UpdatesHandler handler(NotificationQueue notifications) {
        return new UpdatesHandler(new UpdateApplier(repository, rejections, notifications, Clock.fixed(NOW, ZoneOffset.UTC),
                Lifecycle.standard()));
    }

    // ---- the world ------------------------------------------------------------------------------

    /** A KHCN dossier received Monday 2 March, due Monday 16 March, transferred. */
    private Dossier transferred(int sequence) {
        var d = receipts.receive(KHCN_PROCEDURE, sequence, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        return receipts.apply(d, new Transferred(id(), ROUTER, vn(2020, 3, 2, 10, 0), d.agencyId()));
    }

    private Dossier transferred() { return transferred(seq.incrementAndGet()); }

    private Dossier inProcess() {
        var d = transferred();
        return receipts.apply(d, new Accepted(id(), officerOf(d), vn(2020, 3, 2, 15, 10)));
    }

    // ---- messages -------------------------------------------------------------------------------

    /** Sample record {@code index} (0 accepted, 1 supplement, 2 fee, 3 delayed, 4 result refused), about {@code d}, from {@code agency}. */
    private static ObjectNode record(int index, Dossier d, String agency) {
        var r = (ObjectNode) LambdaEvents.load("department-updates-queue.json").path("Records").get(index).deepCopy();
        r.put("body", r.path("body").asText().replace(SAMPLE_CODE, d.code().value()));
        ((ObjectNode) r.path("messageAttributes").path("agencyId")).put("stringValue", agency);
        r.put("messageId", id());
        return r;
    }

    /** A record about {@code d} with this answer JSON and message id. */
    private static ObjectNode record(Dossier d, String agency, String messageId, String answer) {
        var r = record(0, d, agency);
        r.put("body", "{\"messageId\":\"" + messageId + "\",\"dossierCode\":\"" + d.code().value()
                + "\",\"sentAt\":\"2020-03-05T10:19:00+07:00\"," + answer + "}");
        return r;
    }

    private static ObjectNode batch(ObjectNode... records) {
        var event = LambdaEvents.load("department-updates-queue.json");
        ArrayNode list = event.putArray("Records");
        for (var r : records) list.add(r);
        return event;
    }

    private JsonNode invoke(ObjectNode event) { return LambdaEvents.invoke(handler, event); }

    private static List<String> failures(JsonNode answer) {
        var out = new ArrayList<String>();
        answer.path("batchItemFailures").forEach(f -> out.add(f.path("itemIdentifier").asText()));
        return out;
    }

    private List<NotificationJob> noticesFor(Dossier d) {
        String url = aws.queueUrl("NotificationQueue");
        for (int empty = 0; empty < 2; ) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) { empty++; continue; }
            for (var m : messages) {
                try {
                    notices.add(NotificationJob.parse(m.body()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return notices.stream().filter(n -> n.dossierCode().equals(d.code())).toList();
    }

    private List<DepartmentRejection> rejectionsFor(Dossier d) {
        return rejections.between(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31), 100).stream()
                .filter(r -> r.dossierCode().orElse("").equals(d.code().value())).toList();
    }

    private Dossier stored(Dossier d) { return repository.find(d.code()).orElseThrow(); }

    // ---- applied --------------------------------------------------------------------------------

    @Test
    void the_sample_batch_applies_what_the_lifecycle_allows_and_records_the_rest_after_the_last_try() {
        var d = transferred(7); // the sample's own dossier
        assertThat(d.code().value()).isEqualTo(SAMPLE_CODE);
        var sample = LambdaEvents.load("department-updates-queue.json");
        var answer = invoke(sample);
        // accepted -> IN_PROCESS; supplement -> SUPPLEMENT_REQUESTED; fee, delay and result make no sense
        // while the supplement is awaited, but might be updates that overtook another: tried again.
        var late = List.of("e59a6c42-bd85-5e7b-a4d7-52a6de3c841c", "07e3fbeb-cd11-5532-a8da-6f70d4dece04", "e159be7f-f021-5756-9e4a-c9357f1d5cbe");
        assertThat(failures(answer)).containsExactlyElementsOf(late);
        assertThat(rejectionsFor(d)).isEmpty();
        // Their last try: refused for good, recorded, and not sent back to the queue.
        var lastTry = batch(late.stream().map(id -> delivery(sample, id, UpdateApplier.OUT_OF_ORDER_ATTEMPTS)).toArray(ObjectNode[]::new));
        assertThat(failures(invoke(lastTry))).isEmpty();

        var after = stored(d);
        assertThat(after.state()).isEqualTo(DossierState.SUPPLEMENT_REQUESTED);
        assertThat(after.history()).extracting(h -> h.kind()).containsExactly(
                EventKind.RECEIVED, EventKind.TRANSFERRED, EventKind.ACCEPTED, EventKind.SUPPLEMENT_REQUESTED);
        assertThat(after.wasApplied("department:" + KHCN + ":skhcn-2020-000398")).isTrue();
        assertThat(rejectionsFor(d)).extracting(DepartmentRejection::messageId).containsExactlyInAnyOrder(
                Optional.of("skhcn-2020-000430"), Optional.of("skhcn-2020-000441"), Optional.of("skhcn-2020-000455"));
        assertThat(rejectionsFor(d)).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo("ILLEGAL_TRANSITION");
            assertThat(r.stage()).isEqualTo(DepartmentRejection.Stage.APPLY);
            assertThat(r.agencyId()).isEqualTo(KHCN);
        });
        assertThat(noticesFor(d)).extracting(NotificationJob::eventKind)
                .containsExactly(NotificationJob.Kind.ACCEPTED, NotificationJob.Kind.SUPPLEMENT_REQUESTED);
    }

    @Test
    void a_result_that_overtook_its_acceptance_is_applied_on_its_next_delivery() {
        var d = transferred();
        var result = record(d, KHCN, "fast-result", "\"resultReady\":{\"outcome\":\"approved\"}");
        var accepted = record(0, d, KHCN);
        assertThat(failures(invoke(batch(result, accepted)))).containsExactly(result.path("messageId").asText());
        assertThat(stored(d).state()).isEqualTo(DossierState.IN_PROCESS);
        assertThat(failures(invoke(batch(receiveCount(result, 2))))).isEmpty();
        assertThat(stored(d).state()).isEqualTo(DossierState.RESULT_READY);
        assertThat(rejectionsFor(d)).isEmpty();
    }

    /** The record of {@code event} with this SQS message id, delivered for the {@code count}th time. */
    private static ObjectNode delivery(JsonNode event, String messageId, int count) {
        for (var r : event.path("Records")) {
            if (r.path("messageId").asText().equals(messageId)) return receiveCount((ObjectNode) r.deepCopy(), count);
        }
        throw new AssertionError("no record " + messageId);
    }

    private static ObjectNode receiveCount(ObjectNode record, int count) {
        var copy = record.deepCopy();
        ((ObjectNode) copy.path("attributes")).put("ApproximateReceiveCount", Integer.toString(count));
        return copy;
    }

    @Test
    void each_answer_moves_the_dossier_and_queues_its_notice() {
        var fee = inProcess();
        var delay = inProcess();
        var approve = inProcess();
        var refuse = inProcess();
        var answer = invoke(batch(record(2, fee, KHCN), record(3, delay, KHCN),
                record(approve, KHCN, "ok-1", "\"resultReady\":{\"outcome\":\"approved\",\"documents\":[\"SKHCN/2020/CC-1\"]}"),
                record(4, refuse, KHCN)));
        assertThat(failures(answer)).isEmpty();

        assertThat(stored(fee).state()).isEqualTo(DossierState.FEE_REQUESTED);
        assertThat(stored(fee).fee().orElseThrow().amountVnd()).isEqualTo(200_000);
        // Announced Thursday 5 March, before the due date (16 March): the appointment moves to 25 March.
        assertThat(stored(delay).state()).isEqualTo(DossierState.IN_PROCESS);
        assertThat(stored(delay).appointment().orElseThrow().current()).isEqualTo(LocalDate.of(2020, 3, 25));
        assertThat(stored(approve).state()).isEqualTo(DossierState.RESULT_READY);
        assertThat(stored(approve).outcome().orElseThrow()).isEqualTo(new Outcome.Approved(List.of("SKHCN/2020/CC-1")));
        assertThat(stored(refuse).outcome().orElseThrow()).isInstanceOf(Outcome.Refused.class);

        assertThat(noticesFor(fee)).extracting(NotificationJob::eventKind).containsExactly(NotificationJob.Kind.FEE_REQUESTED);
        assertThat(noticesFor(delay)).extracting(NotificationJob::eventKind).containsExactly(NotificationJob.Kind.DELAYED);
        assertThat(noticesFor(approve)).extracting(NotificationJob::eventKind).containsExactly(NotificationJob.Kind.RESULT_READY);
        assertThat(noticesFor(refuse)).singleElement().satisfies(n -> {
            assertThat(n.eventKind()).isEqualTo(NotificationJob.Kind.REFUSED);
            assertThat(n.eventId()).isEqualTo("department:" + KHCN + ":skhcn-2020-000455");
        });
    }

    @Test
    void the_time_of_an_event_is_when_the_endpoint_received_it_not_the_departments_sentAt() {
        var d = transferred();
        var r = record(0, d, KHCN);
        r.set("messageAttributes", r.path("messageAttributes").deepCopy());
        ((ObjectNode) r.path("messageAttributes")).putObject("receivedAt").put("stringValue", "2020-03-03T01:00:00Z").put("dataType", "String");
        assertThat(failures(invoke(batch(r)))).isEmpty();
        assertThat(stored(d).history().get(2).at()).isEqualTo(Instant.parse("2020-03-03T01:00:00Z"));
    }

    // ---- duplicates and races -------------------------------------------------------------------

    @Test
    void a_duplicate_delivery_changes_nothing_the_second_time() {
        var d = transferred();
        var r = record(0, d, KHCN);
        assertThat(failures(invoke(batch(r)))).isEmpty();
        var once = stored(d);
        var again = r.deepCopy().put("messageId", id()); // SQS redelivers with a new receipt; the body is the same
        assertThat(failures(invoke(batch(again, r)))).isEmpty();
        var twice = stored(d);
        assertThat(twice.version()).isEqualTo(once.version());
        assertThat(twice.history()).hasSameSizeAs(once.history());
        // The notice is queued again (the first delivery could have died before sending it): one idempotency key.
        assertThat(noticesFor(d)).extracting(NotificationJob::idempotencyKey).containsOnly(d.code().value() + "/department:" + KHCN + ":skhcn-2020-000398");
    }

    @Test
    void an_update_racing_with_a_desk_change_on_the_same_dossier_loses_neither() throws Exception {
        for (int round = 0; round < 5; round++) {
            var d = inProcess();
            var delay = record(3, d, KHCN);
            var desk = CompletableFuture.runAsync(() -> receipts.apply(d, new DocumentAttached(id(), Receipts.CLERK, vn(2020, 3, 5, 10, 0),
                    new DossierDocument("Bản sao chứng thực", "dossiers/" + d.code().value() + "/doc.pdf", 1024,
                            "sha256:" + "0".repeat(64), Receipts.CLERK, vn(2020, 3, 5, 10, 0)))));
            var department = CompletableFuture.supplyAsync(() -> invoke(batch(delay)));
            desk.get();
            assertThat(failures(department.get())).isEmpty();
            assertThat(stored(d).history()).extracting(h -> h.kind()).contains(EventKind.DOCUMENT_ATTACHED, EventKind.DELAYED);
        }
    }

    // ---- refused, without retry loops -----------------------------------------------------------

    @Test
    void another_departments_dossier_is_refused_and_recorded_and_not_retried() {
        var d = inProcess(); // KHCN's, answered by GDDT
        var answer = invoke(batch(record(d, GDDT, "gd-1", "\"resultReady\":{\"outcome\":\"approved\"}")));
        assertThat(failures(answer)).isEmpty();
        assertThat(stored(d).version()).isEqualTo(d.version());
        assertThat(rejectionsFor(d)).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("WRONG_AGENCY");
            assertThat(r.agencyId()).isEqualTo(GDDT);
        });
        assertThat(noticesFor(d)).isEmpty();
    }

    @Test
    void an_unknown_dossier_or_a_body_that_is_not_an_update_is_recorded_and_not_retried() {
        var d = inProcess();
        var ghost = record(0, d, KHCN);
        ghost.put("body", ghost.path("body").asText().replace(d.code().value(), "000.00.92.H48-200302-9990"));
        var garbage = record(0, d, KHCN).put("body", "{\"messageId\":\"x\"}");
        var answer = invoke(batch(ghost, garbage));
        assertThat(failures(answer)).isEmpty();
        var all = rejections.between(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31), 100);
        assertThat(all).anySatisfy(r -> assertThat(r.dossierCode()).contains("000.00.92.H48-200302-9990"));
        assertThat(all).anySatisfy(r -> {
            assertThat(r.code()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(r.requestId()).contains(garbage.path("messageId").asText());
        });
        assertThat(stored(d).version()).isEqualTo(d.version());
    }

    // ---- failures -------------------------------------------------------------------------------

    @Test
    void a_poison_message_fails_alone_and_the_rest_of_the_batch_is_applied() {
        var a = transferred();
        var b = transferred();
        var poison = record(0, a, KHCN);
        ((ObjectNode) poison).remove("messageAttributes"); // did not come through the endpoint: no agency
        var good = record(0, b, KHCN);
        var answer = invoke(batch(poison, good));
        assertThat(failures(answer)).containsExactly(poison.path("messageId").asText());
        assertThat(stored(a).state()).isEqualTo(DossierState.TRANSFERRED);
        assertThat(stored(b).state()).isEqualTo(DossierState.IN_PROCESS);
    }

    @Test
    void when_the_notification_queue_fails_the_message_is_retried_and_then_applied_once_with_its_notice() {
        var d = transferred();
        var r = record(0, d, KHCN);
        var down = handler(job -> { throw new IllegalStateException("notification queue down"); });
        assertThat(failures(LambdaEvents.invoke(down, batch(r)))).containsExactly(r.path("messageId").asText());
        assertThat(stored(d).state()).isEqualTo(DossierState.IN_PROCESS); // applied; only the notice is missing
        assertThat(noticesFor(d)).isEmpty();

        assertThat(failures(invoke(batch(r)))).isEmpty(); // the redelivery
        assertThat(stored(d).history()).filteredOn(h -> h.kind() == EventKind.ACCEPTED).hasSize(1);
        assertThat(noticesFor(d)).extracting(NotificationJob::eventKind).containsExactly(NotificationJob.Kind.ACCEPTED);
    }

    @Test
    void built_from_the_template_environment_it_applies_and_notifies() {
        Environment.useForLocalRun(aws.environmentFor("UpdatesFunction"));
        try {
            var d = transferred();
            assertThat(failures(LambdaEvents.invoke(new UpdatesHandler(), batch(record(0, d, KHCN))))).isEmpty();
            assertThat(stored(d).state()).isEqualTo(DossierState.IN_PROCESS);
            assertThat(noticesFor(d)).hasSize(1);
        } finally {
            Environment.clearLocalRun();
        }
    }
}
