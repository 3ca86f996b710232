package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.aws.Environment;
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
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.Json;
import vn.motcua.functions.documentreceived.DocumentReceivedHandler;
import vn.motcua.functions.documents.DocumentsHandler;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;
import vn.motcua.store.DossierRepository;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan's whole way, with both functions built as Lambda builds them (no-arg constructors, their
 * environment from template.yaml): presign, the browser's PUT, the S3 event, the check and
 * registration, the download link.
 */
@LocalAws
class DocumentsFlowTest {

    private final TestStack aws;
    private final HttpClient http = HttpClient.newHttpClient();

    DocumentsFlowTest(TestStack aws) {
        this.aws = aws;
    }

    @AfterEach
    void restoreEnvironment() {
        Environment.clearLocalRun();
    }

    private static ObjectNode event(String file) throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(TemplateValidationTest.projectRoot().resolve("events/" + file)));
    }

    private static JsonNode call(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, JsonNode event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
        return out.size() == 0 ? Json.object() : Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void a_scan_is_presigned_uploaded_checked_registered_and_downloaded() throws Exception {
        Environment.useForLocalRun(aws.environmentFor("DocumentsFunction"));
        var documents = new DocumentsHandler();
        Environment.useForLocalRun(aws.environmentFor("DocumentReceivedFunction"));
        var received = new DocumentReceivedHandler();

        var dossiers = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        var code = DossierCode.of(ElectronicId.placeholder("000.00.92.H48"), LocalDate.of(2020, 3, 2), 7);
        var procedure = new Procedure("1.000173", false, new Name("Khai báo thiết bị X-quang", "X-ray declaration"),
                "so-khoa-hoc-cong-nghe", TimeLimit.workingDays(5),
                List.of(new RequiredDocument("Tờ khai", RequiredDocument.Form.ORIGINAL, 1, true)), Fee.none(), true,
                Optional.empty(), Optional.empty());
        var intake = new Dossier.Intake(UUID.randomUUID().toString(), code, procedure, "buu-dien-quang-ngai",
                Actor.clerk("7b1c2d3e-0000-4000-8000-00000000d001"), LocalDateTime.of(2020, 3, 2, 9, 0).atZone(Dossier.ZONE).toInstant(),
                LocalDate.of(2020, 3, 9), new Applicant("Trần Thị Bích", "051190000456", "0905123456", Optional.empty(), "12 Hùng Vương"),
                Channel.IN_PERSON, ResultReturn.atDesk(), "sha256:00");
        dossiers.create(((Decision.Applied) Dossier.receive(intake)).dossier());

        byte[] scan = new byte[50_000];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, scan, 0, 9);
        for (int i = 9; i < scan.length; i++) scan[i] = (byte) (i % 251);

        // the counter form asks for an upload link (the sample event's body, for this dossier)
        ObjectNode presign = event("documents-presign-post.json");
        ((ObjectNode) presign.path("pathParameters")).put("code", code.value());
        presign.put("body", Json.write(Json.object().put("fileName", "Đơn đề nghị cấp giấy phép.pdf")
                .put("contentType", "application/pdf").put("size", scan.length)));
        JsonNode answer = call(documents, presign);
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        JsonNode upload = Json.mapper().readTree(answer.path("body").asText());
        String key = upload.path("key").asText();

        // the browser PUTs the file with the headers it was told to send
        var put = HttpRequest.newBuilder(URI.create(upload.path("upload").path("url").asText()));
        upload.path("upload").path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        var stored = http.send(put.PUT(HttpRequest.BodyPublishers.ofByteArray(scan)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        // S3 reports the new object (the sample event, for this object)
        var head = aws.s3().headObject(b -> b.bucket(aws.bucket("DocumentsBucket")).key(key));
        ObjectNode created = event("document-created-s3.json");
        ObjectNode s3 = (ObjectNode) created.path("Records").get(0).path("s3");
        ((ObjectNode) s3.path("bucket")).put("name", aws.bucket("DocumentsBucket"));
        ((ObjectNode) s3.path("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", scan.length).put("eTag", head.eTag().replace("\"", "")).put("versionId", head.versionId());
        call(received, created);
        call(received, created);

        Dossier after = dossiers.find(code).orElseThrow();
        assertThat(after.documents()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("Đơn đề nghị cấp giấy phép.pdf");
            assertThat(d.sizeBytes()).isEqualTo(scan.length);
            assertThat(d.addedBy()).isEqualTo(Actor.clerk("7b1c2d3e-0000-4000-8000-00000000d001"));
        });
        assertThat(after.documents().get(0).checksum())
                .isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(scan)));
        assertThat(after.version()).as("the second delivery changed nothing").isEqualTo(2);

        // a clerk opens it
        ObjectNode link = event("documents-link-get.json");
        ((ObjectNode) link.path("pathParameters")).put("code", code.value()).put("documentId", upload.path("documentId").asText());
        JsonNode linked = call(documents, link);
        assertThat(linked.path("statusCode").asInt()).as(linked.toString()).isEqualTo(200);
        String url = Json.mapper().readTree(linked.path("body").asText()).path("url").asText();
        var download = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(scan);
    }
}
