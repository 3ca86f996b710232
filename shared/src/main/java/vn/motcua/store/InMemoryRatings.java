package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.Rating;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Ratings} in memory: for priming and the services' unit tests. */
public final class InMemoryRatings implements Ratings {

    private final Map<String, Rating> byCode = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Rating rating) {
        return byCode.putIfAbsent(rating.code().value(), rating) == null;
    }

    @Override
    public synchronized Optional<Rating> find(DossierCode code) { return Optional.ofNullable(byCode.get(code.value())); }

    @Override
    public synchronized List<Rating> givenBetween(String agencyId, LocalDate from, LocalDate to) {
        return byCode.values().stream().filter(r -> r.agencyId().equals(agencyId))
                .filter(r -> !r.day().isBefore(from) && !r.day().isAfter(to))
                .sorted(Comparator.comparing(Rating::at)).toList();
    }
}
