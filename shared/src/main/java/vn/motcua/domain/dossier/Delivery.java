package vn.motcua.domain.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The result's journey by post: handed to the postal service with a tracking number, later delivered.
 * {@code deliveredAt} is when the desk recorded the delivery, {@code deliveredOn} the day the post gave.
 */
public record Delivery(String trackingNumber, Instant handedAt, Optional<Instant> deliveredAt, Optional<LocalDate> deliveredOn) {
    public Delivery {
        deliveredAt = deliveredAt == null ? Optional.empty() : deliveredAt;
        deliveredOn = deliveredOn == null ? Optional.empty() : deliveredOn;
    }

    public Delivery(String trackingNumber, Instant handedAt, Optional<Instant> deliveredAt) {
        this(trackingNumber, handedAt, deliveredAt, Optional.empty());
    }

    /** The day the post delivered, as the clerk read it from the post's tracking; else the day it was recorded. */
    public Optional<LocalDate> deliveryDay() {
        return deliveredOn.or(() -> deliveredAt.map(Dossier::localDate));
    }

    public boolean delivered() { return deliveredAt.isPresent(); }
}
