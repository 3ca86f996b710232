package vn.motcua.functions.documentreceived;

import vn.motcua.documents.DocumentCheck;
import vn.motcua.store.S3UploadedFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.S3Client;
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
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ObjectCreated check through events/document-created-s3.json, on s3proxy and dynalite. */
@LocalAws
class DocumentReceivedHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);
    private static final String CLERK_SUB = "7b1c2d3e-0000-4000-8000-00000000d001";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};

    private final TestStack aws;
    private DossierRepository dossiers;
    private String bucket;

    DocumentReceivedHandlerTest(TestStack aws) {
        this.aws = aws;
    }

    @BeforeEach
    void setUp() {
        dossiers = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        bucket = aws.bucket("DocumentsBucket");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Dossier receivedDossier() {
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

    private Dossier reload(Dossier d) { return dossiers.find(d.code()).orElseThrow(); }

    private record Uploaded(String key, String versionId, String eTag, long size) {}

    /** What a browser's PUT through the presigned URL leaves in the bucket. */
    private Uploaded upload(String key, String contentType, byte[] content, boolean withClerk) {
        var response = aws.s3().putObject(b -> {
            b.bucket(bucket).key(key).contentType(contentType);
            if (withClerk) b.metadata(Map.of("uploaded-by", CLERK_SUB));
        }, RequestBody.fromBytes(content));
        return new Uploaded(key, response.versionId(), response.eTag(), content.length);
    }

    /** The sample S3 event, pointed at this object (its key URL-encoded as S3 does it: a space is '+'). */
    private ObjectNode eventFor(Uploaded object) throws IOException {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(Files.readString(PROJECT.resolve("events/document-created-s3.json")));
        ObjectNode s3 = (ObjectNode) event.path("Records").get(0).path("s3");
        ((ObjectNode) s3.path("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode o = (ObjectNode) s3.path("object");
        o.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        o.put("size", object.size());
        o.put("eTag", object.eTag().replace("\"", ""));
        if (object.versionId() == null) o.remove("versionId");
        else o.put("versionId", object.versionId());
        return event;
    }

    private static void invoke(DocumentReceivedHandler handler, JsonNode event) throws IOException {
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    private DocumentReceivedHandler handler() { return handler(DocumentUpload.DEFAULT_MAX_BYTES); }

    private DocumentReceivedHandler handler(long maxBytes) {
        return new DocumentReceivedHandler(new DocumentCheck(dossiers, new S3UploadedFiles(objects()), maxBytes));
    }

    /** The function's own S3 access, pointed at s3proxy (which checks the signatures). */
    private S3Client objects() {
        return aws.s3();
    }

    private boolean versionExists(Uploaded object) {
        try {
            aws.s3().headObject(b -> b.bucket(bucket).key(object.key()).versionId(object.versionId()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw e;
        }
    }

    private boolean exists(String key) {
        try {
            aws.s3().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw e;
        }
    }

    private static String key(Dossier d, String fileName) {
        return DocumentUpload.Key.fresh(d.code(), fileName).value();
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < size; i++) bytes[i] = (byte) (i * 31);
        return bytes;
    }

    private static HistoryEntry last(Dossier d) { return d.history().get(d.history().size() - 1); }

    // ---- accepted ------------------------------------------------------------------------------

    @Test
    void the_sample_event_carries_a_url_encoded_vietnamese_key() throws IOException {
        JsonNode sample = Json.mapper().readTree(Files.readString(PROJECT.resolve("events/document-created-s3.json")));
        String raw = sample.path("Records").get(0).path("s3").path("object").path("key").asText();
        assertThat(raw).contains("+").contains("%C4%90%C6%A1n");
        assertThat(DocumentUpload.Key.parse(DocumentReceivedHandler.decode(raw)))
                .hasValueSatisfying(k -> assertThat(k.fileName()).isEqualTo("Đơn đề nghị cấp giấy phép.pdf"));
    }

    @Test
    void a_good_upload_is_registered_with_name_size_checksum_and_clerk_and_a_redelivery_changes_nothing() throws Exception {
        Dossier dossier = receivedDossier();
        byte[] content = pdf(70_000);
        Uploaded object = upload(key(dossier, "Đơn đề nghị cấp giấy phép.pdf"), "application/pdf", content, true);
        ObjectNode event = eventFor(object);

        invoke(handler(), event);

        Dossier after = reload(dossier);
        assertThat(after.documents()).hasSize(1);
        DossierDocument document = after.documents().get(0);
        assertThat(document.name()).isEqualTo("Đơn đề nghị cấp giấy phép.pdf");
        assertThat(document.key()).isEqualTo(object.key());
        assertThat(document.sizeBytes()).isEqualTo(70_000);
        assertThat(document.checksum()).isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(document.addedBy()).isEqualTo(Actor.clerk(CLERK_SUB));
        assertThat(document.addedAt()).isEqualTo(Instant.parse(event.path("Records").get(0).path("eventTime").asText()));
        assertThat(last(after).kind()).isEqualTo(EventKind.DOCUMENT_ATTACHED);
        assertThat(exists(object.key())).isTrue();

        invoke(handler(), event);
        assertThat(handler().handle(event.path("Records").get(0))).isEqualTo(DocumentCheck.Outcome.ALREADY_REGISTERED);

        assertThat(reload(dossier)).isEqualTo(after);
    }

    @Test
    void without_the_clerks_metadata_the_desk_system_is_the_actor() throws Exception {
        Dossier dossier = receivedDossier();
        Uploaded object = upload(key(dossier, "anh.png"), "image/png", PNG, false);

        invoke(handler(), eventFor(object));

        assertThat(reload(dossier).documents()).singleElement()
                .satisfies(d -> assertThat(d.addedBy()).isEqualTo(Actor.system("document-received")));
    }

    /** AWS's published sample S3 events carry {@code "versionId": ""}: no version, not a version named "". */
    @Test
    void an_empty_version_id_is_no_version_and_the_upload_is_registered() throws Exception {
        Dossier dossier = receivedDossier();
        Uploaded object = upload(key(dossier, "Tờ khai.pdf"), "application/pdf", pdf(3_000), true);
        ObjectNode event = eventFor(object);
        ((ObjectNode) event.path("Records").get(0).path("s3").path("object")).put("versionId", "");

        assertThat(handler().handle(event.path("Records").get(0))).isEqualTo(DocumentCheck.Outcome.REGISTERED);

        assertThat(reload(dossier).documents()).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo(object.key()));
        assertThat(handler().handle(event.path("Records").get(0))).isEqualTo(DocumentCheck.Outcome.ALREADY_REGISTERED);
    }

    /**
     * Finding 1 of issue 16: the upload URL reused within its validity with other bytes made the check quarantine the
     * new object, and the registered document's link answered 404. A later object at a registered key is set aside by
     * its own version; the registered version stays, and the dossier keeps its version id to serve it.
     */
    @Test
    void a_later_object_at_a_registered_key_never_unregisters_the_registered_one() throws Exception {
        Dossier dossier = receivedDossier();
        byte[] original = pdf(4_000);
        Uploaded first = upload(key(dossier, "Tờ khai gốc.pdf"), "application/pdf", original, true);
        invoke(handler(), eventFor(first));
        assertThat(reload(dossier).documents()).singleElement()
                .satisfies(d -> assertThat(d.versionId()).isEqualTo(Optional.ofNullable(first.versionId())));

        Uploaded intruder = upload(first.key(), "application/pdf", PNG, true); // the same URL again, other bytes
        assertThat(handler().handle(eventFor(intruder).path("Records").get(0))).isEqualTo(DocumentCheck.Outcome.REJECTED);

        Dossier after = reload(dossier);
        assertThat(after.documents()).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo(first.key()));
        assertThat(versionExists(first)).as("the registered version stays").isTrue();
        assertThat(versionExists(intruder)).as("the later one is set aside").isFalse();
        var stored = aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(first.key()).versionId(after.documents().get(0).versionId().orElse(null)));
        assertThat(stored.asByteArray()).isEqualTo(original);
    }

    // ---- rejected ------------------------------------------------------------------------------

    private void assertQuarantined(Dossier dossier, Uploaded object, String reason) {
        // The version the event names is gone. (Judged by version, not key: an SDK retry of the
        // test's own PUT on a busy machine can store a second version, which has its own event.)
        assertThat(versionExists(object)).as("left the dossier's prefix").isFalse();
        var moved = aws.s3().headObject(b -> b.bucket(bucket).key(DocumentUpload.QUARANTINE + object.key()));
        assertThat(moved.metadata()).containsEntry("rejected-reason", reason);
        if (dossier != null) {
            Dossier after = reload(dossier);
            assertThat(after.documents()).isEmpty();
            assertThat(last(after).kind()).isEqualTo(EventKind.DOCUMENT_REJECTED);
            assertThat(last(after).reason()).hasValueSatisfying(r -> assertThat(r).startsWith(reason + ": «"));
            assertThat(after.state()).isEqualTo(dossier.state());
        }
    }

    @Test
    void a_png_declared_as_pdf_is_quarantined_and_recorded_and_a_redelivery_changes_nothing() throws Exception {
        Dossier dossier = receivedDossier();
        Uploaded object = upload(key(dossier, "Bản sao CCCD.pdf"), "application/pdf", PNG, true);
        ObjectNode event = eventFor(object);

        invoke(handler(), event);

        assertQuarantined(dossier, object, "TYPE_MISMATCH");
        assertThat(last(reload(dossier)).reason().orElseThrow()).contains("«Bản sao CCCD.pdf»");
        Dossier after = reload(dossier);
        invoke(handler(), event);
        assertThat(reload(dossier)).isEqualTo(after);
    }

    @Test
    void an_html_page_declared_as_pdf_is_quarantined() throws Exception {
        Dossier dossier = receivedDossier();
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        Uploaded object = upload(key(dossier, "giay-to.pdf"), "application/pdf", html, true);

        invoke(handler(), eventFor(object));

        assertQuarantined(dossier, object, "TYPE_MISMATCH");
    }

    @Test
    void a_type_the_desk_does_not_take_and_an_empty_file_are_quarantined() throws Exception {
        Dossier dossier = receivedDossier();
        Uploaded html = upload(key(dossier, "trang.pdf"), "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8), true);
        invoke(handler(), eventFor(html));
        assertQuarantined(dossier, html, "UNSUPPORTED_TYPE");

        Uploaded empty = upload(key(dossier, "rong.pdf"), "application/pdf", new byte[0], true);
        invoke(handler(), eventFor(empty));
        assertQuarantined(null, empty, "EMPTY");
        assertThat(last(reload(dossier)).reason().orElseThrow()).startsWith("EMPTY");
    }

    @Test
    void an_over_size_object_is_quarantined_and_recorded() throws Exception {
        Dossier dossier = receivedDossier();
        Uploaded object = upload(key(dossier, "ban-ve.pdf"), "application/pdf", pdf(2_048), true);

        invoke(handler(1_024), eventFor(object));

        assertQuarantined(dossier, object, "TOO_LARGE");
    }

    @Test
    void an_upload_to_a_closed_dossier_is_quarantined_and_recorded() throws Exception {
        Dossier dossier = receivedDossier();
        var clerk = Actor.clerk(CLERK_SUB);
        var at = Instant.parse("2020-03-03T02:00:00Z");
        dossiers.apply(dossier.code(), new DossierEvent.WithdrawalRequested("w-" + dossier.code(), clerk, at, "Không còn nhu cầu"), Lifecycle.standard());
        dossiers.apply(dossier.code(), new DossierEvent.Stopped("s-" + dossier.code(), clerk, at, Optional.empty()), Lifecycle.standard());
        Dossier stopped = reload(dossier);
        Uploaded object = upload(key(dossier, "muon.pdf"), "application/pdf", pdf(500), true);

        invoke(handler(), eventFor(object));

        assertQuarantined(stopped, object, "DOSSIER_CLOSED");
    }

    @Test
    void an_upload_for_an_unknown_dossier_is_quarantined() throws Exception {
        Uploaded object = upload("dossiers/000.00.92.H48-200302-9999/" + UUID.randomUUID() + "/a.pdf", "application/pdf", pdf(300), true);

        invoke(handler(), eventFor(object));

        assertQuarantined(null, object, "UNKNOWN_DOSSIER");
    }

    @Test
    void keys_that_try_to_escape_are_not_registered_and_keys_outside_the_prefix_are_left_alone() throws Exception {
        Dossier dossier = receivedDossier();
        // s3proxy keeps objects as files and cannot store a key with a real "../" segment (S3 can:
        // DocumentUploadTest shows such keys do not parse); these it can store, and they are as hostile.
        String folder = "dossiers/" + dossier.code() + "/" + UUID.randomUUID() + "/";
        for (String key : List.of(folder + "..%2F..%2Fsecrets.pdf", folder + "..pdf", folder + "sub/a.pdf",
                "dossiers/" + dossier.code() + "/a.pdf")) {
            Uploaded climbing = upload(key, "application/pdf", pdf(300), true);
            invoke(handler(), eventFor(climbing));
            assertQuarantined(null, climbing, "MALFORMED_KEY");
        }

        Uploaded outside = upload("other/" + dossier.code() + "/a.pdf", "application/pdf", pdf(300), true);
        ObjectNode event = eventFor(outside);
        invoke(handler(), event);
        assertThat(handler().handle(event.path("Records").get(0))).isEqualTo(DocumentCheck.Outcome.IGNORED);
        assertThat(exists(outside.key())).isTrue();

        assertThat(reload(dossier)).isEqualTo(dossier);
    }

    @Test
    void a_failure_throws_so_lambda_retries_and_the_retry_finishes_the_work() throws Exception {
        Dossier dossier = receivedDossier();
        Uploaded object = upload(key(dossier, "to-khai.pdf"), "application/pdf", pdf(900), true);
        ObjectNode event = eventFor(object);
        var broken = new DocumentReceivedHandler(new DocumentCheck(new DossierRepository(aws.dynamoDb(), "no-such-table"),
                new S3UploadedFiles(objects()), DocumentUpload.DEFAULT_MAX_BYTES));

        assertThatThrownBy(() -> invoke(broken, event)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Lambda retries");
        assertThat(exists(object.key())).isTrue();

        invoke(handler(), event);
        assertThat(reload(dossier).documents()).hasSize(1);
    }
}
