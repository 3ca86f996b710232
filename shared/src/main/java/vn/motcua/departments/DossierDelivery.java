package vn.motcua.departments;

import vn.motcua.contracts.DepartmentCallback;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;
import vn.motcua.store.Dossiers;
import vn.motcua.store.LinkSigner;
import vn.motcua.store.UnknownDossierException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dispatcher's work for one dispatch: build the {@link DepartmentCallback} from the dossier as it
 * stands (fresh download links), sign it with the department's own secret ({@link RequestSignature}),
 * POST it to the endpoint the catalog registers, and judge the answer:
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>5xx, 408, 429, a timeout, a refused or broken connection: {@link Result.RetryLater} after a delay
 *       that grows with the attempts ({@link #retryDelay}); the queue brings the message back, and after
 *       its maxReceiveCount parks it in the department's dead-letter queue (alarmed);</li>
 *   <li>any other 4xx: permanent; recorded on the dossier ({@link DossierEvent.DeliveryFailed}, shown in its
 *       history at the desk) and the message is done with.</li>
 * </ul>
 * The callback's {@code Idempotency-Key} is the dispatch id, the same on every try and on a duplicate
 * dispatch, so the department can deduplicate.
 */
public record DossierDelivery(Dossiers dossiers, Supplier<Catalog> catalog, DepartmentSecrets secrets, Links links,
                              Endpoint endpoint, Lifecycle lifecycle) {

    public static final Actor DISPATCHER = Actor.system("dispatcher");
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** How long a document link in a callback works: enough to fetch the files, not to share them. */
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(10);

    /** One HTTP POST; an unreachable endpoint or a timeout throws {@link IOException}. */
    @FunctionalInterface
    public interface Endpoint {
        Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException;
    }

    public record Answer(int status, String body) {}

    /** A stored document as the department sees it: content type and a link valid until {@code expiresAt}. */
    @FunctionalInterface
    public interface Links {
        DepartmentCallback.Document link(DossierDocument document, Instant expiresAt);
    }

    public sealed interface Result {
        record Delivered(int status) implements Result {}
        record RetryLater(Duration delay, String why) implements Result {}
        /** @param recorded false when the dossier refused the record (it is closed) */
        record Refused(int status, boolean recorded) implements Result {}
        record Skipped(String why) implements Result {}
    }

    /**
     * Delivers one dispatch that came through {@code queueAgency}'s queue (the department's identity: a
     * dispatch naming another agency is refused, never sent). Throws for what a retry may cure or an
     * operator must see (unknown dossier or agency, no secret): the message is retried and, at worst, parked.
     *
     * @param attempt the message's receive count, 1 on the first try
     */
    public Result deliver(DepartmentDispatch dispatch, String queueAgency, int attempt, Instant now) {
        if (!dispatch.agencyId().equals(queueAgency)) {
            throw new IllegalArgumentException("dispatch " + dispatch.dispatchId() + " names " + dispatch.agencyId()
                    + " but came through the queue of " + queueAgency + ": not sent");
        }
        var cat = catalog.get();
        var agency = cat.agency(queueAgency).orElseThrow(() -> new IllegalStateException("agency " + queueAgency + " is not in the catalog"));
        var dossier = dossiers.find(dispatch.dossierCode()).orElseThrow(() -> new UnknownDossierException(dispatch.dossierCode()));
        var owedKey = OwedWork.key(OwedWork.DISPATCH, dispatch.dispatchId());
        // a withdrawal is news only while the dossier awaits the department's acknowledgement; anything else only while open
        boolean deliverable = dispatch.reason() == DepartmentDispatch.Reason.WITHDRAWN
                ? dossier.state() == vn.motcua.domain.dossier.DossierState.WITHDRAWAL_REQUESTED : dossier.state().isOpen();
        if (!deliverable) {
            dossiers.settle(dossier.code(), OutboxChange.settling(owedKey)); // nothing left to deliver: no longer owed
            return new Result.Skipped("dossier is " + dossier.state());
        }
        var procedure = cat.procedure(dossier.procedureCode()).map(p -> p.name().vi()).orElse(dossier.procedureCode());
        Instant expires = now.plus(LINK_LIFETIME);
        var callback = DepartmentCallback.of(dispatch, dossier, procedure, now, d -> links.link(d, expires));
        byte[] body = callback.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] secret = secrets.secretOf(queueAgency).orElseThrow(() -> new IllegalStateException("no signing secret for " + queueAgency));

        long timestamp = now.getEpochSecond();
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        headers.put(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(secret, timestamp, body));
        headers.put(IDEMPOTENCY_HEADER, dispatch.dispatchId());

        Answer answer;
        try {
            answer = endpoint.post(agency.callback().url(), headers, body, agency.callback().timeout());
        } catch (IOException e) {
            return new Result.RetryLater(retryDelay(attempt), "unreachable: " + e.getClass().getSimpleName());
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            // done: the outbox entry the transfer wrote is settled (idempotent; a failure here retries the callback,
            // which carries the same Idempotency-Key, as the contract allows)
            dossiers.settle(dossier.code(), OutboxChange.settling(owedKey));
            return new Result.Delivered(status);
        }
        if (status >= 500 || status == 408 || status == 429 || status < 200 || (status >= 300 && status < 400)) {
            return new Result.RetryLater(retryDelay(attempt), "HTTP " + status);
        }
        var failed = new DossierEvent.DeliveryFailed("dispatcher:" + dispatch.dispatchId() + ":refused", DISPATCHER, now,
                queueAgency, status, detail(answer.body()));
        // refused for good: recorded on the dossier and settled in the same write
        Decision decision = dossiers.apply(dossier.code(), failed, lifecycle, OutboxChange.settling(owedKey));
        return new Result.Refused(status, !(decision instanceof Refusal));
    }

    /**
     * 30 s, 2 min, 8 min, 32 min, about 2 h and 8.5 h, then SQS's longest, 12 h: a department down for a
     * night gets its dossiers in the morning, with few wasted calls.
     */
    public static Duration retryDelay(int attempt) {
        long seconds = 30L;
        for (int i = 1; i < attempt && seconds < 43_200; i++) seconds *= 4;
        return Duration.ofSeconds(Math.min(seconds, 43_200));
    }

    /** What the department said, as printable text and short: it goes into the dossier's history. */
    static String detail(String body) {
        if (body == null) return "";
        String text = body.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** A document as the department downloads it: a GET link of {@link #LINK_LIFETIME}, signed with this function's read rights. */
    public static DepartmentCallback.Document link(DossierDocument document, LinkSigner links, Instant expiresAt) {
        var link = links.download(document.key(), document.versionId(), null, LINK_LIFETIME);
        try {
            return DepartmentCallback.Document.of(document, contentType(document.key()), link.url().toURI(), expiresAt);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the presigner made a malformed link", e);
        }
    }

    /** The content type a department's system expects for a stored document, from its file name. */
    public static String contentType(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".pdf")) return "application/pdf";
        if (k.endsWith(".jpg") || k.endsWith(".jpeg")) return "image/jpeg";
        if (k.endsWith(".png")) return "image/png";
        if (k.endsWith(".tif") || k.endsWith(".tiff")) return "image/tiff";
        return "application/octet-stream";
    }
}
