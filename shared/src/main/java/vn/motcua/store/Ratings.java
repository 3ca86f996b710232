package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.Rating;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The citizens' ratings, one per dossier. The port of the public rating and the reports; {@link RatingItems} keeps
 * them in the dossier table, {@link InMemoryRatings} in memory.
 */
public interface Ratings {

    /** Stores the dossier's rating unless it has one: false (nothing changed) when it has. */
    boolean add(Rating rating);

    Optional<Rating> find(DossierCode code);

    /** An agency's ratings given from {@code from} to {@code to} (days in Vietnam, both included), oldest first. */
    List<Rating> givenBetween(String agencyId, LocalDate from, LocalDate to);
}
