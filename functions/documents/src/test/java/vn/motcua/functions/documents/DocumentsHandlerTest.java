package vn.motcua.functions.documents;

import vn.motcua.documents.DocumentLinks;
import vn.motcua.store.S3LinkSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.catalog.Name;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.Json;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;
import vn.motcua.store.DossierRepository;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Both routes through their events in events/, against DynamoDB (dynalite) and S3 (s3proxy, which checks signatures). */
@LocalAws
class DocumentsHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String CLERK_SUB = "7b1c2d3e-0000-4000-8000-00000000d001";

    private final TestStack aws;
    private final HttpClient http = HttpClient.newHttpClient();
    private DossierRepository dossiers;
    private DocumentsHandler handler;

    DocumentsHandlerTest(TestStack aws) {
        this.aws = aws;
    }

    @BeforeEach
    void setUp() {
        dossiers = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        handler = new DocumentsHandler(new DocumentLinks(dossiers, new S3LinkSigner(aws.s3Presigner(), aws.bucket("DocumentsBucket")),
                DocumentUpload.DEFAULT_MAX_BYTES));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A dossier received today at the Science and Technology desk, stored. */
    static Dossier receivedDossier(DossierRepository dossiers) {
        var receivedAt = LocalDateTime.of(2020, 3, 2, 9, 0).atZone(Dossier.ZONE).toInstant();
        var code = DossierCode.of(ElectronicId.placeholder("000.00.92.H48"), LocalDate.of(2020, 3, 2), SEQUENCE.incrementAndGet());
        var procedure = new Procedure("1.000173", false, new Name("Khai báo thiết bị X-quang", "X-ray declaration"),
                "so-khoa-hoc-cong-nghe", TimeLimit.workingDays(5),
                List.of(new RequiredDocument("Tờ khai", RequiredDocument.Form.ORIGINAL, 1, true)), Fee.none(), true,
                Optional.empty(), Optional.empty());
        var intake = new Dossier.Intake(UUID.randomUUID().toString(), code, procedure, "buu-dien-quang-ngai",
                Actor.clerk(CLERK_SUB), receivedAt, LocalDate.of(2020, 3, 9),
                new Applicant("Trần Thị Bích", "051190000456", "0905123456", Optional.empty(), "12 Hùng Vương, TP Quảng Ngãi"),
                Channel.IN_PERSON, ResultReturn.atDesk(), "sha256:00");
        Dossier dossier = ((Decision.Applied) Dossier.receive(intake)).dossier();
        dossiers.create(dossier);
        return dossier;
    }

    static void stop(DossierRepository dossiers, DossierCode code) {
        var clerk = Actor.clerk(CLERK_SUB);
        var at = Instant.parse("2020-03-03T02:00:00Z");
        assertThat(dossiers.apply(code, new DossierEvent.WithdrawalRequested(UUID.randomUUID().toString(), clerk, at,
                "Không còn nhu cầu"), Lifecycle.standard())).isInstanceOf(Decision.Applied.class);
        assertThat(dossiers.apply(code, new DossierEvent.Stopped(UUID.randomUUID().toString(), clerk, at, Optional.empty()),
                Lifecycle.standard())).isInstanceOf(Decision.Applied.class);
    }

    private static ObjectNode event(String file) throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(PROJECT.resolve("events/" + file)));
    }

    private static ObjectNode presignEvent(DossierCode code, String body) throws IOException {
        ObjectNode event = event("documents-presign-post.json");
        ((ObjectNode) event.path("pathParameters")).put("code", code.value());
        event.put("rawPath", "/dossiers/" + code.value() + "/documents");
        event.put("body", body);
        return event;
    }

    private static String body(String fileName, String contentType, long size) {
        return Json.write(Json.object().put("fileName", fileName).put("contentType", contentType).put("size", size));
    }

    private static ObjectNode linkEvent(DossierCode code, String documentId) throws IOException {
        ObjectNode event = event("documents-link-get.json");
        ((ObjectNode) event.path("pathParameters")).put("code", code.value()).put("documentId", documentId);
        event.put("rawPath", "/dossiers/" + code.value() + "/documents/" + documentId + "/link");
        return event;
    }

    private JsonNode invoke(JsonNode event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    private static JsonNode body(JsonNode answer) throws IOException {
        return Json.mapper().readTree(answer.path("body").asText());
    }

    private HttpResponse<String> put(JsonNode upload, String contentType, byte[] content) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(upload.path("url").asText()));
        upload.path("headers").fields().forEachRemaining(h -> {
            if (!h.getKey().equalsIgnoreCase("content-type")) request.header(h.getKey(), h.getValue().asText());
        });
        request.header("Content-Type", contentType);
        return http.send(request.PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < size; i++) bytes[i] = (byte) ('a' + i % 26);
        return bytes;
    }

    // ---- upload --------------------------------------------------------------------------------

    @Test
    void a_presigned_put_uploads_the_declared_file_under_the_dossiers_prefix() throws Exception {
        Dossier dossier = receivedDossier(dossiers);
        byte[] content = pdf(4_321);

        JsonNode answer = invoke(presignEvent(dossier.code(), body("Đơn đề nghị.pdf", "application/pdf", content.length)));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        JsonNode result = body(answer);
        String documentId = result.path("documentId").asText();
        assertThat(result.path("key").asText()).isEqualTo("dossiers/" + dossier.code() + "/" + documentId + "/Đơn đề nghị.pdf");
        JsonNode upload = result.path("upload");
        assertThat(upload.path("method").asText()).isEqualTo("PUT");
        assertThat(upload.path("headers").path("content-type").asText()).isEqualTo("application/pdf");
        assertThat(upload.path("headers").path("x-amz-meta-uploaded-by").asText()).isEqualTo(CLERK_SUB);
        assertThat(upload.path("contentLength").asLong()).isEqualTo(content.length);
        Instant expires = Instant.parse(upload.path("expiresAt").asText());
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));

        var response = put(upload, "application/pdf", content);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var head = aws.s3().headObject(b -> b.bucket(aws.bucket("DocumentsBucket")).key(result.path("key").asText()));
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.contentType()).isEqualTo("application/pdf");
        assertThat(head.metadata()).containsEntry("uploaded-by", CLERK_SUB);
        // the digitisation record (Circular 01/2023) on the stored object: dossier, document, when (Vietnam's time)
        assertThat(head.metadata()).containsEntry("dossier-code", dossier.code().value()).containsEntry("document-id", documentId);
        var digitisedAt = java.time.OffsetDateTime.parse(head.metadata().get("digitised-at"));
        assertThat(digitisedAt.getOffset()).isEqualTo(java.time.ZoneOffset.ofHours(7));
        assertThat(digitisedAt.toInstant()).isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now());
    }

    @Test
    void the_url_is_bound_to_the_content_type_and_the_length() throws Exception {
        Dossier dossier = receivedDossier(dossiers);
        byte[] content = pdf(2_000);
        JsonNode upload = body(invoke(presignEvent(dossier.code(), body("scan.pdf", "application/pdf", content.length)))).path("upload");

        assertThat(put(upload, "text/html", content).statusCode()).as("another content type").isEqualTo(403);
        assertThat(put(upload, "application/pdf", pdf(2_001)).statusCode()).as("another length").isEqualTo(403);
        assertThat(put(upload, "application/pdf", pdf(1_999)).statusCode()).as("another length").isEqualTo(403);
        assertThat(aws.s3().listObjectsV2(b -> b.bucket(aws.bucket("DocumentsBucket")).prefix("dossiers/" + dossier.code() + "/"))
                .contents()).isEmpty();
    }

    /**
     * Issue 16, finding 1: the upload URL, used again within its validity with other bytes, replaced the document. It
     * carries {@code If-None-Match: *} as a signed header, so the store creates the object once: S3 answers 412 to the
     * second PUT. Checked here against s3proxy 4.1.0, the local S3.
     */
    @Test
    void the_upload_url_creates_its_object_once() throws Exception {
        Dossier dossier = receivedDossier(dossiers);
        byte[] first = pdf(3_000), other = pdf(3_000);
        other[100] = 'Z';
        JsonNode result = body(invoke(presignEvent(dossier.code(), body("Tờ khai.pdf", "application/pdf", first.length))));
        JsonNode upload = result.path("upload");
        assertThat(upload.path("headers").path("if-none-match").asText()).isEqualTo("*");

        assertThat(put(upload, "application/pdf", first).statusCode()).isEqualTo(200);
        var again = put(upload, "application/pdf", other);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(412);
        var stored = aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucket("DocumentsBucket")).key(result.path("key").asText()));
        assertThat(stored.asByteArray()).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../quarantine/x.pdf", "../000.00.92.H48-200302-9999/x.pdf", "a/b.pdf", "..\\..\\x.pdf",
            "<b>Đơn</b>.pdf", "x\u0000.pdf", "..pdf"})
    void file_names_that_try_to_escape_the_prefix_are_a_400_in_vietnamese(String fileName) throws Exception {
        Dossier dossier = receivedDossier(dossiers);

        JsonNode answer = invoke(presignEvent(dossier.code(), body(fileName, "application/pdf", 100)));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        JsonNode error = body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo("UNSAFE_FILE_NAME");
        assertThat(error.path("message").asText()).startsWith("Tên tệp");
        assertThat(error.path("fields").get(0).path("field").asText()).isEqualTo("fileName");
    }

    @Test
    void a_dossier_code_that_tries_to_escape_is_a_400() throws Exception {
        ObjectNode event = presignEvent(new DossierCode("000.00.92.H48-200302-0001"), body("a.pdf", "application/pdf", 10));
        ((ObjectNode) event.path("pathParameters")).put("code", "../quarantine");

        JsonNode answer = invoke(event);

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo("INVALID_DOSSIER_CODE");
        assertThat(body(answer).path("error").path("message").asText()).startsWith("Mã hồ sơ không hợp lệ");
    }

    @Test
    void wrong_types_sizes_and_bodies_are_4xx_with_words() throws Exception {
        DossierCode code = receivedDossier(dossiers).code();
        record Case(String body, int status, String code) {}
        var cases = List.of(
                new Case(body("trang.html", "text/html", 100), 400, "UNSUPPORTED_CONTENT_TYPE"),
                new Case(body("anh.png", "application/pdf", 100), 400, "FILE_EXTENSION_MISMATCH"),
                new Case(body("a.pdf", "application/pdf", 0), 400, "INVALID_SIZE"),
                new Case(body("a.pdf", "application/pdf", DocumentUpload.DEFAULT_MAX_BYTES + 1), 413, "FILE_TOO_LARGE"),
                new Case("{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":\"12\"}", 400, "INVALID_SIZE"),
                new Case("{\"fileName\":3,\"contentType\":\"application/pdf\",\"size\":12}", 400, "INVALID_FIELD"),
                new Case("{\"contentType\":\"application/pdf\",\"size\":12}", 400, "FILE_NAME_REQUIRED"),
                new Case("[1,2]", 400, "INVALID_BODY"),
                new Case("{\"fileName\": ", 400, "MALFORMED_JSON"));
        for (var c : cases) {
            JsonNode answer = invoke(presignEvent(code, c.body()));
            assertThat(answer.path("statusCode").asInt()).as(c.body()).isEqualTo(c.status());
            assertThat(body(answer).path("error").path("code").asText()).as(c.body()).isEqualTo(c.code());
            assertThat(body(answer).path("error").path("message").asText()).as(c.body()).isNotBlank();
        }
        JsonNode tooLarge = body(invoke(presignEvent(code, body("a.pdf", "application/pdf", DocumentUpload.DEFAULT_MAX_BYTES + 1))));
        assertThat(tooLarge.path("error").path("message").asText()).isEqualTo("Tệp vượt quá dung lượng cho phép (tối đa 20 MB).");
    }

    @Test
    void an_unknown_dossier_is_404_and_a_closed_one_409() throws Exception {
        JsonNode unknown = invoke(presignEvent(new DossierCode("000.00.92.H48-200302-9999"), body("a.pdf", "application/pdf", 10)));
        assertThat(unknown.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(unknown).path("error").path("message").asText()).isEqualTo("Không tìm thấy hồ sơ 000.00.92.H48-200302-9999.");

        Dossier dossier = receivedDossier(dossiers);
        stop(dossiers, dossier.code());
        JsonNode closed = invoke(presignEvent(dossier.code(), body("a.pdf", "application/pdf", 10)));
        assertThat(closed.path("statusCode").asInt()).isEqualTo(409);
        assertThat(body(closed).path("error").path("message").asText()).contains("Đã dừng xử lý").contains("không nhận thêm tài liệu");
    }

    @Test
    void without_a_token_it_is_401_and_for_the_office_group_403() throws Exception {
        DossierCode code = receivedDossier(dossiers).code();
        for (ObjectNode event : List.of(presignEvent(code, body("a.pdf", "application/pdf", 10)),
                linkEvent(code, UUID.randomUUID().toString()))) {
            ObjectNode anonymous = event.deepCopy();
            ((ObjectNode) anonymous.path("requestContext")).remove("authorizer");
            assertThat(invoke(anonymous).path("statusCode").asInt()).isEqualTo(401);

            ObjectNode office = event.deepCopy();
            ((ObjectNode) office.path("requestContext").path("authorizer").path("jwt").path("claims")).put("cognito:groups", "[office]");
            JsonNode answer = invoke(office);
            assertThat(answer.path("statusCode").asInt()).isEqualTo(403);
            assertThat(body(answer).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        }
    }

    // ---- download ------------------------------------------------------------------------------

    /** Stores a file under the dossier's prefix and registers it, as the document-received function does. */
    private DossierDocument registered(Dossier dossier, String fileName, byte[] content) {
        var key = DocumentUpload.Key.fresh(dossier.code(), fileName);
        aws.s3().putObject(b -> b.bucket(aws.bucket("DocumentsBucket")).key(key.value()).contentType("application/pdf"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
        var document = new DossierDocument(fileName, key.value(), content.length, "sha256:" + "ab".repeat(32),
                Actor.clerk(CLERK_SUB), Instant.parse("2020-03-02T02:10:00Z"));
        assertThat(dossiers.apply(dossier.code(), new DossierEvent.DocumentAttached("s3-" + key.documentId(), Actor.clerk(CLERK_SUB),
                document.addedAt(), document), Lifecycle.standard())).isInstanceOf(Decision.Applied.class);
        return document;
    }

    @Test
    void a_download_link_works_for_a_registered_document_for_five_minutes() throws Exception {
        Dossier dossier = receivedDossier(dossiers);
        byte[] content = pdf(1_234);
        DossierDocument document = registered(dossier, "Giấy phép cũ.pdf", content);
        String documentId = DocumentUpload.Key.parse(document.key()).orElseThrow().documentId();

        JsonNode answer = invoke(linkEvent(dossier.code(), documentId));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        JsonNode link = body(answer);
        assertThat(link.path("name").asText()).isEqualTo("Giấy phép cũ.pdf");
        assertThat(link.path("sizeBytes").asLong()).isEqualTo(1_234);
        assertThat(Instant.parse(link.path("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(6)));
        var download = http.send(HttpRequest.newBuilder(URI.create(link.path("url").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("content-disposition")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("attachment; filename=\"Giay phep cu.pdf\"")
                .contains("filename*=UTF-8''Gi%E1%BA%A5y%20ph%C3%A9p%20c%C5%A9.pdf"));
    }

    @Test
    void a_link_is_refused_for_another_dossiers_document_and_for_an_unknown_one() throws Exception {
        Dossier mine = receivedDossier(dossiers);
        Dossier other = receivedDossier(dossiers);
        DossierDocument theirs = registered(other, "Tờ khai.pdf", pdf(100));
        String theirId = DocumentUpload.Key.parse(theirs.key()).orElseThrow().documentId();

        JsonNode crossed = invoke(linkEvent(mine.code(), theirId));
        assertThat(crossed.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(crossed).path("error").path("code").asText()).isEqualTo("UNKNOWN_DOCUMENT");
        assertThat(body(crossed).toString()).doesNotContain("http");

        assertThat(invoke(linkEvent(mine.code(), UUID.randomUUID().toString())).path("statusCode").asInt()).isEqualTo(404);
        assertThat(invoke(linkEvent(new DossierCode("000.00.92.H48-200302-9998"), theirId)).path("statusCode").asInt()).isEqualTo(404);
        JsonNode badId = invoke(linkEvent(mine.code(), "..%2F..%2Fx"));
        assertThat(badId.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(badId).path("error").path("code").asText()).isEqualTo("INVALID_DOCUMENT_ID");
    }

    @Test
    void the_attachment_header_keeps_the_vietnamese_name_and_an_ascii_fallback() {
        assertThat(DocumentLinks.attachment("Đơn đề nghị.pdf"))
                .isEqualTo("attachment; filename=\"Don de nghi.pdf\"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf");
    }
}
