package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.portal.PortalAcks;
import vn.motcua.portal.PortalChange;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The portal's answers in memory, with {@link PortalAckItems}' rules: for priming and the services' unit tests. */
public final class InMemoryPortalAcks implements PortalAcks {

    private final Map<String, Ack> acks = new HashMap<>();

    @Override
    public synchronized Claim claim(PortalChange change, Instant now, Duration lease) {
        var key = PortalAckItems.pk(change.code(), change.seq());
        var held = acks.get(key);
        if (held != null && held.outcome() != Outcome.SENDING) return new Claim.Done(held);
        if (held != null && !held.sentAt().isBefore(now.minus(lease))) return new Claim.Busy(held.sentAt());
        acks.put(key, new Ack(change.code(), change.seq(), change.status(), change.changedAt(), now, Optional.empty(), Outcome.SENDING, ""));
        return new Claim.Claimed(now);
    }

    @Override
    public synchronized void answer(PortalChange change, Instant sentAt, Outcome outcome, String answer, Instant at) {
        var key = PortalAckItems.pk(change.code(), change.seq());
        var held = acks.get(key);
        if (held == null || held.outcome() != Outcome.SENDING || !held.sentAt().equals(sentAt)) return;
        acks.put(key, new Ack(held.code(), held.seq(), held.status(), held.changedAt(), sentAt, Optional.of(at), outcome, answer == null ? "" : answer));
    }

    @Override
    public synchronized void release(PortalChange change, Instant sentAt) {
        var key = PortalAckItems.pk(change.code(), change.seq());
        var held = acks.get(key);
        if (held != null && held.outcome() == Outcome.SENDING && held.sentAt().equals(sentAt)) acks.remove(key);
    }

    @Override
    public synchronized Map<Integer, Ack> of(DossierCode code, int lastSeq) {
        var found = new TreeMap<Integer, Ack>();
        for (int seq = 1; seq <= lastSeq; seq++) {
            var ack = acks.get(PortalAckItems.pk(code, seq));
            if (ack != null) found.put(seq, ack);
        }
        return found;
    }
}
