package vn.motcua.functions.departmentupdates;

import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;
import vn.motcua.aws.Environment;
import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.RequestSignature;
import vn.motcua.departments.UpdateInbox;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.DepartmentMessages;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The updates endpoint through events/department-update-post.json against this class's own table
 * and updates queue, with the dev department secrets the template passes locally. "Now" is the
 * sample's request time, Thursday 5 March 2020, 10:20 in Vietnam. Every refusal is checked three
 * ways: the answer (status, code), the record an operator reads, and nothing queued or changed.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentUpdatesHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final String KHCN = "so-khoa-hoc-cong-nghe", GDDT = "so-giao-duc-dao-tao";
    private static final String KHCN_PROCEDURE = "1.000173", GDDT_PROCEDURE = "2.001914";
    private static final Instant NOW = Instant.ofEpochSecond(1583378400L);

    private TestStack aws;
    private DossierRepository repository;
    private DepartmentRejections rejections;
    private DepartmentSecrets secrets;
    private Receipts receipts;
    private DepartmentUpdatesHandler handler;
    private final List<Message> queued = new ArrayList<>();
    private final AtomicInteger seq = new AtomicInteger(100);
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    void world(TestStack aws) {
        this.aws = aws;
        var tables = SeededTables.publish(aws);
        repository = tables.dossiers();
        rejections = tables.rejections();
        receipts = tables.receipts();
        // The very setting the template gives the function locally.
        secrets = DepartmentSecrets.fromSetting(aws.environmentFor("DepartmentUpdatesFunction").get("DEPARTMENT_SECRETS"),
                () -> tables.reference().current().catalog(), () -> { throw new AssertionError("no SSM locally"); });
        handler = handler(UpdatesQueue.sqs(aws.sqs(), aws.queueUrl("DepartmentUpdatesQueue")));
    }

    private DepartmentUpdatesHandler handler(UpdatesQueue queue) {
        return new DepartmentUpdatesHandler(new UpdateInbox(secrets, repository,
                new DepartmentMessages(aws.dynamoDb(), aws.table("DossierTable")), rejections, queue,
                Clock.fixed(NOW, ZoneOffset.UTC), Lifecycle.standard()));
    }

    @AfterEach
    void drain() { queued.addAll(receiveAll()); }

    // ---- the world ------------------------------------------------------------------------------

    /** A radiation worker certificate dossier received Monday 2 March, transferred to KHCN. */
    private Dossier transferred(int sequence) {
        var d = receipts.receive(KHCN_PROCEDURE, sequence, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        return receipts.apply(d, new Transferred(id(), ROUTER, vn(2020, 3, 2, 10, 0), d.agencyId()));
    }

    private Dossier inProcess(int sequence) {
        var d = transferred(sequence);
        return receipts.apply(d, new Accepted(id(), officerOf(d), vn(2020, 3, 2, 15, 10)));
    }

    private Dossier inProcess() { return inProcess(seq.incrementAndGet()); }

    // ---- requests -------------------------------------------------------------------------------

    /** The sample request with this path agency, body and headers; a fresh request id each time. */
    private ObjectNode request(String pathAgency, String body, String timestamp, String signature) {
        var event = LambdaEvents.load("department-update-post.json");
        event.put("rawPath", "/departments/" + pathAgency + "/updates");
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/departments/" + pathAgency + "/updates");
        ((ObjectNode) event.path("requestContext")).put("requestId", "req-" + requests.incrementAndGet());
        ((ObjectNode) event.path("pathParameters")).put("agencyId", pathAgency);
        var headers = (ObjectNode) event.path("headers");
        headers.remove(List.of("x-motcua-timestamp", "x-motcua-signature", "content-length"));
        if (timestamp != null) headers.put("x-motcua-timestamp", timestamp);
        if (signature != null) headers.put("x-motcua-signature", signature);
        event.put("body", body);
        return event;
    }

    /** Signed by {@code signer}'s secret at {@code at}, sent to {@code pathAgency}'s path. */
    private ObjectNode signed(String pathAgency, String signer, String body, Instant at) {
        long t = at.getEpochSecond();
        return request(pathAgency, body, Long.toString(t), RequestSignature.sign(secrets.secretOf(signer).orElseThrow(), t, body));
    }

    private ObjectNode signed(String agency, String body) { return signed(agency, agency, body, NOW); }

    private static String update(String messageId, Dossier d, String answer) {
        return "{\"messageId\":\"" + messageId + "\",\"dossierCode\":\"" + d.code().value()
                + "\",\"sentAt\":\"2020-03-05T10:19:58+07:00\"," + answer + "}";
    }

    private JsonNode invoke(ObjectNode event) { return LambdaEvents.invoke(handler, event); }

    private List<Message> receiveAll() {
        var out = new ArrayList<Message>();
        String url = aws.queueUrl("DepartmentUpdatesQueue");
        for (int empty = 0; empty < 2; ) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) { empty++; continue; }
            for (var m : messages) {
                out.add(m);
                aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return out;
    }

    private List<Message> queuedFor(Dossier d) {
        queued.addAll(receiveAll());
        return queued.stream().filter(m -> m.body().contains(d.code().value())).toList();
    }

    private List<DepartmentRejection> rejectionsFor(String requestId) {
        return rejections.between(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31), 100).stream()
                .filter(r -> r.requestId().orElse("").equals(requestId)).toList();
    }

    /**
     * The refusal: status and code answered, recorded for the operator when the call was signed with a department's
     * key (a 401 is not: nothing written), nothing queued, the dossier as it was.
     */
    private void assertRefused(ObjectNode event, Dossier d, int status, String code) {
        var answer = invoke(event);
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(status);
        var error = LambdaEvents.body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        String requestId = event.path("requestContext").path("requestId").asText();
        if (status == 401) {
            // issue 16: a call nobody signed (or for an agency without a key) writes nothing, a metric and a log line only
            assertThat(rejectionsFor(requestId)).isEmpty();
        } else {
            assertThat(rejectionsFor(requestId)).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo(code);
                assertThat(r.stage()).isEqualTo(DepartmentRejection.Stage.ENDPOINT);
                assertThat(r.at()).isEqualTo(NOW);
            });
        }
        if (d != null) {
            assertThat(queuedFor(d)).isEmpty();
            var stored = repository.find(d.code()).orElseThrow();
            assertThat(stored.version()).isEqualTo(d.version());
            assertThat(stored.state()).isEqualTo(d.state());
        }
    }

    // ---- accepted -------------------------------------------------------------------------------

    @Test
    void the_sample_request_is_signed_with_the_dev_secret_and_is_queued_with_the_agency_from_the_key() {
        var d = inProcess(7); // 000.00.92.H48-200302-0007, the sample's dossier
        assertThat(d.code().value()).isEqualTo("000.00.92.H48-200302-0007");
        var answer = invoke(LambdaEvents.load("department-update-post.json"));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(202);
        var body = LambdaEvents.body(answer);
        assertThat(body.path("status").asText()).isEqualTo("queued");
        assertThat(body.path("messageId").asText()).isEqualTo("skhcn-2020-000412");
        assertThat(body.path("receivedAt").asText()).isEqualTo(NOW.toString());

        var sampleBody = LambdaEvents.load("department-update-post.json").path("body").asText();
        assertThat(queuedFor(d)).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(sampleBody); // as signed, byte for byte
            assertThat(m.messageAttributes().get(DepartmentUpdate.AGENCY_ATTRIBUTE).stringValue()).isEqualTo(KHCN);
            assertThat(m.messageAttributes().get(UpdatesQueue.RECEIVED_AT_ATTRIBUTE).stringValue()).isEqualTo(NOW.toString());
        });
        // The endpoint only queues: the dossier is unchanged until the updates function applies it.
        assertThat(repository.find(d.code()).orElseThrow().state()).isEqualTo(DossierState.IN_PROCESS);
    }

    @Test
    void built_from_the_template_environment_it_queues_a_request_signed_now() {
        Environment.useForLocalRun(aws.environmentFor("DepartmentUpdatesFunction"));
        try {
            var real = new DepartmentUpdatesHandler();
            var d = inProcess();
            // Another department's dossier: refused after the secret, the signature and the table were read.
            var answer = LambdaEvents.invoke(real, signed(GDDT, GDDT, update("env-1", d, "\"accepted\":{}"), Instant.now()));
            assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(403);
            assertThat(LambdaEvents.body(answer).path("error").path("code").asText()).isEqualTo("WRONG_AGENCY");
            var accepted = update("env-2", transferred(seq.incrementAndGet()), "\"accepted\":{}");
            var ok = LambdaEvents.invoke(real, signed(KHCN, KHCN, accepted, Instant.now()));
            assertThat(ok.path("statusCode").asInt()).as(ok.toString()).isEqualTo(202);
        } finally {
            Environment.clearLocalRun();
        }
    }

    @Test
    void each_kind_of_answer_is_queued() {
        var d = inProcess();
        for (var answer : List.of("\"supplementRequired\":{\"items\":[\"Bản sao chứng thực\"],\"reason\":\"Bản chụp\"}",
                "\"feeRequired\":{\"amountVnd\":200000}", "\"resultReady\":{\"outcome\":\"approved\",\"documents\":[]}",
                "\"resultReady\":{\"outcome\":\"refused\",\"reasons\":[\"Chưa đủ điều kiện\"]}",
                "\"delayed\":{\"reason\":\"Cần xác minh\",\"newAppointment\":\"2020-03-25\"}")) {
            var r = invoke(signed(KHCN, update("kind-" + answer.hashCode(), d, answer)));
            assertThat(r.path("statusCode").asInt()).as(answer + " " + r).isEqualTo(202);
        }
        assertThat(queuedFor(d)).hasSize(5);
    }

    // ---- refused --------------------------------------------------------------------------------

    @Test
    void a_bad_signature_is_401() {
        var d = inProcess();
        var event = signed(KHCN, update("bad-sig", d, "\"accepted\":{}"));
        var tampered = update("bad-sig", d, "\"resultReady\":{\"outcome\":\"approved\"}");
        event.put("body", tampered); // signed for another body
        assertRefused(event, d, 401, "BAD_SIGNATURE");
    }

    @Test
    void a_request_signed_with_another_departments_key_is_401() {
        var d = inProcess();
        assertRefused(signed(KHCN, GDDT, update("other-key", d, "\"accepted\":{}"), NOW), d, 401, "BAD_SIGNATURE");
    }

    @Test
    void a_stale_or_future_timestamp_is_401() {
        var d = inProcess();
        assertRefused(signed(KHCN, KHCN, update("stale", d, "\"accepted\":{}"), NOW.minusSeconds(301)), d, 401, "STALE_TIMESTAMP");
        assertRefused(signed(KHCN, KHCN, update("future", d, "\"accepted\":{}"), NOW.plusSeconds(301)), d, 401, "STALE_TIMESTAMP");
        var within = invoke(signed(KHCN, KHCN, update("within", d, "\"feeRequired\":{\"amountVnd\":1}"), NOW.minusSeconds(299)));
        assertThat(within.path("statusCode").asInt()).isEqualTo(202);
    }

    @Test
    void missing_or_malformed_signature_headers_are_401() {
        var d = inProcess();
        var body = update("unsigned", d, "\"accepted\":{}");
        assertRefused(request(KHCN, body, null, null), d, 401, "MISSING_SIGNATURE");
        assertRefused(request(KHCN, body, Long.toString(NOW.getEpochSecond()), "sha256=abc"), d, 401, "MALFORMED_SIGNATURE");
        assertRefused(request(KHCN, body, "yesterday", "v1=00"), d, 401, "MALFORMED_SIGNATURE");
    }

    @Test
    void an_unknown_agency_is_401() {
        var d = inProcess();
        assertRefused(signed("so-khong-co", KHCN, update("unknown", d, "\"accepted\":{}"), NOW), d, 401, "UNKNOWN_AGENCY");
        assertRefused(request("../etc", update("weird", d, "\"accepted\":{}"), "1", "v1=00"), d, 401, "UNKNOWN_AGENCY");
    }

    @Test
    void another_departments_dossier_is_403() {
        var d = inProcess(); // a KHCN dossier, answered by GDDT with its own valid key
        assertRefused(signed(GDDT, update("not-mine", d, "\"resultReady\":{\"outcome\":\"approved\"}")), d, 403, "WRONG_AGENCY");
    }

    @Test
    void an_unknown_dossier_is_404() {
        var ghost = receipts.receive(GDDT_PROCEDURE, 9999, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 3));
        String body = update("ghost", ghost, "\"accepted\":{}").replace(ghost.code().value(), "000.00.92.H48-200302-9998");
        var answer = invoke(signed(KHCN, body));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(404);
        assertThat(LambdaEvents.body(answer).path("error").path("code").asText()).isEqualTo("UNKNOWN_DOSSIER");
    }

    @Test
    void a_move_the_dossiers_state_does_not_allow_yet_is_queued_for_the_updates_function_to_judge() {
        // "accepted" may still be on the queue when "result ready" arrives: the endpoint cannot know.
        var d = transferred(seq.incrementAndGet());
        var answer = invoke(signed(KHCN, update("too-soon", d, "\"resultReady\":{\"outcome\":\"approved\"}")));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(202);
        assertThat(queuedFor(d)).hasSize(1);
        assertThat(repository.find(d.code()).orElseThrow().state()).isEqualTo(DossierState.TRANSFERRED);
    }

    @Test
    void a_schema_violation_is_422_naming_the_field_and_malformed_json_is_400() {
        var d = inProcess();
        var withAgency = update("schema-1", d, "\"accepted\":{}").replace("{\"messageId\"", "{\"agencyId\":\"" + KHCN + "\",\"messageId\"");
        assertRefused(signed(KHCN, withAgency), d, 422, "SCHEMA_VIOLATION");
        assertRefused(signed(KHCN, update("schema-2", d, "\"accepted\":{},\"delayed\":{\"reason\":\"x\",\"newAppointment\":\"2020-03-20\"}")),
                d, 422, "SCHEMA_VIOLATION");
        var noReason = invoke(signed(KHCN, update("schema-3", d, "\"resultReady\":{\"outcome\":\"refused\"}")));
        assertThat(LambdaEvents.body(noReason).path("error").path("fields").toString()).contains("resultReady.reasons");
        assertRefused(signed(KHCN, "{\"messageId\": "), d, 400, "MALFORMED_JSON");
    }

    @Test
    void a_replayed_message_is_409_and_a_reused_id_is_409_and_neither_is_queued_again() {
        var d = inProcess();
        var body = update("replay-1", d, "\"feeRequired\":{\"amountVnd\":50000}");
        assertThat(invoke(signed(KHCN, body)).path("statusCode").asInt()).isEqualTo(202);
        assertThat(queuedFor(d)).hasSize(1);
        // The same signed request again (a replay), then the same id with another body.
        assertRefused(signed(KHCN, body), null, 409, "DUPLICATE_MESSAGE");
        assertRefused(signed(KHCN, update("replay-1", d, "\"feeRequired\":{\"amountVnd\":90000}")), null, 409, "MESSAGE_ID_REUSED");
        assertThat(queuedFor(d)).hasSize(1);
        // Another department may use the same message id for its own dossier.
        var g = receipts.receive(GDDT_PROCEDURE, seq.incrementAndGet(), vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 3));
        g = receipts.apply(g, new Transferred(id(), ROUTER, vn(2020, 3, 2, 10, 0), g.agencyId()));
        assertThat(invoke(signed(GDDT, update("replay-1", g, "\"accepted\":{}"))).path("statusCode").asInt()).isEqualTo(202);
    }

    @Test
    void when_the_queue_fails_the_answer_is_500_and_the_departments_retry_is_queued_with_the_first_receipt_time() {
        var d = inProcess();
        var body = update("queue-down", d, "\"accepted\":{}".replace("accepted", "feeRequired").replace("{}", "{\"amountVnd\":1000}"));
        var failing = handler((agency, at, b) -> { throw new IllegalStateException("queue down"); });
        var first = LambdaEvents.invoke(failing, signed(KHCN, body));
        assertThat(first.path("statusCode").asInt()).isEqualTo(500);
        assertThat(queuedFor(d)).isEmpty();

        var retry = invoke(signed(KHCN, KHCN, body, NOW.plusSeconds(30)));
        assertThat(retry.path("statusCode").asInt()).as(retry.toString()).isEqualTo(202);
        assertThat(queuedFor(d)).singleElement().satisfies(m ->
                assertThat(m.messageAttributes().get(UpdatesQueue.RECEIVED_AT_ATTRIBUTE).stringValue()).isEqualTo(NOW.toString()));
        // Queued now: a third copy is a replay.
        assertThat(invoke(signed(KHCN, body)).path("statusCode").asInt()).isEqualTo(409);
    }

    // ---- status ---------------------------------------------------------------------------------

    /** {@code GET /departments/{agency}/updates/{messageId}} signed by {@code signer} (over the empty body). */
    private ObjectNode statusRequest(String agency, String signer, String messageId) {
        var event = signed(agency, signer, "", NOW);
        event.put("routeKey", "GET /departments/{agencyId}/updates/{messageId}");
        event.put("rawPath", "/departments/" + agency + "/updates/" + messageId);
        ((ObjectNode) event.path("requestContext").path("http")).put("method", "GET");
        ((ObjectNode) event.path("pathParameters")).put("messageId", messageId);
        event.remove("body");
        return event;
    }

    private JsonNode status(String agency, String messageId) {
        var answer = invoke(statusRequest(agency, agency, messageId));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        return LambdaEvents.body(answer);
    }

    /** The updates function's work on what this test queued, as the queue would hand it over. */
    private void applyQueued(Dossier d, int receiveCount) {
        var applier = new vn.motcua.departments.UpdateApplier(repository, rejections, job -> { }, Clock.fixed(NOW, ZoneOffset.UTC),
                Lifecycle.standard());
        for (var m : queuedFor(d)) {
            var attributes = new java.util.HashMap<String, String>();
            m.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
            try {
                applier.apply(m.body(), attributes, m.messageId(), receiveCount);
            } catch (vn.motcua.departments.UpdateApplier.OutOfOrder e) {
                // tried again later by the queue
            }
        }
        queued.removeAll(queuedFor(d));
    }

    @Test
    void a_department_asks_what_became_of_its_message_queued_then_applied_or_refused_and_why() {
        var d = transferred(seq.incrementAndGet());
        assertThat(invoke(signed(KHCN, update("st-accept", d, "\"accepted\":{}"))).path("statusCode").asInt()).isEqualTo(202);
        assertThat(status(KHCN, "st-accept").path("status").asText()).isEqualTo("queued");
        applyQueued(d, 1);
        var applied = status(KHCN, "st-accept");
        assertThat(applied.path("status").asText()).isEqualTo("applied");
        assertThat(applied.path("dossierCode").asText()).isEqualTo(d.code().value());

        // A second acceptance is illegal: after its last try it is refused, and the sender can read why.
        assertThat(invoke(signed(KHCN, update("st-again", d, "\"accepted\":{}"))).path("statusCode").asInt()).isEqualTo(202);
        applyQueued(d, vn.motcua.departments.UpdateApplier.OUT_OF_ORDER_ATTEMPTS);
        var refused = status(KHCN, "st-again");
        assertThat(refused.path("status").asText()).isEqualTo("refused");
        assertThat(refused.path("refusal").path("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(refused.path("refusal").path("message").asText()).contains("Đang giải quyết");
    }

    @Test
    void a_status_is_only_for_the_department_that_sent_the_message_and_only_signed() {
        var d = transferred(seq.incrementAndGet());
        invoke(signed(KHCN, update("st-mine", d, "\"accepted\":{}")));
        // GDDT, signed with its own key, asking about KHCN's message id: it has sent no such message.
        var other = invoke(statusRequest(GDDT, GDDT, "st-mine"));
        assertThat(other.path("statusCode").asInt()).isEqualTo(404);
        assertThat(LambdaEvents.body(other).path("error").path("code").asText()).isEqualTo("UNKNOWN_MESSAGE");
        assertThat(invoke(statusRequest(KHCN, GDDT, "st-mine")).path("statusCode").asInt()).isEqualTo(401);
        var unsigned = statusRequest(KHCN, KHCN, "st-mine");
        ((ObjectNode) unsigned.path("headers")).remove("x-motcua-signature");
        assertThat(invoke(unsigned).path("statusCode").asInt()).isEqualTo(401);
        assertThat(invoke(statusRequest(KHCN, KHCN, "never-sent")).path("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void the_record_of_a_refusal_holds_ids_and_words_only() {
        var d = inProcess();
        var event = signed(GDDT, update("record-1", d, "\"accepted\":{}"));
        invoke(event);
        var r = rejectionsFor(event.path("requestContext").path("requestId").asText()).get(0);
        assertThat(r.agencyId()).isEqualTo(GDDT);
        assertThat(r.messageId()).contains("record-1");
        assertThat(r.dossierCode()).contains(d.code().value());
        // The stored item, as an operator reads it: ids, the code and words, no personal data of the applicant.
        var item = aws.dynamoDb().getItem(g -> g.tableName(aws.table("DossierTable"))
                .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        "DEPARTMENT_REJECTION#endpoint:" + r.requestId().orElseThrow())))).item();
        assertThat(item.get("receivedMonth").s()).isEqualTo("DEPARTMENT_REJECTION#2020-03");
        assertThat(item.get("body").s()).contains("WRONG_AGENCY", "record-1", d.code().value())
                .doesNotContain(Receipts.NAME, Receipts.PHONE, Receipts.EMAIL, Receipts.ID_NUMBER);
    }

    /** Issue 16, finding 5: a correctly signed body that is not UTF-8 was answered BAD_SIGNATURE (decoded before the check). */
    @Test
    void a_signed_body_that_is_not_utf8_is_400_invalid_encoding() {
        var d = inProcess();
        byte[] body = (update("utf8", d, "\"accepted\":{}").replace("}", "") + ",\"x\":\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(body, body.length + 3);
        broken[body.length] = (byte) 0xC3;
        broken[body.length + 1] = '"';
        broken[body.length + 2] = '}';
        long t = NOW.getEpochSecond();
        var event = request(KHCN, "", Long.toString(t), RequestSignature.sign(secrets.secretOf(KHCN).orElseThrow(), t, broken));
        event.put("body", java.util.Base64.getEncoder().encodeToString(broken)).put("isBase64Encoded", true);

        var answer = invoke(event);

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        assertThat(LambdaEvents.body(answer).path("error").path("code").asText()).isEqualTo("INVALID_ENCODING");
        assertThat(queuedFor(d)).isEmpty();
    }

    /** Issue 16, finding 4: each department's own route (a literal path, throttled on its own) has no path parameter. */
    @Test
    void a_departments_own_route_reads_the_agency_from_the_path() {
        var d = inProcess();
        var event = signed(KHCN, update("own-route", d, "\"accepted\":{}"));
        ((ObjectNode) event.path("pathParameters")).remove("agencyId");
        event.put("routeKey", "POST /departments/" + KHCN + "/updates");

        assertThat(invoke(event).path("statusCode").asInt()).isEqualTo(202);
        assertThat(queuedFor(d)).hasSize(1);
    }
}
