package vn.motcua.departments;

import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.domain.dossier.RefusalCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Log;
import vn.motcua.edge.Metrics;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Rejections;
import vn.motcua.store.SeenMessages;
import vn.motcua.store.DepartmentRejection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /departments/{agencyId}/updates}: checks a department's update and queues it; the updates
 * function applies it. In order, each refusal answered with a code and Vietnamese words and recorded
 * ({@link Rejections}), nothing queued:
 * <ol>
 *   <li>the agency of the path has a signing secret, else 401 {@code UNKNOWN_AGENCY};</li>
 *   <li>the signature over timestamp and body with that secret, within the window: 401
 *       {@code MISSING_SIGNATURE}, {@code MALFORMED_SIGNATURE}, {@code STALE_TIMESTAMP}, {@code BAD_SIGNATURE}.
 *       From here the department is the agency of the path, proven by its key;</li>
 *   <li>the body: 400 {@code MALFORMED_JSON} / {@code EMPTY_BODY}, 422 {@code SCHEMA_VIOLATION};</li>
 *   <li>the dossier exists and is the department's own: 404 {@code UNKNOWN_DOSSIER}, 403 {@code WRONG_AGENCY}.
 *       Whether the move is legal in the dossier's state is for the updates function to judge, when the
 *       updates sent before this one have been applied;</li>
 *   <li>the message id, claimed per agency: 409 {@code DUPLICATE_MESSAGE} (already queued: nothing to do),
 *       409 {@code MESSAGE_ID_REUSED} (the id came before with another body).</li>
 * </ol>
 * Then the body is queued as signed, with the agency and the receipt time as attributes: 202.
 */
public record UpdateInbox(DepartmentSecrets secrets, Dossiers dossiers, SeenMessages messages, Rejections rejections,
                          UpdatesQueue queue, Clock clock, Lifecycle lifecycle) {

    /** Same rule as {@code common.schema.json#/$defs/agencyId}. */
    static final Pattern AGENCY_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+){0,20}");

    /**
     * One call as the endpoint got it. {@code rawBody} is the request body byte for byte, what the signature covers;
     * {@code body} the same decoded as UTF-8 (meaningful once the bytes are proven UTF-8).
     */
    public record Call(String agencyId, String timestamp, String signature, String body, String requestId, byte[] rawBody) {

        /** A call whose body is text already (the bytes are its UTF-8). */
        public Call(String agencyId, String timestamp, String signature, String body, String requestId) {
            this(agencyId, timestamp, signature, body, requestId, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        }

        public Call {
            rawBody = rawBody == null ? new byte[0] : rawBody;
        }
    }

    /** What the department hears when the dossier is another's: not whose it is. */
    public static final String WRONG_AGENCY_WORDS = "Hồ sơ này không thuộc thẩm quyền của cơ quan gửi thông điệp.";

    /** The update is queued (or was queued by an earlier try of this very message, then requeued). */
    public record Queued(String messageId, String dossierCode, Instant receivedAt) {}

    /** What became of a message, as {@code GET /departments/{agencyId}/updates/{messageId}} tells its sender. */
    public record Status(String messageId, String dossierCode, State state, Instant receivedAt, Optional<DepartmentRejection> refusal) {
        public enum State { QUEUED, APPLIED, REFUSED }
    }

    public Queued receive(Call call) throws BadInput {
        return recorded(call, seen -> check(call, clock.instant(), seen));
    }

    /**
     * The state of {@code messageId} for the agency that signs the call (a GET: the signature is over the
     * timestamp, a full stop and the empty body): queued, applied to its dossier, or refused with the
     * code and words the operators see. 404 {@code UNKNOWN_MESSAGE} for an id this agency never sent (or
     * longer ago than the door remembers). Refused calls are recorded like refused updates.
     */
    public Status status(Call call, String messageId) throws BadInput {
        return recorded(call, seen -> {
            String agency = authenticate(call, clock.instant());
            seen.authenticated = true;
            seen.messageId = messageId;
            var unknown = new BadInput(404, "UNKNOWN_MESSAGE", "Cơ quan chưa gửi thông điệp mã " + messageId
                    + " (hoặc đã gửi quá " + SeenMessages.RETENTION.toDays() + " ngày trước).", List.of());
            if (messageId == null || !messageId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")) throw unknown;
            var message = messages.find(agency, messageId).orElseThrow(() -> unknown);
            seen.dossierCode = message.dossierCode();
            var refusal = rejections.find(UpdateApplier.rejectionId(agency, messageId));
            Status.State state;
            if (refusal.isPresent()) {
                state = Status.State.REFUSED;
            } else {
                var dossier = dossiers.find(new vn.motcua.domain.dossier.DossierCode(message.dossierCode()));
                state = dossier.isPresent() && dossier.get().wasApplied(DepartmentUpdate.eventId(agency, messageId))
                        ? Status.State.APPLIED : Status.State.QUEUED;
            }
            return new Status(messageId, message.dossierCode(), state, message.receivedAt(), refusal);
        });
    }

    /** A step that may refuse the call; a refusal is recorded, logged and rethrown. */
    @FunctionalInterface
    private interface Step<T> {
        T run(Seen seen) throws BadInput;
    }

    /**
     * Runs {@code step}; a refusal of a call signed with a department's key is recorded (with an expiry) and logged. A call
     * nobody signed (no or a bad signature, an agency without a key) writes nothing: anyone can send those, and a write
     * per call would let them fill the table and crowd the departments out. It is counted (an EMF metric, by refusal
     * code only) and logged, without the path's agency (the caller chose it).
     */
    private <T> T recorded(Call call, Step<T> step) throws BadInput {
        Instant now = clock.instant();
        var seen = new Seen();
        try {
            return step.run(seen);
        } catch (BadInput refused) {
            String requestId = call.requestId() == null || call.requestId().isBlank() ? null : call.requestId();
            if (!seen.authenticated) {
                Metrics.count("UnauthenticatedDepartmentCalls", java.util.Map.of("Code", refused.code()), clock);
                Log.warn("department.update.unauthenticated").with("code", refused.code()).with("status", refused.status())
                        .with("requestId", requestId).write();
                throw refused;
            }
            String agency = call.agencyId();
            rejections.record(new DepartmentRejection("endpoint:" + (requestId == null ? UUID.randomUUID() : requestId), agency, now,
                    DepartmentRejection.Stage.ENDPOINT, refused.code(), refused.getMessage(),
                    Optional.ofNullable(seen.messageId), Optional.ofNullable(seen.dossierCode), Optional.ofNullable(requestId)));
            Log.warn("department.update.refused").with("agencyId", agency).with("code", refused.code()).with("status", refused.status())
                    .with("messageId", seen.messageId).with("dossier", seen.dossierCode).with("requestId", requestId).write();
            throw refused;
        }
    }

    /** What could be read of the body before a refusal, for the record. */
    private static final class Seen {
        String messageId, dossierCode;
        boolean authenticated;
    }

    /** The agency of the path, once the call is proven signed with its key. */
    private String authenticate(Call call, Instant now) throws BadInput {
        String agency = call.agencyId();
        if (agency == null || !AGENCY_ID.matcher(agency).matches()) throw unknownAgency();
        byte[] secret = secrets.secretOf(agency).orElseThrow(UpdateInbox::unknownAgency);
        // the signature covers the bytes as sent: decoding them first would turn a body that is not UTF-8 into other bytes
        var verdict = RequestSignature.verify(secret, call.timestamp(), call.signature(), call.rawBody(), now);
        if (!verdict.valid()) throw unsigned(verdict);
        return agency;
    }

    private Queued check(Call call, Instant now, Seen seen) throws BadInput {
        String agency = authenticate(call, now);
        seen.authenticated = true;
        String body = utf8(call.rawBody());

        DepartmentUpdate update = parse(body);
        seen.messageId = update.messageId();
        seen.dossierCode = update.dossierCode().value();

        // Whose dossier it is never changes, so it is checked here, where the department hears of it at once.
        // Whether the move is legal is left to the updates function: an update sent just before this one
        // may still be in the queue, and the dossier's state here would refuse what will be legal then.
        Dossier dossier = dossiers.find(update.dossierCode()).orElseThrow(() -> new BadInput(404, "UNKNOWN_DOSSIER",
                "Không có hồ sơ mã " + update.dossierCode().value() + ".", List.of()));
        if (lifecycle.apply(dossier, update.toEvent(Actor.department(agency), now)) instanceof Refusal refusal
                && refusal.code() == RefusalCode.WRONG_AGENCY) {
            throw new BadInput(403, refusal.code().name(), WRONG_AGENCY_WORDS, List.of());
        }

        var claim = messages.claim(agency, update.messageId(), update.dossierCode().value(), sha256(body), now);
        Instant receivedAt = now;
        if (claim instanceof SeenMessages.Claim.AlreadyQueued c) {
            throw new BadInput(409, "DUPLICATE_MESSAGE", "Thông điệp " + update.messageId() + " đã được nhận lúc " + c.firstReceivedAt()
                    + "; không cần gửi lại.", List.of(new BadInput.FieldError("messageId", "Mã thông điệp đã được dùng.")));
        }
        if (claim instanceof SeenMessages.Claim.Reused c) {
            throw new BadInput(409, "MESSAGE_ID_REUSED", "Mã thông điệp " + update.messageId() + " đã được dùng lúc " + c.firstReceivedAt()
                    + " cho một nội dung khác; mỗi thông điệp cần một mã riêng.",
                    List.of(new BadInput.FieldError("messageId", "Mã thông điệp đã được dùng cho nội dung khác.")));
        }
        if (claim instanceof SeenMessages.Claim.NotYetQueued c) receivedAt = c.firstReceivedAt();

        queue.send(agency, receivedAt, body);
        messages.markQueued(agency, update.messageId(), clock.instant());
        Log.info("department.update.queued").with("agencyId", agency).with("messageId", update.messageId())
                .with("dossier", update.dossierCode().value()).with("answer", update.answer().key())
                .with("requeued", claim instanceof SeenMessages.Claim.NotYetQueued).with("requestId", call.requestId()).write();
        return new Queued(update.messageId(), update.dossierCode().value(), receivedAt);
    }

    /** The signed bytes as text, refused when they are not UTF-8 (the contract's encoding). */
    private static String utf8(byte[] bytes) throws BadInput {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInput("INVALID_ENCODING", "Nội dung thông điệp phải được mã hóa UTF-8.", "body");
        }
    }

    private static DepartmentUpdate parse(String body) throws BadInput {
        try {
            return DepartmentUpdate.parse(body);
        } catch (BadInput e) {
            if (e.code().equals("SCHEMA_VIOLATION")) throw new BadInput(422, e.code(), e.getMessage(), e.fields());
            throw e;
        } catch (IllegalArgumentException e) { // a value the schema lets through but the contract's type does not
            throw new BadInput(422, "SCHEMA_VIOLATION", "Thông điệp DepartmentUpdate không hợp lệ: " + e.getMessage(), List.of());
        }
    }

    private static BadInput unknownAgency() {
        return new BadInput(401, "UNKNOWN_AGENCY", "Cơ quan trong đường dẫn không có trong danh mục hoặc chưa được cấp khóa ký.", List.of());
    }

    private static BadInput unsigned(RequestSignature.Verdict verdict) {
        return switch (verdict) {
            case MISSING_HEADERS -> new BadInput(401, "MISSING_SIGNATURE", "Thiếu tiêu đề " + RequestSignature.TIMESTAMP_HEADER + " hoặc "
                    + RequestSignature.SIGNATURE_HEADER + ".", List.of());
            case MALFORMED -> new BadInput(401, "MALFORMED_SIGNATURE", "Tiêu đề " + RequestSignature.TIMESTAMP_HEADER
                    + " phải là số giây Unix, " + RequestSignature.SIGNATURE_HEADER + " phải có dạng v1=<64 chữ số hệ 16>.", List.of());
            case STALE_TIMESTAMP -> new BadInput(401, "STALE_TIMESTAMP", "Thời điểm ký lệch quá " + RequestSignature.WINDOW.toMinutes()
                    + " phút so với đồng hồ của hệ thống; hãy ký lại với thời điểm hiện tại.", List.of());
            case BAD_SIGNATURE -> new BadInput(401, "BAD_SIGNATURE", "Chữ ký không khớp với nội dung và khóa ký của cơ quan.", List.of());
            case VALID -> throw new IllegalArgumentException("valid is not a refusal");
        };
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
