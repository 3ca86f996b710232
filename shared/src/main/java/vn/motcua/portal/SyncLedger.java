package vn.motcua.portal;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.store.Dossiers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sync ledger of a dossier, read: every change the portal must know, owed (still in the dossier's outbox) or
 * answered (the portal's answer and its time, {@link PortalAcks}). The scorecard's "synced on time" is
 * {@link Entry#syncedWithin}; the reconciliation compares it with what the portal holds.
 */
public record SyncLedger(Dossiers dossiers, PortalAcks acks) {

    public enum State { OWED, SENDING, ACKNOWLEDGED, REJECTED }

    public record Entry(int seq, int status, Instant changedAt, Optional<Instant> sentAt, Optional<Instant> acknowledgedAt, State state,
                        String answer) {
        /** Acknowledged by the portal within {@code limit} of the change. */
        public boolean syncedWithin(Duration limit) {
            return state == State.ACKNOWLEDGED && acknowledgedAt.filter(a -> !a.isAfter(changedAt.plus(limit))).isPresent();
        }
    }

    /** Every change of the dossier the portal must know, by sequence number (empty for an unknown dossier). */
    public List<Entry> forDossier(DossierCode code) {
        return dossiers.find(code).map(this::forDossier).orElse(List.of());
    }

    /** The same, for a dossier already read (the reconciliation's and the scorecard's: no second read of it). */
    public List<Entry> forDossier(vn.motcua.domain.dossier.Dossier dossier) {
        var code = dossier.code();
        var entries = new TreeMap<Integer, Entry>();
        for (var work : PortalSync.owedToPortal(dossiers.owed(code))) {
            try {
                var c = PortalChange.parse(work.payload());
                entries.put(c.seq(), new Entry(c.seq(), c.status(), c.changedAt(), Optional.empty(), Optional.empty(), State.OWED, ""));
            } catch (BadInput e) {
                throw new IllegalStateException(e);
            }
        }
        for (var ack : acks.of(code, PortalOwes.count(dossier) + 1).values()) {
            var state = switch (ack.outcome()) {
                case SENDING -> State.SENDING;
                case ACKNOWLEDGED -> State.ACKNOWLEDGED;
                case REJECTED -> State.REJECTED;
            };
            // a claim without an answer is still owed; a record answered is settled
            entries.put(ack.seq(), new Entry(ack.seq(), ack.status(), ack.changedAt(), Optional.of(ack.sentAt()),
                    ack.outcome() == PortalAcks.Outcome.ACKNOWLEDGED ? ack.answeredAt() : Optional.empty(), state, ack.answer()));
        }
        return new ArrayList<>(entries.values());
    }
}
