package vn.motcua.functions.documentreceived;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.desk.DocumentUpload.Key;
import vn.motcua.desk.DocumentUpload.Type;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DocumentRejection;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.domain.dossier.RefusalCode;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.store.DossierRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3 {@code ObjectCreated} on the documents bucket ({@code dossiers/} prefix): checks what arrived
 * and registers it on its dossier, or sets it aside.
 *
 * <p>Per record: the key must have the shape the upload route hands out; the object's size must be
 * within the limit, its declared type one the desk takes, and its first bytes that type. A good file
 * is hashed (SHA-256, streamed) and attached with {@link DossierEvent.DocumentAttached}; a bad one,
 * or one for a dossier that is closed, is recorded with {@link DossierEvent.DocumentRejected} and
 * moved to {@code quarantine/<same key>}. Unknown dossiers and malformed keys have no dossier to
 * record on: they are moved and logged.
 *
 * <p>S3 invokes this asynchronously: a failure throws, and Lambda retries the event. Event ids are
 * derived from the key and the object's version (or ETag), so a retry or a duplicate S3 delivery
 * changes nothing; the rejection is recorded before the object moves, and a retry finishes the move.
 */
public final class DocumentReceivedHandler implements RequestStreamHandler {

    static final Actor SYSTEM = Actor.system("document-received");
    static final String UPLOADED_BY = "uploaded-by";
    static final String REJECTED_REASON = "rejected-reason";
    private static final Pattern CLERK_ID = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    private final DossierRepository dossiers;
    private final S3Client s3;
    private final long maxBytes;
    private final Lifecycle lifecycle = Lifecycle.standard();

    public DocumentReceivedHandler() {
        this(new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")), AwsClients.s3(),
                DocumentUpload.maxBytes(Environment.get("MAX_DOCUMENT_BYTES")));
        // a key outside dossiers/ (the function takes its bucket from each record, and has no bucket of its own to
        // name here): read and set aside without a call; the S3 pipeline is warmed by the SDK
        Priming.register(this, "priming/document-received.json", List.of(DynamoDbClient.class, S3Client.class));
    }

    DocumentReceivedHandler(DossierRepository dossiers, S3Client s3, long maxBytes) {
        this.dossiers = dossiers;
        this.s3 = s3;
        this.maxBytes = maxBytes;
    }

    /** What became of one record; the tests read it, the logs say it. */
    enum Outcome { REGISTERED, ALREADY_REGISTERED, REJECTED, QUARANTINED_UNKNOWN_DOSSIER, QUARANTINED_MALFORMED_KEY, GONE, IGNORED }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.read(input);
        int failed = 0;
        int total = 0;
        RuntimeException first = null;
        for (JsonNode record : event.path("Records")) {
            total++;
            try {
                handle(record);
            } catch (RuntimeException e) {
                failed++;
                if (first == null) first = e;
                Log.error("document.check.failed").with("requestId", context == null ? null : context.getAwsRequestId())
                        .with("sequencer", record.path("s3").path("object").path("sequencer").asText(null)).error(e).write();
            }
        }
        if (failed > 0) {
            // the records that succeeded are idempotent: the retry of the whole event changes nothing for them
            throw new IllegalStateException(failed + " of " + total + " uploaded objects could not be checked; Lambda retries the event", first);
        }
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }

    Outcome handle(JsonNode record) {
        String eventName = record.path("eventName").asText("");
        JsonNode object = record.path("s3").path("object");
        String bucket = record.path("s3").path("bucket").path("name").asText("");
        String key = decode(object.path("key").asText(""));
        if (!eventName.startsWith("ObjectCreated:") || bucket.isEmpty() || key == null || !key.startsWith(DocumentUpload.PREFIX)) {
            // not ours to touch (the template filters on the prefix; this is the second lock)
            Log.warn("document.ignored").with("eventName", eventName).with("keyHash", shortHash(String.valueOf(key))).write();
            return Outcome.IGNORED;
        }
        // AWS's published sample events carry "versionId": "" for an unversioned object: that is no version
        String versionId = Optional.ofNullable(Json.text(object, "versionId")).filter(v -> !v.isBlank()).orElse(null);
        var t = new Target(bucket, key, versionId);

        Optional<Head> found = head(t);
        if (found.isEmpty()) {
            // already moved by an earlier delivery, or deleted: nothing left to check
            Log.info("document.gone").with("keyHash", shortHash(key)).write();
            return Outcome.GONE;
        }
        Head head = found.get();
        Optional<Key> parsed = Key.parse(key);
        if (parsed.isEmpty()) {
            quarantine(t, head, "MALFORMED_KEY");
            Log.warn("document.quarantined").with("reason", "MALFORMED_KEY").with("keyHash", shortHash(key)).write();
            return Outcome.QUARANTINED_MALFORMED_KEY;
        }
        Key documentKey = parsed.get();
        String version = versionId != null ? versionId : Optional.ofNullable(Json.text(object, "eTag")).orElse(head.eTag());
        String identity = shortHash(key + "\n" + version);
        String attachId = "s3-" + identity;
        String rejectId = "s3-" + identity + "-rejected";
        Instant at = eventTime(record);

        Optional<Dossier> dossier = dossiers.find(documentKey.code());
        if (dossier.isEmpty()) {
            quarantine(t, head, "UNKNOWN_DOSSIER");
            log("document.quarantined", documentKey).with("reason", "UNKNOWN_DOSSIER").write();
            return Outcome.QUARANTINED_UNKNOWN_DOSSIER;
        }
        if (dossier.get().wasApplied(attachId)) {
            log("document.already_registered", documentKey).write();
            return Outcome.ALREADY_REGISTERED;
        }
        if (dossier.get().wasApplied(rejectId)) {
            // recorded by an earlier attempt that did not finish moving the object
            quarantine(t, head, "RECORDED");
            return Outcome.REJECTED;
        }

        Optional<DocumentRejection> problem = check(t, head);
        if (problem.isEmpty() && Lifecycle.next(dossier.get().state(), EventKind.DOCUMENT_ATTACHED).isEmpty()) {
            problem = Optional.of(DocumentRejection.DOSSIER_CLOSED);
        }
        if (problem.isPresent()) return reject(t, head, documentKey, rejectId, at, problem.get());

        Actor actor = uploader(head);
        var document = new DossierDocument(documentKey.fileName(), key, head.contentLength(), "sha256:" + sha256(t, head.contentLength()),
                actor, at);
        Decision decision = dossiers.apply(documentKey.code(), new DossierEvent.DocumentAttached(attachId, actor, at, document), lifecycle);
        if (decision instanceof Refusal refusal) {
            // the dossier closed between our read and the write
            if (refusal.code() == RefusalCode.ILLEGAL_TRANSITION) {
                return reject(t, head, documentKey, rejectId, at, DocumentRejection.DOSSIER_CLOSED);
            }
            throw new IllegalStateException("dossier " + documentKey.code() + " refused the document: " + refusal.code());
        }
        boolean duplicate = ((Decision.Applied) decision).duplicate();
        log(duplicate ? "document.already_registered" : "document.registered", documentKey)
                .with("size", head.contentLength()).with("actor", actor.role()).write();
        return duplicate ? Outcome.ALREADY_REGISTERED : Outcome.REGISTERED;
    }

    private record Target(String bucket, String key, String versionId) {}

    private Outcome reject(Target t, Head head, Key key, String rejectId, Instant at, DocumentRejection reason) {
        Decision decision = dossiers.apply(key.code(), new DossierEvent.DocumentRejected(rejectId, SYSTEM, at, key.fileName(), reason), lifecycle);
        if (decision instanceof Refusal refusal) {
            throw new IllegalStateException("dossier " + key.code() + " refused the rejection record: " + refusal.code());
        }
        quarantine(t, head, reason.name());
        log("document.rejected", key).with("reason", reason.name()).with("size", head.contentLength()).write();
        return Outcome.REJECTED;
    }

    /** Size first (cheap, and bounds what we read), then the declared type, then the first bytes. */
    private Optional<DocumentRejection> check(Target t, Head head) {
        long size = head.contentLength();
        if (size == 0) return Optional.of(DocumentRejection.EMPTY);
        if (size > maxBytes) return Optional.of(DocumentRejection.TOO_LARGE);
        Optional<Type> declared = Type.ofContentType(head.contentType());
        if (declared.isEmpty()) return Optional.of(DocumentRejection.UNSUPPORTED_TYPE);
        byte[] first = s3.getObjectAsBytes(g -> g.bucket(t.bucket()).key(t.key()).versionId(t.versionId())
                .range("bytes=0-" + (Type.SNIFF_BYTES - 1))).asByteArray();
        return Type.sniff(first).equals(declared) ? Optional.empty() : Optional.of(DocumentRejection.TYPE_MISMATCH);
    }

    /** What S3 says of the object, empty when it (or that version) is not there. */
    private Optional<Head> head(Target t) {
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(t.bucket()).key(t.key()).versionId(t.versionId()));
            return Optional.of(new Head(h.contentLength(), h.contentType(), h.eTag(), h.metadata()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    /** The head of an object: its metadata keys without the {@code x-amz-meta-} prefix. */
    private record Head(long contentLength, String contentType, String eTag, Map<String, String> metadata) {}

    /** Copy to {@code quarantine/<key>} with the reason in its metadata, then delete the original version. */
    private void quarantine(Target t, Head head, String reason) {
        var metadata = new LinkedHashMap<>(head.metadata());
        if (!"RECORDED".equals(reason)) metadata.put(REJECTED_REASON, reason);
        s3.copyObject(b -> b.sourceBucket(t.bucket()).sourceKey(t.key()).sourceVersionId(t.versionId())
                .destinationBucket(t.bucket()).destinationKey(DocumentUpload.QUARANTINE + t.key())
                .contentType(head.contentType()).metadataDirective(MetadataDirective.REPLACE).metadata(metadata));
        // with a version id the version itself goes (a plain delete would leave it behind a delete marker)
        s3.deleteObject(b -> b.bucket(t.bucket()).key(t.key()).versionId(t.versionId()));
    }

    private String sha256(Target t, long expectedSize) {
        MessageDigest sha = digest();
        long read = 0;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(g -> g.bucket(t.bucket()).key(t.key()).versionId(t.versionId()))) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                read += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded object failed", e);
        }
        if (read != expectedSize) throw new IllegalStateException("read " + read + " bytes of an object of " + expectedSize);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The clerk the upload link was issued to (signed into the URL as metadata), else the desk system. */
    private static Actor uploader(Head head) {
        String clerk = head.metadata().get(UPLOADED_BY);
        return clerk != null && CLERK_ID.matcher(clerk).matches() ? Actor.clerk(clerk) : SYSTEM;
    }

    /** S3 event keys are form-encoded (a space is '+'); null when the encoding is broken. */
    static String decode(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** When S3 created the object: the same on every delivery, so a retry writes the same document. */
    private static Instant eventTime(JsonNode record) {
        try {
            return Instant.parse(record.path("eventTime").asText(""));
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** File names are personal data: logs carry the dossier code and the document id only. */
    private static Log log(String event, Key key) {
        return Log.info(event).with("dossier", key.code()).with("documentId", key.documentId());
    }

    static String shortHash(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
