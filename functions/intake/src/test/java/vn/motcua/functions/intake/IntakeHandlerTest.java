package vn.motcua.functions.intake;

import vn.motcua.local.seed.SeedData;
import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.desk.Desk;
import vn.motcua.desk.DeskService;
import vn.motcua.desk.LookupSecret;
import vn.motcua.desk.QrCode;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.Json;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.reference.CatalogFiles;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.ReferenceData;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /dossiers and POST /dossiers/refusals through their events in events/, against dynalite and
 * ElasticMQ, with the seed catalog and calendars published. The clock is fixed at Wednesday
 * 22 January 2020, 10:00 in Vietnam: the day before the Tết holidays (23–29 January).
 */
@LocalAws
class IntakeHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();
    /** Wed 22 Jan 2020 10:00 in Vietnam (UTC+7). */
    static final Instant NOW = Instant.parse("2020-01-22T03:00:00Z");
    static final String XRAY_DECLARATION = "2.002131"; // 5 working days, result by post allowed
    static final String SUB = "7b1c2d3e-0000-4000-8000-00000000d001";

    private final TestStack aws;
    private final SeededTables tables;
    private final DossierRepository repository;

    IntakeHandlerTest(TestStack aws) {
        this.aws = aws;
        this.tables = SeededTables.publish(aws);
        this.repository = tables.dossiers();
    }

    // ---- wiring ----------------------------------------------------------------------------------

    private IntakeHandler handler() { return handler(aws.queueUrl("RoutingQueue"), null); }

    /** The handler as Lambda builds it, but with a fixed clock, this class's tables and the given queue. */
    private IntakeHandler handler(String routingQueueUrl, Supplier<ReferenceData.Snapshot> reference) {
        return handler(routingQueueUrl, reference, job -> { });
    }

    /** As Lambda builds it, telling applicants through the notification queue at {@code notificationQueueUrl}. */
    private IntakeHandler handlerWithNotices(String notificationQueueUrl) {
        return handler(aws.queueUrl("RoutingQueue"), null, NotificationQueue.sqs(aws.sqs(), notificationQueueUrl));
    }

    private IntakeHandler handler(String routingQueueUrl, Supplier<ReferenceData.Snapshot> reference, NotificationQueue notifications) {
        return new IntakeHandler(new DeskService(repository, tables.codes(), reference == null ? tables.reference()::current : reference,
                RoutingQueue.sqs(aws.sqs(), routingQueueUrl), notifications, Desk.QUANG_NGAI_POST, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    static ObjectNode event(String file) throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(PROJECT.resolve("events/" + file)));
    }

    /** The intake event with a fresh Idempotency-Key (tests share the table) and its body changed by {@code change}. */
    static ObjectNode intake(Consumer<ObjectNode> change) throws IOException {
        ObjectNode event = event("intake-post.json");
        ObjectNode body = (ObjectNode) Json.mapper().readTree(event.path("body").asText());
        change.accept(body);
        event.put("body", Json.write(body));
        ((ObjectNode) event.path("headers")).put("idempotency-key", UUID.randomUUID().toString());
        return event;
    }

    static JsonNode invoke(IntakeHandler handler, JsonNode event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    static JsonNode body(JsonNode answer) throws IOException { return Json.mapper().readTree(answer.path("body").asText()); }

    /** Every item of this class's dossier table, by pk: dossiers, counters, key claims, refusals. */
    private Map<String, Map<String, AttributeValue>> items() {
        var all = new java.util.TreeMap<String, Map<String, AttributeValue>>();
        aws.dynamoDb().scanPaginator(s -> s.tableName(aws.table("DossierTable")).consistentRead(true))
                .items().forEach(i -> all.put(i.get("pk").s(), i));
        return all;
    }

    private List<RoutingJob> routingJobs() throws Exception {
        var jobs = new ArrayList<RoutingJob>();
        for (int i = 0; i < 3; i++) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl("RoutingQueue")).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(0)).messages();
            for (var m : messages) jobs.add(RoutingJob.parse(m.body()));
            if (!jobs.isEmpty()) break;
        }
        return jobs;
    }

    // ---- receiving -------------------------------------------------------------------------------

    @Test
    void a_complete_dossier_is_received_stored_routed_and_given_its_receipt() throws Exception {
        JsonNode answer = invoke(handler(), event("intake-post.json"));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        JsonNode body = body(answer);
        String code = body.path("code").asText();
        assertThat(code).matches("000\\.00\\.92\\.H48-200122-\\d{4}");
        assertThat(body.path("routing").asText()).isEqualTo("queued");
        JsonNode receipt = body.path("receipt");
        assertThat(receipt.path("receivedAt").asText()).isEqualTo("10:00 22/01/2020");
        // Tết: 23–29 Jan are off; five working days after 22 Jan are 30, 31 Jan, 3, 4, 5 Feb.
        assertThat(receipt.path("appointment").asText()).isEqualTo("05/02/2020");
        assertThat(receipt.path("timeLimit").asText()).isEqualTo("5 ngày làm việc");
        assertThat(receipt.path("procedure").path("name").asText()).isEqualTo("Khai báo thiết bị X-quang chẩn đoán trong y tế");
        assertThat(receipt.path("documents").get(0).path("form").asText()).isEqualTo("bản chính");
        assertThat(receipt.path("resultReturn").path("method").asText()).isEqualTo("by_post");
        String secret = receipt.path("lookupSecret").asText();
        assertThat(secret).hasSize(LookupSecret.LENGTH);

        var stored = repository.find(new DossierCode(code)).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.RECEIVED);
        assertThat(stored.appointment().orElseThrow().current()).isEqualTo(LocalDate.of(2020, 2, 5));
        assertThat(stored.receivedAt()).isEqualTo(NOW);
        assertThat(stored.applicant().phone()).isEqualTo("0905123456");
        assertThat(stored.applicant().name()).isEqualTo("Nguyễn Thị Thu Hà");
        assertThat(stored.resultReturn().byPost()).isTrue();
        assertThat(stored.history().get(0).actor()).isEqualTo(Actor.clerk(SUB));
        assertThat(stored.lookupSecret()).startsWith("sha256:").doesNotContain(secret);
        assertThat(LookupSecret.matches(stored, secret)).isTrue();

        assertThat(routingJobs()).anySatisfy(job -> {
            assertThat(job.dossierCode().value()).isEqualTo(code);
            assertThat(job.reason()).isEqualTo(RoutingJob.Reason.RECEIVED);
        });

        String html = body.path("receiptHtml").asText();
        assertThat(html).contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", code, "05/02/2020",
                "10 giờ 00 phút, ngày 22 tháng 01 năm 2020", "Nguyễn Thị Thu Hà", secret, "size: A5");
        // the event's host: the QR code opens the public page of this API's web app
        assertThat(html).contains(qrFor("https://abcdef1234.execute-api.ap-southeast-1.amazonaws.com", code, secret));
    }

    /** The receipt's QR code for the web app at {@code origin} (QrCodeTest decodes what QrCode draws). */
    static String qrFor(String origin, String code, String secret) {
        return QrCode.of(origin + "/#tra-cuu?ma=" + code + "&bimat=" + secret).svg("Mã QR mở trang tra cứu hồ sơ " + code);
    }

    static Stream<Arguments> origins() {
        return Stream.of(
                Arguments.of("the local run: its port, plain http", Map.of("host", "127.0.0.1:3000", "x-forwarded-proto", "http"),
                        "abcdef1234.execute-api.ap-southeast-1.amazonaws.com", "http://127.0.0.1:3000"),
                Arguments.of("a custom domain", Map.of("host", "mot-cua.quangngai.gov.vn", "x-forwarded-proto", "https"),
                        "mot-cua.quangngai.gov.vn", "https://mot-cua.quangngai.gov.vn"),
                Arguments.of("no host header: the API's domain name, https", Map.of(),
                        "abcdef1234.execute-api.ap-southeast-1.amazonaws.com", "https://abcdef1234.execute-api.ap-southeast-1.amazonaws.com"),
                Arguments.of("plain http to a public host: no QR code", Map.of("host", "mot-cua.quangngai.gov.vn", "x-forwarded-proto", "http"),
                        "mot-cua.quangngai.gov.vn", null),
                Arguments.of("a host that is not a host name: no QR code", Map.of("host", "evil.example/#x", "x-forwarded-proto", "https"),
                        "abcdef1234.execute-api.ap-southeast-1.amazonaws.com", null),
                Arguments.of("nothing at all: no QR code", Map.of(), "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void the_qr_code_links_to_the_origin_the_request_came_to(String what, Map<String, String> headers, String domainName,
                                                             String origin) throws Exception {
        ObjectNode event = intake(b -> {});
        var h = (ObjectNode) event.path("headers");
        h.remove(List.of("host", "x-forwarded-proto"));
        headers.forEach(h::put);
        ((ObjectNode) event.path("requestContext")).put("domainName", domainName);

        JsonNode answer = invoke(handler(), event);
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        JsonNode body = body(answer);
        String html = body.path("receiptHtml").asText();
        if (origin == null) {
            assertThat(html).as("the secret still printed, but no link").contains(body.at("/receipt/lookupSecret").asText())
                    .doesNotContain("<svg", "#tra-cuu");
        } else {
            assertThat(html).contains(qrFor(origin, body.path("code").asText(), body.at("/receipt/lookupSecret").asText()),
                    ">" + origin + "/#tra-cuu?ma&#61;" + body.path("code").asText() + "&amp;bimat&#61;");
        }
    }

    @Test
    void values_are_escaped_in_the_printed_receipt() throws Exception {
        JsonNode answer = invoke(handler(), intake(b -> ((ObjectNode) b.path("applicant")).put("name", "Hồ Thị O'Hara")));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        String html = body(answer).path("receiptHtml").asText();
        assertThat(html).contains("Hồ Thị O&#39;Hara").doesNotContain("O'Hara");
    }

    @Test
    void an_idempotent_retry_answers_the_same_receipt_and_stores_one_dossier() throws Exception {
        ObjectNode event = intake(b -> {});
        var before = items().keySet().stream().filter(k -> k.startsWith("DOSSIER#")).count();

        JsonNode first = invoke(handler(), event);
        JsonNode second = invoke(handler(), event);

        assertThat(first.path("statusCode").asInt()).isEqualTo(201);
        assertThat(second.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(second).path("code").asText()).isEqualTo(body(first).path("code").asText());
        assertThat(body(second).path("replayed").asBoolean()).isTrue();
        assertThat(body(second).path("receipt").path("lookupSecret").asText())
                .isEqualTo(body(first).path("receipt").path("lookupSecret").asText());
        assertThat(body(second).path("receipt").path("appointment").asText()).isEqualTo("05/02/2020");
        assertThat(items().keySet().stream().filter(k -> k.startsWith("DOSSIER#")).count()).isEqualTo(before + 1);
    }

    @Test
    void the_same_key_with_another_body_is_409() throws Exception {
        ObjectNode event = intake(b -> {});
        assertThat(invoke(handler(), event).path("statusCode").asInt()).isEqualTo(201);
        ObjectNode changed = event.deepCopy();
        ObjectNode body = (ObjectNode) Json.mapper().readTree(changed.path("body").asText());
        ((ObjectNode) body.path("applicant")).put("phone", "0912345678");
        changed.put("body", Json.write(body));

        JsonNode answer = invoke(handler(), changed);
        assertThat(answer.path("statusCode").asInt()).isEqualTo(409);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void without_a_key_each_submit_is_a_new_dossier() throws Exception {
        ObjectNode event = intake(b -> {});
        ((ObjectNode) event.path("headers")).remove("idempotency-key");
        String a = body(invoke(handler(), event)).path("code").asText();
        String b = body(invoke(handler(), event)).path("code").asText();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void a_received_dossier_queues_the_receipt_notice_after_its_routing_job() throws Exception {
        JsonNode answer = invoke(handlerWithNotices(aws.queueUrl("NotificationQueue")), intake(b -> {}));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        String code = body(answer).path("code").asText();
        var jobs = new java.util.ArrayList<NotificationJob>();
        for (int i = 0; i < 5 && jobs.stream().noneMatch(j -> j.dossierCode().value().equals(code)); i++) {
            for (var m : aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl("NotificationQueue")).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                jobs.add(NotificationJob.parse(m.body()));
            }
        }
        assertThat(jobs).filteredOn(j -> j.dossierCode().value().equals(code)).singleElement().satisfies(job -> {
            assertThat(job.eventKind()).isEqualTo(NotificationJob.Kind.RECEIVED);
            assertThat(job.eventId()).isEqualTo("receive-" + code);
        });
    }

    @Test
    void when_the_notification_queue_fails_the_dossier_is_still_received() throws Exception {
        JsonNode answer = invoke(handlerWithNotices(aws.queueUrl("NotificationQueue") + "-does-not-exist"), intake(b -> {}));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        assertThat(body(answer).path("routing").asText()).isEqualTo("queued");
        assertThat(repository.find(new DossierCode(body(answer).path("code").asText()))).isPresent();
    }

    @Test
    void when_the_routing_queue_fails_the_dossier_is_kept_and_routing_is_pending() throws Exception {
        var handler = handler(aws.queueUrl("RoutingQueue") + "-does-not-exist", null);
        JsonNode answer = invoke(handler, intake(b -> {}));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        JsonNode body = body(answer);
        assertThat(body.path("routing").asText()).isEqualTo("pending");
        var stored = repository.find(new DossierCode(body.path("code").asText()));
        assertThat(stored).isPresent();
        assertThat(stored.get().state()).isEqualTo(DossierState.RECEIVED);
    }

    @Test
    void a_procedure_without_a_fixed_limit_has_no_appointment_date() throws Exception {
        JsonNode answer = invoke(handler(), intake(b -> {
            b.put("procedureCode", "PENDING.SNGV.DANGCAI");
            b.putArray("documents").addObject().put("index", 0).put("form", "original").put("count", 1);
        }));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        JsonNode receipt = body(answer).path("receipt");
        assertThat(receipt.path("appointment").asText()).isEqualTo("Không quy định");
        assertThat(repository.find(new DossierCode(body(answer).path("code").asText())).orElseThrow().appointment()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a day in a year without a holiday table: 503 naming the year, no code taken, nothing stored"
            + " (it was a 500 'try again', which cannot help)")
    void a_year_without_a_holiday_table_is_a_clear_503_naming_the_year() throws Exception {
        var in2028 = Instant.parse("2028-03-01T03:00:00Z"); // the seed has 2020, 2026 and 2027 only
        var handler = new IntakeHandler(new DeskService(repository, tables.codes(), tables.reference()::current,
                RoutingQueue.sqs(aws.sqs(), aws.queueUrl("RoutingQueue")), job -> { }, Desk.QUANG_NGAI_POST,
                Clock.fixed(in2028, ZoneOffset.UTC)));
        JsonNode answer = invoke(handler, intake(b -> {}));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(503);
        JsonNode error = body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo("HOLIDAY_TABLE_MISSING");
        assertThat(error.path("message").asText()).contains("năm 2028", "2028.json");
        // the day's first code is still free: the refused intake took none
        assertThat(tables.codes().next(new vn.motcua.domain.catalog.ElectronicId("000.00.92.H48", true), in2028).value()).endsWith("-280301-0001");
    }

    // ---- not received ----------------------------------------------------------------------------

    @Test
    void an_incomplete_dossier_is_not_received_the_guidance_is_recorded_and_nothing_else_is_stored() throws Exception {
        var before = items();
        JsonNode answer = invoke(handler(), intake(b -> b.putArray("documents")));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(422);
        JsonNode body = body(answer);
        assertThat(body.path("error").path("code").asText()).isEqualTo("MISSING_DOCUMENTS");
        assertThat(body.path("missing")).hasSize(1);
        assertThat(body.path("missing").get(0).path("name").asText()).isEqualTo("Phiếu khai báo thiết bị X-quang chẩn đoán trong y tế");
        assertThat(body.path("guidance").path("form").asText()).isEqualTo("02");
        // issue 17: the printable form 02 the citizen leaves with (the page showed two bare names)
        assertThat(body.path("guidance").path("html").asText()).contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                "Mẫu số 02 ban hành kèm theo Thông tư số 01/2018/TT-VPCP", "Phiếu khai báo thiết bị X-quang chẩn đoán trong y tế",
                "NGƯỜI HƯỚNG DẪN", "Giờ làm việc".toLowerCase(java.util.Locale.ROOT));

        var after = items();
        var added = after.keySet().stream().filter(k -> !before.containsKey(k)).toList();
        assertThat(added).singleElement().asString().startsWith("REFUSAL#");
        var refusals = repository.deskRefusalsBetween(LocalDate.of(2020, 1, 22), LocalDate.of(2020, 1, 22), Optional.empty(), 100).items();
        String id = body.path("refusalId").asText();
        var guided = refusals.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        assertThat(guided.kind()).isEqualTo(DeskRefusal.Kind.GUIDED_TO_COMPLETE);
        assertThat(guided.applicant().email()).isEmpty();
        assertThat(guided.clerk()).isEqualTo(Actor.clerk(SUB));
        assertThat(guided.reasons()).singleElement().asString().contains("Phiếu khai báo thiết bị X-quang");
    }

    @Test
    void a_copy_where_an_original_is_required_is_missing() throws Exception {
        JsonNode answer = invoke(handler(), intake(b -> ((ObjectNode) b.path("documents").get(0)).put("form", "copy")));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(422);
        assertThat(body(answer).path("missing").get(0).path("problem").asText()).isEqualTo("ORIGINAL_REQUIRED");
    }

    static Stream<Arguments> bad_inputs() {
        return Stream.of(
                Arguments.of("malformed JSON", null, "MALFORMED_JSON", "body"),
                Arguments.of("body not an object", (Consumer<ObjectNode>) b -> {}, "WRONG_TYPE", "body"),
                Arguments.of("sets as text", (Consumer<ObjectNode>) b -> b.put("sets", "hai"), "WRONG_TYPE", "sets"),
                Arguments.of("documents not a list", (Consumer<ObjectNode>) b -> b.putObject("documents"), "WRONG_TYPE", "documents"),
                Arguments.of("applicant as text", (Consumer<ObjectNode>) b -> b.put("applicant", "Nguyễn Văn A"), "WRONG_TYPE", "applicant"),
                Arguments.of("no phone", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("applicant")).remove("phone"), "MISSING_FIELD", "applicant.phone"),
                Arguments.of("no result return", (Consumer<ObjectNode>) b -> b.remove("resultReturn"), "MISSING_FIELD", "resultReturn"),
                Arguments.of("unknown procedure", (Consumer<ObjectNode>) b -> b.put("procedureCode", "9.999999"), "UNKNOWN_PROCEDURE", "procedureCode"),
                Arguments.of("citizen id of 11 digits", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("applicant")).put("idNumber", "05119000123"), "INVALID_ID_NUMBER", "applicant.idNumber"),
                Arguments.of("phone too short", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("applicant")).put("phone", "090512"), "INVALID_PHONE", "applicant.phone"),
                Arguments.of("email without domain", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("applicant")).put("email", "thuha@"), "INVALID_EMAIL", "applicant.email"),
                Arguments.of("HTML in the name", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("applicant")).put("name", "<b>Nguyễn</b> Hà"), "INVALID_NAME", "applicant.name"),
                Arguments.of("digits in the name", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("applicant")).put("name", "Nguyễn Văn 3"), "INVALID_NAME", "applicant.name"),
                Arguments.of("document index out of the list", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("documents").get(0)).put("index", 7), "OUT_OF_RANGE", "documents[0].index"),
                Arguments.of("by post without an address", (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("resultReturn")).remove("address"), "MISSING_FIELD", "resultReturn.address"),
                Arguments.of("a misspelt field", (Consumer<ObjectNode>) b -> b.put("procedure", "2.002131"), "UNKNOWN_FIELD", "procedure"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bad_inputs(String what, Consumer<ObjectNode> change, String code, String field) throws Exception {
        ObjectNode event = intake(b -> {});
        if (change == null) {
            event.put("body", "{\"applicant\": {\"name\": \"Nguyễn Thị Thu Hà\",");
        } else if (what.equals("body not an object")) {
            event.put("body", "[1, 2]");
        } else {
            event = intake(change);
        }
        var before = items().keySet();

        JsonNode answer = invoke(handler(), event);

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(400);
        JsonNode error = body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("fields")).anySatisfy(f -> assertThat(f.path("field").asText()).isEqualTo(field));
        assertThat(items().keySet()).isEqualTo(before);
    }

    @Test
    void every_field_problem_is_reported_at_once() throws Exception {
        JsonNode answer = invoke(handler(), intake(b -> ((ObjectNode) b.path("applicant"))
                .put("phone", "12345").put("email", "không-phải-email").put("idNumber", "X")));
        JsonNode error = body(answer).path("error");
        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        assertThat(error.path("code").asText()).isEqualTo("INVALID_FIELDS");
        assertThat(error.path("fields").findValuesAsText("field"))
                .containsExactlyInAnyOrder("applicant.phone", "applicant.email", "applicant.idNumber");
    }

    @Test
    void valid_variants_are_normalised() throws Exception {
        JsonNode answer = invoke(handler(), intake(b -> {
            // decomposed (NFD) Vietnamese, extra spaces, +84 phone, passport number, document by name
            ((ObjectNode) b.path("applicant")).put("name", java.text.Normalizer.normalize("  Lê   Văn  Đức ", java.text.Normalizer.Form.NFD))
                    .put("phone", "+84 905 123 456").put("idNumber", "c1234567");
            b.putArray("documents").addObject().put("name", "Phiếu khai báo thiết bị X-quang chẩn đoán trong y tế").put("form", "original");
            b.putObject("resultReturn").put("method", "at_desk");
        }));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(201);
        var stored = repository.find(new DossierCode(body(answer).path("code").asText())).orElseThrow();
        assertThat(stored.applicant().name()).isEqualTo("Lê Văn Đức");
        assertThat(stored.applicant().phone()).isEqualTo("0905123456");
        assertThat(stored.applicant().idNumber()).isEqualTo("C1234567");
        assertThat(stored.resultReturn()).isEqualTo(ResultReturn.atDesk());
    }

    @Test
    void the_result_by_post_only_where_the_procedure_allows_it() throws Exception {
        // The seed allows post everywhere; an operator's catalog where the X-ray declaration does not.
        var seed = SeedData.read(PROJECT.resolve("infra/seed"));
        ObjectNode procedures = (ObjectNode) Json.mapper().readTree(seed.catalogFiles().get("procedures.json"));
        for (JsonNode p : procedures.path("procedures")) {
            if (p.path("code").asText().equals(XRAY_DECLARATION)) ((ObjectNode) p).put("resultByPost", false);
        }
        var catalog = CatalogFiles.read(seed.catalogFiles().get("agencies.json"), Json.write(procedures));
        var real = new ReferenceData(aws.dynamoDb(), aws.table("CatalogTable"), Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC)).current();
        var handler = handler(aws.queueUrl("RoutingQueue"), () -> new ReferenceData.Snapshot("test", catalog, real.calendar(), NOW));
        var before = items().keySet();

        JsonNode answer = invoke(handler, intake(b -> {}));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        JsonNode error = body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo("RESULT_BY_POST_NOT_ALLOWED");
        assertThat(error.path("fields").get(0).path("field").asText()).isEqualTo("resultReturn.method");
        assertThat(items().keySet()).isEqualTo(before);
    }

    // ---- who may ---------------------------------------------------------------------------------

    @Test
    void without_a_token_it_is_401_and_for_the_office_403() throws Exception {
        var before = items().keySet();
        ObjectNode anonymous = event("intake-post.json");
        ((ObjectNode) anonymous.path("requestContext")).remove("authorizer");
        assertThat(invoke(handler(), anonymous).path("statusCode").asInt()).isEqualTo(401);

        ObjectNode office = event("intake-post.json");
        ((ObjectNode) office.path("requestContext").path("authorizer").path("jwt").path("claims")).put("cognito:groups", "[office]");
        JsonNode answer = invoke(handler(), office);
        assertThat(answer.path("statusCode").asInt()).isEqualTo(403);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(items().keySet()).isEqualTo(before);
    }

    // ---- refusal (form 03) -----------------------------------------------------------------------

    @Test
    void a_refusal_with_reasons_is_recorded_once_and_answered_with_form_03() throws Exception {
        ObjectNode event = event("intake-refusal-post.json");
        ((ObjectNode) event.path("headers")).put("idempotency-key", UUID.randomUUID().toString());

        JsonNode first = invoke(handler(), event);
        JsonNode again = invoke(handler(), event);

        assertThat(first.path("statusCode").asInt()).as(first.toString()).isEqualTo(201);
        JsonNode slip = body(first).path("refusal");
        assertThat(slip.path("form").asText()).isEqualTo("03");
        assertThat(slip.path("reasons").get(0).asText()).contains("Bình Định");
        assertThat(slip.path("applicant").path("name").asText()).isEqualTo("Trần Văn Bình");
        // issue 17: the printable form 03, citing its basis, the clerk by name
        assertThat(slip.path("legalBasis").asText()).isEqualTo("TT01-2018");
        assertThat(slip.path("html").asText()).contains("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
                "Mẫu số 03 ban hành kèm theo Thông tư số 01/2018/TT-VPCP", "Trần Văn Bình", "Bình Định",
                "Quảng Ngãi, ngày 22 tháng 01 năm 2020", "NGƯỜI TIẾP NHẬN HỒ SƠ");
        assertThat(again.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(again).path("id").asText()).isEqualTo(body(first).path("id").asText());

        String id = body(first).path("id").asText();
        var refusals = repository.deskRefusalsBetween(LocalDate.of(2020, 1, 22), LocalDate.of(2020, 1, 22), Optional.empty(), 100).items();
        assertThat(refusals.stream().filter(r -> r.id().equals(id)))
                .singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(DeskRefusal.Kind.REFUSED);
                    assertThat(r.procedureCode()).isEqualTo(XRAY_DECLARATION);
                });
    }

    @Test
    void a_refusal_without_reasons_is_400_and_stores_nothing() throws Exception {
        ObjectNode event = event("intake-refusal-post.json");
        ObjectNode body = (ObjectNode) Json.mapper().readTree(event.path("body").asText());
        ArrayNode reasons = body.putArray("reasons");
        reasons.add("   ");
        event.put("body", Json.write(body));
        var before = items().keySet();

        JsonNode answer = invoke(handler(), event);

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo("REASON_REQUIRED");
        assertThat(items().keySet()).isEqualTo(before);
    }
}
