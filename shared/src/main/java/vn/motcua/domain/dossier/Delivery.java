package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.Optional;

/** The result's journey by post: handed to the postal service with a tracking number, later delivered. */
public record Delivery(String trackingNumber, Instant handedAt, Optional<Instant> deliveredAt) {
    public Delivery {
        deliveredAt = deliveredAt == null ? Optional.empty() : deliveredAt;
    }

    public boolean delivered() { return deliveredAt.isPresent(); }
}
