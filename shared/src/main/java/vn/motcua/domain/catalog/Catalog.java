package vn.motcua.domain.catalog;

import vn.motcua.domain.calendar.TimeLimit;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agencies and procedures the desk works for, read from the operator's two files
 * ({@code agencies.json}, {@code procedures.json}) or from the copy stored in the catalog table.
 * Loading is all or nothing: one bad field refuses both files, with every problem listed.
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

    /** A catalog built in code (tests, tools); the same cross-checks as {@link #parse}. */
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

    /**
     * Reads and validates both files. Either every agency and procedure is valid and cross-checked
     * (unique ids, codes and e-ids; every procedure's agency exists), or a {@link CatalogException}
     * lists each problem as {@code <file> <JSON pointer>: <what is wrong>}.
     */
    public static Catalog parse(String agenciesJson, String agenciesSource, String proceduresJson, String proceduresSource) {
        var problems = new JsonFields.Problems();
        var named = new HashSet<String>();
        var agencies = JsonFields.root(agenciesJson, agenciesSource, problems)
                .map(root -> readAgencies(root, named)).orElse(List.of());
        var procedures = JsonFields.root(proceduresJson, proceduresSource, problems)
                .map(root -> readProcedures(root, named)).orElse(List.of());
        if (problems.any()) throw new CatalogException(problems.lines());
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

    // ---- reading -------------------------------------------------------------------------------

    /** Reads the valid agencies; {@code named} gets every id the file names, valid or not (no cascade of "unknown agency"). */
    private static List<Agency> readAgencies(JsonFields root, Set<String> named) {
        root.onlyFields(Set.of("agencies"));
        var read = new ArrayList<Agency>();
        var ids = new HashMap<String, String>();
        var eids = new HashMap<String, String>();
        var items = root.objects("agencies");
        if (items.isEmpty()) root.problem("agencies", "lists no agency");
        for (var item : items) {
            var agency = readAgency(item, named);
            if (agency == null) continue;
            var first = ids.putIfAbsent(agency.id(), item.pointer());
            if (first != null) {
                item.problem("id", "duplicate agency id '" + agency.id() + "' (first at " + first + ")");
                continue;
            }
            var sameEid = eids.putIfAbsent(agency.electronicId().value(), item.pointer());
            if (sameEid != null) {
                item.problem("electronicId", "electronic id " + agency.electronicId().value()
                        + " already belongs to " + sameEid + " (dossier codes would collide)");
                continue;
            }
            read.add(agency);
        }
        return read;
    }

    private static Agency readAgency(JsonFields a, Set<String> named) {
        a.onlyFields(Set.of("id", "name", "electronicId", "contactEmail", "callback"));
        var id = a.text("id");
        if (id != null) named.add(id);
        if (id != null && !Agency.ID.matcher(id).matches()) {
            a.problem("id", "expected a short lowercase slug like so-ngoai-vu, got '" + id + "'");
            id = null;
        }
        var name = readName(a);
        var eid = readElectronicId(a);
        var email = a.text("contactEmail");
        if (email != null && !Agency.EMAIL.matcher(email).matches()) {
            a.problem("contactEmail", "not an email address: '" + email + "'");
            email = null;
        }
        var callback = readCallback(a);
        if (id == null || name == null || eid == null || email == null || callback == null) return null;
        return new Agency(id, name, eid, email, callback);
    }

    private static ElectronicId readElectronicId(JsonFields a) {
        var e = a.object("electronicId");
        if (e == null) return null;
        e.onlyFields(Set.of("value", "placeholder"));
        var value = e.text("value");
        var placeholder = e.bool("placeholder");
        if (value != null && !ElectronicId.FORMAT.matcher(value).matches()) {
            e.problem("value", "not an agency electronic id in the national format (like 000.00.53.H48): '" + value + "'");
            return null;
        }
        return value == null || placeholder == null ? null : new ElectronicId(value, placeholder);
    }

    private static Callback readCallback(JsonFields a) {
        var c = a.object("callback");
        if (c == null) return null;
        c.onlyFields(Set.of("url", "signingSecretParameter", "timeoutSeconds", "maxAttempts"));
        URI url = null;
        var text = c.text("url");
        if (text != null) {
            try {
                url = new URI(text);
                var problem = Callback.urlProblem(url);
                if (problem != null) {
                    c.problem("url", problem);
                    url = null;
                }
            } catch (URISyntaxException e) {
                c.problem("url", "not a URL: " + e.getMessage());
            }
        }
        var parameter = c.text("signingSecretParameter");
        if (parameter != null && !Callback.PARAMETER_NAME.matcher(parameter).matches()) {
            c.problem("signingSecretParameter", "expected the NAME of a parameter (letters, digits, _ . - /), never the secret itself");
            parameter = null;
        }
        var timeout = c.whole("timeoutSeconds", 1, Callback.MAX_TIMEOUT_SECONDS);
        var attempts = c.whole("maxAttempts", 1, Callback.MAX_ATTEMPTS);
        if (url == null || parameter == null || timeout == null || attempts == null) return null;
        return new Callback(url, parameter, Duration.ofSeconds(timeout), attempts.intValue());
    }

    private static Name readName(JsonFields parent) {
        var n = parent.object("name");
        if (n == null) return null;
        n.onlyFields(Set.of("vi", "en"));
        var vi = n.text("vi");
        var en = n.text("en");
        return vi == null || en == null ? null : new Name(vi, en);
    }

    private static List<Procedure> readProcedures(JsonFields root, Set<String> agencyIds) {
        root.onlyFields(Set.of("procedures"));
        var read = new ArrayList<Procedure>();
        var codes = new HashMap<String, String>();
        var items = root.objects("procedures");
        if (items.isEmpty()) root.problem("procedures", "lists no procedure");
        for (var item : items) {
            var procedure = readProcedure(item, agencyIds);
            if (procedure == null) continue;
            var first = codes.putIfAbsent(procedure.code(), item.pointer());
            if (first != null) {
                item.problem("code", "duplicate procedure code " + procedure.code() + " (first at " + first + ")");
                continue;
            }
            read.add(procedure);
        }
        return read;
    }

    private static Procedure readProcedure(JsonFields p, Set<String> agencyIds) {
        p.onlyFields(Set.of("code", "codePlaceholder", "name", "agencyId", "timeLimit", "documents", "fee",
                "resultByPost", "notes", "source"));
        var code = p.text("code");
        var placeholder = p.bool("codePlaceholder", false);
        if (code != null) {
            var problem = Procedure.codeProblem(code, placeholder);
            if (problem != null) {
                p.problem("code", problem);
                code = null;
            }
        }
        var name = readName(p);
        var agencyId = p.text("agencyId");
        if (agencyId != null && !agencyIds.contains(agencyId)) {
            p.problem("agencyId", "unknown agency '" + agencyId + "' (not in the agencies file)");
            agencyId = null;
        }
        var timeLimit = readTimeLimit(p);
        var documents = readDocuments(p);
        var fee = readFee(p);
        var byPost = p.bool("resultByPost");
        var notes = p.optionalText("notes");
        var source = p.optionalText("source");
        if (code == null || name == null || agencyId == null || timeLimit == null || documents == null
                || fee == null || byPost == null) return null;
        return new Procedure(code, placeholder, name, agencyId, timeLimit, documents, fee, byPost, notes, source);
    }

    private static TimeLimit readTimeLimit(JsonFields p) {
        var t = p.object("timeLimit");
        if (t == null) return null;
        t.onlyFields(Set.of("value", "unit"));
        var unitText = t.text("unit");
        if (unitText == null) return null;
        TimeLimit.Unit unit;
        try {
            unit = TimeLimit.unitOf(unitText);
        } catch (IllegalArgumentException e) {
            t.problem("unit", e.getMessage());
            return null;
        }
        boolean counted = unit == TimeLimit.Unit.WORKING_DAYS || unit == TimeLimit.Unit.CALENDAR_DAYS;
        if (!counted) {
            // same_day and none_fixed take no number; a stray non-zero one is a misunderstanding worth reporting
            if (t.has("value") && t.whole("value", 0, 0) == null) return null;
            return new TimeLimit(0, unit);
        }
        var value = t.whole("value", 1, 365);
        return value == null ? null : new TimeLimit(value.intValue(), unit);
    }

    private static List<RequiredDocument> readDocuments(JsonFields p) {
        var items = p.objects("documents");
        var documents = new ArrayList<RequiredDocument>();
        boolean bad = false;
        for (var d : items) {
            d.onlyFields(Set.of("name", "form", "count", "required"));
            var name = d.text("name");
            var formText = d.text("form");
            RequiredDocument.Form form = null;
            if (formText != null) {
                form = switch (formText) {
                    case "original" -> RequiredDocument.Form.ORIGINAL;
                    case "copy" -> RequiredDocument.Form.COPY;
                    case "either" -> RequiredDocument.Form.EITHER;
                    default -> {
                        d.problem("form", "expected original, copy or either, got '" + formText + "'");
                        yield null;
                    }
                };
            }
            var count = d.whole("count", 1, 100);
            var required = d.bool("required");
            if (name == null || form == null || count == null || required == null) {
                bad = true;
            } else {
                documents.add(new RequiredDocument(name, form, count.intValue(), required));
            }
        }
        if (bad) return null;
        if (documents.isEmpty()) {
            p.problem("documents", "lists no document (the desk checks completeness against this list)");
            return null;
        }
        return documents;
    }

    private static Fee readFee(JsonFields p) {
        var f = p.object("fee");
        if (f == null) return null;
        var kind = f.text("kind");
        if (kind == null) return null;
        switch (kind) {
            case "none" -> {
                f.onlyFields(Set.of("kind"));
                return Fee.none();
            }
            case "fixed" -> {
                f.onlyFields(Set.of("kind", "amountVnd"));
                var amount = f.whole("amountVnd", 1, Long.MAX_VALUE);
                return amount == null ? null : Fee.fixed(amount);
            }
            case "described" -> {
                f.onlyFields(Set.of("kind", "text"));
                var text = f.text("text");
                return text == null ? null : Fee.described(text);
            }
            default -> {
                f.problem("kind", "expected none, fixed or described, got '" + kind + "'");
                return null;
            }
        }
    }
}
