package vn.motcua.documents;

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
import vn.motcua.edge.Log;
import vn.motcua.store.Dossiers;
import vn.motcua.store.UploadedFiles;
import vn.motcua.store.UploadedFiles.Head;
import vn.motcua.store.UploadedFiles.Location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What arrived in the documents bucket ({@code dossiers/} prefix), checked and registered on its dossier,
 * or set aside.
 *
 * <p>Per file: the key must have the shape the upload route hands out; the object's size must be within
 * the limit, its declared type one the desk takes, and its first bytes that type. A good file is hashed
 * (SHA-256, streamed) and attached with {@link DossierEvent.DocumentAttached}; a bad one, or one for a
 * dossier that is closed, is recorded with {@link DossierEvent.DocumentRejected} and moved to
 * {@code quarantine/<same key>}. Unknown dossiers and malformed keys have no dossier to record on: they are
 * moved and logged. Event ids are derived from the key and the object's version (or ETag), so a retry or a
 * duplicate delivery changes nothing; the rejection is recorded before the object moves, and a retry
 * finishes the move.
 */
public record DocumentCheck(Dossiers dossiers, UploadedFiles files, long maxBytes) {

    public static final Actor SYSTEM = Actor.system("document-received");
    public static final String UPLOADED_BY = "uploaded-by";
    public static final String REJECTED_REASON = "rejected-reason";
    private static final Pattern CLERK_ID = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    /** What became of one file; the tests read it, the logs say it. */
    public enum Outcome { REGISTERED, ALREADY_REGISTERED, REJECTED, QUARANTINED_UNKNOWN_DOSSIER, QUARANTINED_MALFORMED_KEY, GONE, IGNORED }

    /**
     * One file as the bucket announced it. {@code key} is decoded (null when its encoding was broken),
     * {@code versionId} null for none, {@code at} when it was created (the same on every delivery).
     */
    public record Arrival(String eventName, String bucket, String key, String versionId, String eTag, Instant at) {}

    private static final Lifecycle LIFECYCLE = Lifecycle.standard();

    public Outcome check(Arrival arrival) {
        String key = arrival.key();
        if (!arrival.eventName().startsWith("ObjectCreated:") || arrival.bucket().isEmpty() || key == null
                || !key.startsWith(DocumentUpload.PREFIX)) {
            // not ours to touch (the template filters on the prefix; this is the second lock)
            Log.warn("document.ignored").with("eventName", arrival.eventName()).with("keyHash", shortHash(String.valueOf(key))).write();
            return Outcome.IGNORED;
        }
        var file = new Location(arrival.bucket(), key, arrival.versionId());
        Optional<Head> found = files.head(file);
        if (found.isEmpty()) {
            // already moved by an earlier delivery, or deleted: nothing left to check
            Log.info("document.gone").with("keyHash", shortHash(key)).write();
            return Outcome.GONE;
        }
        Head head = found.get();
        Optional<Key> parsed = Key.parse(key);
        if (parsed.isEmpty()) {
            quarantine(file, head, "MALFORMED_KEY");
            Log.warn("document.quarantined").with("reason", "MALFORMED_KEY").with("keyHash", shortHash(key)).write();
            return Outcome.QUARANTINED_MALFORMED_KEY;
        }
        Key documentKey = parsed.get();
        String version = arrival.versionId() != null ? arrival.versionId() : Optional.ofNullable(arrival.eTag()).orElse(head.eTag());
        String identity = shortHash(key + "\n" + version);
        String attachId = "s3-" + identity;
        String rejectId = "s3-" + identity + "-rejected";

        Optional<Dossier> dossier = dossiers.find(documentKey.code());
        if (dossier.isEmpty()) {
            quarantine(file, head, "UNKNOWN_DOSSIER");
            log("document.quarantined", documentKey).with("reason", "UNKNOWN_DOSSIER").write();
            return Outcome.QUARANTINED_UNKNOWN_DOSSIER;
        }
        if (dossier.get().wasApplied(attachId)) {
            log("document.already_registered", documentKey).write();
            return Outcome.ALREADY_REGISTERED;
        }
        if (dossier.get().wasApplied(rejectId)) {
            // recorded by an earlier attempt that did not finish moving the object
            quarantine(file, head, "RECORDED");
            return Outcome.REJECTED;
        }

        if (dossier.get().documents().stream().anyMatch(d -> d.key().equals(key))) {
            // A later object at a registered key (an upload link used again, where the store ignored If-None-Match):
            // set aside by its own version, so the registered version stays and keeps being served. Without versions
            // the move would delete the only copy: left in place, recorded, and logged for an operator.
            if (arrival.versionId() == null || arrival.versionId().isBlank()) {
                Log.error("document.overwritten_unversioned").with("dossier", documentKey.code()).with("documentId", documentKey.documentId()).write();
                dossiers.apply(documentKey.code(), new DossierEvent.DocumentRejected(rejectId, SYSTEM, arrival.at(), documentKey.fileName(),
                        DocumentRejection.KEY_IN_USE), LIFECYCLE);
                return Outcome.REJECTED;
            }
            return reject(file, head, documentKey, rejectId, arrival.at(), DocumentRejection.KEY_IN_USE);
        }
        Optional<DocumentRejection> problem = problem(file, head);
        if (problem.isEmpty() && Lifecycle.next(dossier.get().state(), EventKind.DOCUMENT_ATTACHED).isEmpty()) {
            problem = Optional.of(DocumentRejection.DOSSIER_CLOSED);
        }
        if (problem.isPresent()) return reject(file, head, documentKey, rejectId, arrival.at(), problem.get());

        Actor actor = uploader(head);
        var document = new DossierDocument(documentKey.fileName(), key, head.contentLength(),
                "sha256:" + files.sha256(file, head.contentLength()), actor, arrival.at(), Optional.ofNullable(arrival.versionId()));
        Decision decision = dossiers.apply(documentKey.code(), new DossierEvent.DocumentAttached(attachId, actor, arrival.at(), document), LIFECYCLE);
        if (decision instanceof Refusal refusal) {
            // the dossier closed between our read and the write
            if (refusal.code() == RefusalCode.ILLEGAL_TRANSITION) {
                return reject(file, head, documentKey, rejectId, arrival.at(), DocumentRejection.DOSSIER_CLOSED);
            }
            throw new IllegalStateException("dossier " + documentKey.code() + " refused the document: " + refusal.code());
        }
        boolean duplicate = ((Decision.Applied) decision).duplicate();
        log(duplicate ? "document.already_registered" : "document.registered", documentKey)
                .with("size", head.contentLength()).with("actor", actor.role()).write();
        return duplicate ? Outcome.ALREADY_REGISTERED : Outcome.REGISTERED;
    }

    private Outcome reject(Location file, Head head, Key key, String rejectId, Instant at, DocumentRejection reason) {
        Decision decision = dossiers.apply(key.code(), new DossierEvent.DocumentRejected(rejectId, SYSTEM, at, key.fileName(), reason,
                Optional.of(key.documentId())), LIFECYCLE);
        if (decision instanceof Refusal refusal) {
            throw new IllegalStateException("dossier " + key.code() + " refused the rejection record: " + refusal.code());
        }
        quarantine(file, head, reason.name());
        log("document.rejected", key).with("reason", reason.name()).with("size", head.contentLength()).write();
        return Outcome.REJECTED;
    }

    /** Size first (cheap, and bounds what we read), then the declared type, then the first bytes. */
    private Optional<DocumentRejection> problem(Location file, Head head) {
        long size = head.contentLength();
        if (size == 0) return Optional.of(DocumentRejection.EMPTY);
        if (size > maxBytes) return Optional.of(DocumentRejection.TOO_LARGE);
        Optional<Type> declared = Type.ofContentType(head.contentType());
        if (declared.isEmpty()) return Optional.of(DocumentRejection.UNSUPPORTED_TYPE);
        byte[] first = files.firstBytes(file, Type.SNIFF_BYTES);
        return Type.sniff(first).equals(declared) ? Optional.empty() : Optional.of(DocumentRejection.TYPE_MISMATCH);
    }

    /** Moved to {@code quarantine/<key>} with the reason in its metadata. */
    private void quarantine(Location file, Head head, String reason) {
        var metadata = new LinkedHashMap<>(head.metadata());
        if (!"RECORDED".equals(reason)) metadata.put(REJECTED_REASON, reason);
        files.move(file, DocumentUpload.QUARANTINE + file.key(), head.contentType(), metadata);
    }

    /** The clerk the upload link was issued to (signed into the URL as metadata), else the desk system. */
    private static Actor uploader(Head head) {
        String clerk = head.metadata().get(UPLOADED_BY);
        return clerk != null && CLERK_ID.matcher(clerk).matches() ? Actor.clerk(clerk) : SYSTEM;
    }

    /** File names are personal data: logs carry the dossier code and the document id only. */
    private static Log log(String event, Key key) {
        return Log.info(event).with("dossier", key.code()).with("documentId", key.documentId());
    }

    public static String shortHash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
