package vn.motcua.portal;

import vn.motcua.domain.dossier.DossierCode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's answers, one record per dossier and sequence number, kept beside the dossier: a sender first claims
 * the number (one conditional write: {@link Claim}), sends, then records the answer guarded by its claim. A claim older
 * than the lease belongs to a sender that died and is taken over; a number answered is never sent again.
 */
public interface PortalAcks {

    enum Outcome { SENDING, ACKNOWLEDGED, REJECTED }

    /** One change's record: when it was sent, when and how the portal answered. */
    record Ack(DossierCode code, int seq, int status, Instant changedAt, Instant sentAt, Optional<Instant> answeredAt, Outcome outcome,
               String answer) {}

    sealed interface Claim {
        /** Yours: send, then {@link #answer}. */
        record Claimed(Instant sentAt) implements Claim {}

        /** Answered already: nothing to send. */
        record Done(Ack ack) implements Claim {}

        /** Another sender holds it (a duplicate message at the same moment): try later. */
        record Busy(Instant since) implements Claim {}
    }

    Claim claim(PortalChange change, Instant now, Duration lease);

    /** Records the portal's answer to a claimed change. */
    void answer(PortalChange change, Instant sentAt, Outcome outcome, String answer, Instant at);

    /** Gives up a claim whose send failed (the portal down or slow), so the next try need not wait for the lease. */
    void release(PortalChange change, Instant sentAt);

    /** The records of the dossier's changes 1..{@code lastSeq}, by sequence number. */
    Map<Integer, Ack> of(DossierCode code, int lastSeq);
}
