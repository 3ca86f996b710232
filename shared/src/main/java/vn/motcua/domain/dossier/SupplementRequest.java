package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A department's request to supplement the dossier (form 02). While it is open the clock is
 * paused; the time already spent still counts.
 */
public record SupplementRequest(String agencyId, Instant requestedAt, List<String> items, String reason,
                                Optional<Instant> receivedAt) {
    public SupplementRequest {
        items = List.copyOf(items);
        receivedAt = receivedAt == null ? Optional.empty() : receivedAt;
    }

    public boolean open() { return receivedAt.isEmpty(); }

    SupplementRequest received(Instant at) { return new SupplementRequest(agencyId, requestedAt, items, reason, Optional.of(at)); }
}
