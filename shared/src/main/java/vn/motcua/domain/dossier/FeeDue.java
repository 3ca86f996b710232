package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.Optional;

/** A fee or charge the department asked for before the result, and whether it was paid. */
public record FeeDue(long amountVnd, Optional<String> note, Instant requestedAt, Optional<Instant> paidAt) {
    public FeeDue {
        note = note == null ? Optional.empty() : note.filter(n -> !n.isBlank());
        paidAt = paidAt == null ? Optional.empty() : paidAt;
    }

    public boolean paid() { return paidAt.isPresent(); }
}
