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

    record Bound(DossierCode code) implements IdempotencyClaim {}

    record InProgress(Instant since) implements IdempotencyClaim {}

    record Mismatch() implements IdempotencyClaim {}
}
