package vn.motcua.store;

import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.dossier.DossierCode;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The day's counters that number dossier codes, one per agency and day in Vietnam: the port intake
 * takes a new code from. {@link DossierCodes} keeps them in the dossier table; {@link #inMemory()} in a map.
 */
@FunctionalInterface
public interface CodeCounters {

    /** The next code of {@code agency} for a dossier received at {@code receivedAt}. */
    DossierCode next(ElectronicId agency, Instant receivedAt);

    /** Counters in memory, counting as the table's do (per agency and day, from 1). */
    static CodeCounters inMemory() {
        Map<String, Integer> counters = new HashMap<>();
        return (agency, receivedAt) -> {
            var day = vn.motcua.domain.dossier.Dossier.localDate(receivedAt);
            synchronized (counters) {
                return DossierCode.of(agency, day, counters.merge(DossierCodes.counterKey(agency, day), 1, Integer::sum));
            }
        };
    }
}
