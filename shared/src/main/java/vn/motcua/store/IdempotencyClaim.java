package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;

import java.time.Instant;

/**
 * What claiming an {@code Idempotency-Key} found. The intake acts on it:
 * <ul>
 *   <li>{@link Claimed}: the key is this request's; take a code, {@linkplain DossierRepository#bindIdempotencyKey
 *       bind} it to the key, then create the dossier;</li>
 *   <li>{@link Bound}: an earlier request with the same body got this code: answer with that dossier (create it
 *       with this code if it is not there yet: the earlier request stopped between binding and creating);</li>
 *   <li>{@link InProgress}: an earlier request with the same body is still running: ask the caller to retry;</li>
 *   <li>{@link Mismatch}: the key was used for a different request: refuse.</li>
 * </ul>
 */
public sealed interface IdempotencyClaim {

    record Claimed() implements IdempotencyClaim {}

    /**
     * @param receiptSecret the plain lookup secret the first request printed, when it was bound with one:
     *                      a retry whose first answer was lost can print the same receipt again; it lives
     *                      only as long as the key (the dossier keeps only a hash)
     */
    record Bound(DossierCode code, java.util.Optional<String> receiptSecret) implements IdempotencyClaim {
        public Bound {
            receiptSecret = receiptSecret == null ? java.util.Optional.empty() : receiptSecret;
        }

        public Bound(DossierCode code) { this(code, java.util.Optional.empty()); }
    }

    record InProgress(Instant since) implements IdempotencyClaim {}

    record Mismatch() implements IdempotencyClaim {}
}
