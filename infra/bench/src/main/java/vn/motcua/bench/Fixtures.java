package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.sync.RequestBody;
import vn.motcua.departments.DepartmentSecrets;
import vn.motcua.departments.RequestSignature;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.Json;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.store.DossierRepository;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a sample event of {@code events/} real before each measured run, so that every run does the
 * full work of a successful call rather than answering 404 or "already done": a fresh dossier in the
 * state the route needs (its code put in the path, the rawPath and any message body), a fresh
 * Idempotency-Key, the uploaded object an S3 event names. Generic by event shape, so a new function's
 * sample gets the same treatment; what it cannot make real shows as a non-2xx status in the results.
 */
final class Fixtures {

    /** Procedures of the seed catalog: Science and Technology, and Education and Training. */
    static final String KHCN = "1.000173", GDDT = "2.001914";
    private static final Instant RECEIVED_AT = Receipts.vn(2020, 3, 4, 9, 0);

    private final LocalAwsStack stack;
    private final DossierRepository dossiers;
    private final Receipts receipts;
    private final String bucket;
    private final DepartmentSecrets secrets;
    private final AtomicInteger sequence = new AtomicInteger();

    /** @param secretsJson the departments' dev signing secrets (what DEPARTMENT_SECRETS holds in the bench) */
    Fixtures(LocalAwsStack stack, DossierRepository dossiers, Receipts receipts, String bucket, String secretsJson) {
        this.stack = stack;
        this.dossiers = dossiers;
        this.receipts = receipts;
        this.bucket = bucket;
        this.secrets = DepartmentSecrets.fromJson(secretsJson, "department secrets");
    }

    /** The sample made real, as the bytes the runtime would receive. */
    byte[] prepare(JsonNode sample) {
        ObjectNode event = sample.deepCopy();
        if (event.has("routeKey")) http(event);
        else if (event.path("Records").isArray() && event.path("Records").size() > 0) records((ArrayNode) event.get("Records"));
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }

    private void http(ObjectNode event) {
        String route = event.path("routeKey").asText();
        if (event.path("headers").has("idempotency-key")) {
            ((ObjectNode) event.get("headers")).put("idempotency-key", UUID.randomUUID().toString());
        }
        JsonNode params = event.path("pathParameters");
        if (event.path("headers").has("x-motcua-signature")) {
            departmentUpdate(event, params.path("agencyId").asText());
            return;
        }
        if (!params.has("code")) return;
        String oldCode = params.path("code").asText();
        Dossier dossier = route.endsWith("/returned") || route.endsWith("/delivered") ? resultReady() : received(KHCN);
        String code = dossier.code().value();
        String rawPath = event.path("rawPath").asText().replace(oldCode, code);
        ((ObjectNode) params).put("code", code);
        if (params.has("documentId")) {
            String oldId = params.path("documentId").asText();
            String documentId = registeredDocument(dossier);
            ((ObjectNode) params).put("documentId", documentId);
            rawPath = rawPath.replace(oldId, documentId);
        }
        event.put("rawPath", rawPath);
        if (event.path("requestContext").path("http").isObject()) {
            ((ObjectNode) event.get("requestContext").get("http")).put("path", rawPath);
        }
    }

    /**
     * A department's update made real: about a fresh dossier of its own, a message id never used, sent now
     * and signed with the department's secret, as its software would send it (else 401, 404 or 409).
     */
    private void departmentUpdate(ObjectNode event, String agency) {
        ObjectNode body;
        try {
            body = (ObjectNode) Json.mapper().readTree(event.path("body").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the sample department update's body is not JSON", e);
        }
        body.put("dossierCode", received(KHCN).code().value());
        body.put("messageId", "bench-" + UUID.randomUUID());
        // ISO_OFFSET_DATE_TIME, not toString(): toString() drops ":00" seconds, which the contract's date-time refuses
        body.put("sentAt", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(7)).withNano(0)));
        String text = Json.write(body);
        long now = Instant.now().getEpochSecond();
        byte[] secret = secrets.secretOf(agency).orElseThrow(() -> new IllegalStateException("no dev secret for " + agency));
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("x-motcua-timestamp", Long.toString(now));
        headers.put("x-motcua-signature", RequestSignature.sign(secret, now, text.getBytes(StandardCharsets.UTF_8)));
        headers.put("content-length", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
        event.put("body", text);
    }

    /**
     * A batch of one record, as a queue that is not backed up delivers it (the samples hold several, in
     * states a fresh dossier does not have), made real: the S3 object uploaded, or the message's dossier
     * fresh and in the state the message needs (a notice's event in its history, a department's update
     * after the transfer to it).
     */
    private void records(ArrayNode records) {
        while (records.size() > 1) records.remove(records.size() - 1);
        for (JsonNode r : records) {
            ObjectNode record = (ObjectNode) r;
            if ("aws:s3".equals(record.path("eventSource").asText())) upload(record);
            if (record.has("body")) {
                record.put("messageId", UUID.randomUUID().toString());
                JsonNode parsed;
                try {
                    parsed = Json.mapper().readTree(record.path("body").asText());
                } catch (java.io.IOException e) {
                    continue; // not JSON: left as the sample has it
                }
                if (!(parsed instanceof ObjectNode body) || !body.has("dossierCode")) continue;
                Dossier dossier;
                if (body.has("eventKind")) {            // a notification job: the event it names is the dossier's receipt
                    dossier = received(KHCN);
                    body.put("eventKind", "received").put("eventId", dossier.history().get(0).eventId());
                } else if (body.has("messageId")) {     // a department's update: after the transfer to that department
                    dossier = transferred(KHCN);
                    body.put("messageId", "bench-" + UUID.randomUUID());
                } else {                                // a routing job, a dispatch: a dossier just received
                    dossier = received(KHCN);
                }
                String old = body.path("dossierCode").asText();
                String text = Json.write(body);
                record.put("body", text.replace(old, dossier.code().value()));
            }
        }
    }

    /** Received, then transferred to its department by the router. */
    private Dossier transferred(String procedure) {
        var d = received(procedure);
        return receipts.apply(d, new DossierEvent.Transferred(Receipts.id(), Receipts.ROUTER, Receipts.vn(2020, 3, 4, 10, 0), d.agencyId()));
    }

    /** Stores a small PDF under a fresh dossier's prefix and points the S3 record at it. */
    private void upload(ObjectNode record) {
        Dossier dossier = received(KHCN);
        var key = DocumentUpload.Key.fresh(dossier.code(), "Đơn đề nghị cấp giấy phép.pdf");
        byte[] content = pdf(4_096);
        var put = stack.s3().putObject(b -> b.bucket(bucket).key(key.value()).contentType("application/pdf")
                .metadata(java.util.Map.of("uploaded-by", "7b1c2d3e-0000-4000-8000-00000000d001")), RequestBody.fromBytes(content));
        ObjectNode s3 = (ObjectNode) record.path("s3");
        ((ObjectNode) s3.path("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = (ObjectNode) s3.path("object");
        object.put("key", URLEncoder.encode(key.value(), StandardCharsets.UTF_8).replace("%2F", "/"));
        object.put("size", content.length);
        object.put("eTag", put.eTag().replace("\"", ""));
        if (put.versionId() != null) object.put("versionId", put.versionId());
        else object.remove("versionId");
    }

    Dossier received(String procedure) {
        return received(procedure, ResultReturn.atDesk());
    }

    private Dossier received(String procedure, ResultReturn resultReturn) {
        return receipts.receive(procedure, sequence.incrementAndGet(), RECEIVED_AT, LocalDate.of(2020, 3, 18),
                resultReturn, "K7M2QXPA");
    }

    /** Decided and back at the desk, the citizen having asked for the result by post (the sample's "returned" by_post). */
    private Dossier resultReady() {
        var d = received(GDDT, ResultReturn.byPost(Receipts.POSTAL_ADDRESS));
        return receipts.apply(d,
                new DossierEvent.Transferred(Receipts.id(), Receipts.ROUTER, Receipts.vn(2020, 3, 4, 10, 0), d.agencyId()),
                new DossierEvent.Accepted(Receipts.id(), Receipts.officerOf(d), Receipts.vn(2020, 3, 4, 11, 0)),
                new DossierEvent.ResultReady(Receipts.id(), Receipts.officerOf(d), Receipts.vn(2020, 3, 11, 16, 0),
                        new Outcome.Approved(List.of("results/x.pdf"))));
    }

    /** Stores a file under the dossier's prefix and registers it, as the document-received function does. */
    private String registeredDocument(Dossier dossier) {
        var key = DocumentUpload.Key.fresh(dossier.code(), "Giấy phép cũ.pdf");
        byte[] content = pdf(1_234);
        stack.s3().putObject(b -> b.bucket(bucket).key(key.value()).contentType("application/pdf"), RequestBody.fromBytes(content));
        Actor clerk = Actor.clerk("7b1c2d3e-0000-4000-8000-00000000d001");
        var document = new DossierDocument("Giấy phép cũ.pdf", key.value(), content.length, "sha256:" + "ab".repeat(32), clerk,
                Instant.parse("2020-03-04T02:10:00Z"));
        receipts.apply(dossier, new DossierEvent.DocumentAttached("s3-" + key.documentId(), clerk, document.addedAt(), document));
        return key.documentId();
    }

    static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < size; i++) bytes[i] = (byte) ('a' + i % 26);
        return bytes;
    }
}
