package vn.motcua.store;

import vn.motcua.domain.dossier.Dossier;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Rejections} in memory: one record per id, listed by time. Priming and the services' unit tests use it. */
public final class InMemoryRejections implements Rejections {

    private final Map<String, DepartmentRejection> held = new LinkedHashMap<>();

    @Override
    public synchronized void record(DepartmentRejection rejection) { held.put(rejection.id(), rejection); }

    @Override
    public synchronized Optional<DepartmentRejection> find(String id) { return Optional.ofNullable(held.get(id)); }

    @Override
    public synchronized List<DepartmentRejection> between(LocalDate first, LocalDate last, int limit) {
        return held.values().stream().filter(r -> !Dossier.localDate(r.at()).isBefore(first) && !Dossier.localDate(r.at()).isAfter(last))
                .sorted(Comparator.comparing(DepartmentRejection::at)).limit(limit).toList();
    }

    /** Every record, in the order first recorded. */
    public synchronized List<DepartmentRejection> all() { return List.copyOf(held.values()); }
}
