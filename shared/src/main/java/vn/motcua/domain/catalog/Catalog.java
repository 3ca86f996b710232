package vn.motcua.domain.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agencies and procedures the desk works for: data an operator changes, read from the two
 * files ({@code agencies.json}, {@code procedures.json}) by {@code vn.motcua.reference.CatalogFiles}.
 */
public final class Catalog {

    private final Map<String, Agency> agencies;
    private final Map<String, Procedure> procedures;

    private Catalog(Collection<Agency> agencies, Collection<Procedure> procedures) {
        var byId = new LinkedHashMap<String, Agency>();
        agencies.forEach(a -> byId.put(a.id(), a));
        var byCode = new LinkedHashMap<String, Procedure>();
        procedures.forEach(p -> byCode.put(p.code(), p));
        this.agencies = Collections.unmodifiableMap(byId);
        this.procedures = Collections.unmodifiableMap(byCode);
    }

    /** A catalog of these agencies and procedures, cross-checked: unique ids, codes and e-ids, every procedure's agency present. */
    public static Catalog of(List<Agency> agencies, List<Procedure> procedures) {
        var problems = new ArrayList<String>();
        var ids = new HashMap<String, Agency>();
        var eids = new HashMap<String, Agency>();
        for (var a : agencies) {
            if (ids.putIfAbsent(a.id(), a) != null) problems.add("duplicate agency id " + a.id());
            var other = eids.putIfAbsent(a.electronicId().value(), a);
            if (other != null) problems.add("agencies " + other.id() + " and " + a.id() + " share electronic id " + a.electronicId().value());
        }
        var codes = new HashMap<String, Procedure>();
        for (var p : procedures) {
            if (codes.putIfAbsent(p.code(), p) != null) problems.add("duplicate procedure code " + p.code());
            if (!ids.containsKey(p.agencyId())) problems.add("procedure " + p.code() + " names unknown agency " + p.agencyId());
        }
        if (!problems.isEmpty()) throw new CatalogException(problems);
        return new Catalog(agencies, procedures);
    }

    public Optional<Agency> agency(String id) { return Optional.ofNullable(agencies.get(id)); }

    public Optional<Procedure> procedure(String code) { return Optional.ofNullable(procedures.get(code)); }

    /** The agency's procedures, in file order. */
    public List<Procedure> proceduresOf(String agencyId) {
        return procedures.values().stream().filter(p -> p.agencyId().equals(agencyId)).toList();
    }

    /** The competent agency of a procedure of this catalog. */
    public Agency agencyOf(Procedure procedure) {
        var agency = agencies.get(procedure.agencyId());
        if (agency == null) throw new IllegalArgumentException("procedure " + procedure.code() + " is not from this catalog");
        return agency;
    }

    public List<Agency> agencies() { return List.copyOf(agencies.values()); }

    public List<Procedure> procedures() { return List.copyOf(procedures.values()); }
}
