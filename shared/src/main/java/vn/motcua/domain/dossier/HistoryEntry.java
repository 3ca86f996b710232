package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.Optional;

/**
 * One applied event, appended and never changed: which event, what kind, who, when, why, and the
 * state before and after ({@code from} is empty only for the receipt). Hand-overs carry their
 * form-05 row.
 */
public record HistoryEntry(String eventId, EventKind kind, Actor actor, Instant at, Optional<String> reason,
                           Optional<DossierState> from, DossierState to, Optional<HandOver> handOver) {
    public HistoryEntry {
        if (eventId == null || kind == null || actor == null || at == null || to == null) {
            throw new IllegalArgumentException("a history entry needs its event id, kind, actor, time and state");
        }
        reason = reason == null ? Optional.empty() : reason;
        from = from == null ? Optional.empty() : from;
        handOver = handOver == null ? Optional.empty() : handOver;
    }
}
