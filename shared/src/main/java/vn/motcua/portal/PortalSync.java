package vn.motcua.portal;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Log;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;
import vn.motcua.store.Dossiers;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The sync of one dossier with the national portal: sends what the dossier owes the portal ({@link PortalOwes}) one
 * change at a time, LOWEST SEQUENCE FIRST, and marks each done when the portal answered. Whatever message woke it (the
 * fast path, the sweep's re-queue, a duplicate, one overtaken by a later change) it does the same: the dossier's
 * outbox, not the message, says what to send next, so a later status never reaches the portal before an earlier
 * one, and a change answered is never sent again ({@link PortalAcks}: claimed before sending, answered after).
 *
 * <p>The portal down or too slow: {@link NationalPortal.Unavailable} is thrown, nothing is marked, the message comes
 * back (the queue's retries, then the sweep's). The portal refusing a record (4xx): a permanent failure, recorded
 * with its answer and shown to the office (the ledger, the reconciliation report); the later changes still go.
 *
 * @param confirmed whether a procedure code is confirmed in the national database (not a local placeholder)
 * @param lease     how long a claim stays another sender's: longer than a send can take
 */
public record PortalSync(Dossiers dossiers, PortalAcks acks, vn.motcua.store.Ratings ratings, NationalPortal portal, Predicate<String> confirmed, Clock clock, Duration lease) {

    /** Another sender is sending this dossier's next change right now: the message comes back later. */
    public static final class Busy extends Exception {
        public Busy(DossierCode code, int seq) { super("change " + seq + " of " + code.value() + " is being sent by another sender"); }
    }

    /** Sends everything {@code code} owes the portal, in order; returns how many records went out. */
    public int handle(DossierCode code) throws NationalPortal.Unavailable, Busy {
        oweRating(code);
        int sent = 0;
        while (true) {
            List<OwedWork> owed = owedToPortal(dossiers.owed(code));
            if (owed.isEmpty()) return sent;
            var work = owed.getFirst();
            PortalChange change;
            try {
                change = PortalChange.parse(work.payload());
            } catch (BadInput e) {
                throw new IllegalStateException("owed portal change " + work.key() + " of " + code.value() + " is unreadable", e);
            }
            switch (acks.claim(change, clock.instant(), lease)) {
                case PortalAcks.Claim.Done done -> Log.info("portal.sync.already_answered").with("dossier", code.value()).with("seq", change.seq()).write();
                case PortalAcks.Claim.Busy busy -> throw new Busy(code, change.seq());
                case PortalAcks.Claim.Claimed claimed -> {
                    NationalPortal.Answer answer;
                    try {
                        answer = portal.send(PortalRecord.of(change, confirmed.test(change.procedureCode())));
                    } catch (NationalPortal.Unavailable e) {
                        acks.release(change, claimed.sentAt());
                        Log.warn("portal.sync.unavailable").with("dossier", code.value()).with("seq", change.seq()).with("reason", e.getMessage()).write();
                        throw e;
                    }
                    var outcome = answer instanceof NationalPortal.Answer.Accepted ? PortalAcks.Outcome.ACKNOWLEDGED : PortalAcks.Outcome.REJECTED;
                    acks.answer(change, claimed.sentAt(), outcome, answer.text(), clock.instant());
                    sent++;
                    var log = outcome == PortalAcks.Outcome.REJECTED ? Log.warn("portal.sync.rejected") : Log.info("portal.sync.acknowledged");
                    log.with("dossier", code.value()).with("seq", change.seq()).with("status", change.status()).write();
                }
            }
            dossiers.settle(code, OutboxChange.settling(work.key()));
        }
    }

    /**
     * Owes the rating's record of a returned, rated dossier when neither owed nor answered yet: the public lookup, which
     * stores ratings, may not write dossiers, so it only nudges the sync, and the sync owes the record here.
     */
    void oweRating(DossierCode code) {
        var dossier = dossiers.find(code).filter(d -> d.state() == vn.motcua.domain.dossier.DossierState.RETURNED);
        if (dossier.isEmpty() || !dossiers.owesThePortal()) return;
        var rating = ratings.find(code);
        if (rating.isEmpty()) return;
        var work = PortalOwes.rating(dossier.get(), rating.get());
        int seq = PortalOwes.count(dossier.get()) + 1;
        boolean owed = dossiers.owed(code).stream().anyMatch(w -> w.key().equals(work.key()));
        if (!owed && !acks.of(code, seq).containsKey(seq)) dossiers.settle(code, OutboxChange.owing(work));
    }

    /** The owed portal entries, lowest sequence first. */
    static List<OwedWork> owedToPortal(List<OwedWork> owed) {
        return owed.stream().filter(w -> w.kind().equals(PortalOwes.KIND)).sorted(Comparator.comparing(OwedWork::id)).toList();
    }
}
