package vn.motcua.store;

import vn.motcua.domain.dossier.Dossier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The notices sent (or decided not to be sent) per dossier and event, or per staff mail and day: a sender
 * claims a notice before sending, then records what became of it, so that a notice goes once. The port of
 * the notifier and the deadline watch; {@link NoticeLedger} keeps them in the dossier table (and says what
 * each step promises), {@link InMemorySentNotices} in memory.
 */
public interface SentNotices {

    /** What claiming found. */
    sealed interface Claim {
        /** Yours: send, then {@link #record} or {@link #release}. */
        record Claimed(long token) implements Claim {}
        /** Already decided (sent or not sent): nothing to do. */
        record Done(NoticeRecord record) implements Claim {}
        /** Another sender holds a live claim: try again after the lease. */
        record InProgress(Instant since) implements Claim {}
    }

    Claim claim(String scope, String id, String notice, Instant now);

    /** Records the outcome of a claimed notice; false when the claim was taken over meanwhile. */
    boolean record(NoticeRecord record, long token);

    /** Gives a claim back after a failed send. */
    void release(String scope, String id, long token);

    /** The decided notice for {@code scope}/{@code id}, if any (a live claim is not one). */
    Optional<NoticeRecord> find(String scope, String id);

    /** The decided notices of a dossier, in the order of its history. */
    List<NoticeRecord> of(Dossier dossier);
}
