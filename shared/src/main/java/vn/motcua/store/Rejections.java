package vn.motcua.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Refused department calls and messages, kept for the operators: the port of the updates endpoint and the
 * updates function. {@link DepartmentRejections} keeps them in the dossier table, {@link InMemoryRejections}
 * in memory. Recording the same id again keeps one record.
 */
public interface Rejections {

    void record(DepartmentRejection rejection);

    /** The rejection recorded under {@code id}. */
    Optional<DepartmentRejection> find(String id);

    /** The rejections from {@code first} to {@code last} (days in Vietnam, both included), oldest first, at most {@code limit}. */
    List<DepartmentRejection> between(LocalDate first, LocalDate last, int limit);
}
