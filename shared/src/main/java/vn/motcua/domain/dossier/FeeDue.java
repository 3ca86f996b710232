package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.Optional;

/** A fee or charge the department asked for before the result, whether it was paid and, when the desk took it, its receipt. */
public record FeeDue(long amountVnd, Optional<String> note, Instant requestedAt, Optional<Instant> paidAt,
                     Optional<FeeReceipt> receipt) {
    public FeeDue {
        note = note == null ? Optional.empty() : note.filter(n -> !n.isBlank());
        paidAt = paidAt == null ? Optional.empty() : paidAt;
        receipt = receipt == null ? Optional.empty() : receipt;
    }

    public FeeDue(long amountVnd, Optional<String> note, Instant requestedAt, Optional<Instant> paidAt) {
        this(amountVnd, note, requestedAt, paidAt, Optional.empty());
    }

    public boolean paid() { return paidAt.isPresent(); }
}
