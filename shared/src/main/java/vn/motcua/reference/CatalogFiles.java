package vn.motcua.reference;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Callback;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.catalog.CatalogException;
import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.catalog.Name;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog from the operator's two files, {@code agencies.json} and {@code procedures.json}
 * (schemas: {@code reference/agencies.schema.json}, {@code reference/procedures.schema.json}).
 * Loading is all or nothing: one bad field refuses both files, and the {@link CatalogException}
 * lists every problem as {@code <file> <JSON pointer>: <what is wrong>}. The schemas check each
 * field; the rules here are those across entries and files: unique ids, codes and e-ids, every
 * procedure's agency in the agencies file, national code formats, callback URLs.
 */
public final class CatalogFiles {

    public static final String AGENCIES = "agencies.json";
    public static final String PROCEDURES = "procedures.json";

    private CatalogFiles() {}

    // The files' shapes, named as their keys (keys starting with _ are comments and not bound).
    record AgenciesFile(List<AgencyEntry> agencies) {}
    record AgencyEntry(String id, NameEntry name, ElectronicIdEntry electronicId, String contactEmail, CallbackEntry callback,
                       Integer withdrawalAcknowledgementDays) {}
    record NameEntry(String vi, String en) {}
    record ElectronicIdEntry(String value, Boolean placeholder) {}
    record CallbackEntry(String url, String signingSecretParameter, Integer timeoutSeconds, Integer maxAttempts) {}
    record ProceduresFile(List<ProcedureEntry> procedures) {}
    record ProcedureEntry(String code, Boolean codePlaceholder, NameEntry name, String agencyId, TimeLimitEntry timeLimit,
                          List<DocumentEntry> documents, FeeEntry fee, Boolean resultByPost, String notes, String source) {}
    record TimeLimitEntry(Integer value, String unit) {}
    record DocumentEntry(String name, String form, Integer count, Boolean required) {}
    record FeeEntry(String kind, Long amountVnd, String text) {}

    /** Files from outside (an operator's, before publishing): checked against the schemas, then the rules. */
    public static Catalog validate(String agenciesJson, String agenciesSource, String proceduresJson, String proceduresSource) {
        return load(agenciesJson, agenciesSource, proceduresJson, proceduresSource, true);
    }

    /** The copy stored when it was published (and so validated): bound and checked by the rules, without the schema validator. */
    public static Catalog read(String agenciesJson, String proceduresJson) {
        return load(agenciesJson, AGENCIES, proceduresJson, PROCEDURES, false);
    }

    private static Catalog load(String agenciesJson, String agenciesSource, String proceduresJson, String proceduresSource,
                                boolean withSchema) {
        var problems = new ArrayList<String>();
        var agenciesFile = new ReferenceFile(agenciesSource, ReferenceFile.Style.CATALOG, problems);
        var proceduresFile = new ReferenceFile(proceduresSource, ReferenceFile.Style.CATALOG, problems);
        JsonNode agenciesTree = agenciesFile.tree(agenciesJson);
        JsonNode proceduresTree = proceduresFile.tree(proceduresJson);
        var named = new HashSet<String>(); // every id the agencies file names, valid or not: no cascade of "unknown agency"
        if (agenciesTree != null) {
            agenciesTree.path("agencies").forEach(a -> { if (a.path("id").isTextual()) named.add(a.path("id").asText().strip()); });
        }
        if (withSchema && agenciesTree != null) agenciesFile.check(agenciesTree, "reference/agencies.schema.json");
        if (withSchema && proceduresTree != null) proceduresFile.check(proceduresTree, "reference/procedures.schema.json");

        List<AgencyEntry> agencies = List.of();
        if (agenciesTree != null) {
            var bound = agenciesFile.bind(agenciesTree, AgenciesFile.class);
            if (bound != null) agencies = ReferenceFile.list(bound.agencies());
        }
        List<ProcedureEntry> procedures = List.of();
        if (proceduresTree != null) {
            var bound = proceduresFile.bind(proceduresTree, ProceduresFile.class);
            if (bound != null) procedures = ReferenceFile.list(bound.procedures());
        }
        checkAgencies(agencies, agenciesFile);
        checkProcedures(procedures, agenciesTree == null ? null : named, proceduresFile); // no agencies file read: nothing to check against
        if (!problems.isEmpty()) throw new CatalogException(problems);
        try {
            // loops, not streams: this runs on a function's first request, where every class loaded counts
            var builtAgencies = new ArrayList<Agency>(agencies.size());
            for (var a : agencies) builtAgencies.add(agency(a));
            var builtProcedures = new ArrayList<Procedure>(procedures.size());
            for (var p : procedures) builtProcedures.add(procedure(p));
            return Catalog.of(builtAgencies, builtProcedures);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a stored copy that no longer passes (changed by hand): the rules above cover every published file
            throw new CatalogException(List.of(agenciesSource + ", " + proceduresSource + ": " + e.getMessage()));
        }
    }

    private static void checkAgencies(List<AgencyEntry> agencies, ReferenceFile file) {
        var ids = new HashMap<String, String>();
        var eids = new HashMap<String, String>();
        for (int i = 0; i < agencies.size(); i++) {
            var a = agencies.get(i);
            if (a == null) continue;
            String at = ReferenceFile.at("agencies", i);
            String id = ReferenceFile.text(a.id());
            if (id != null) {
                var first = ids.putIfAbsent(id, at);
                if (first != null) file.problem(at + "/id", "duplicate agency id '" + id + "' (first at " + first + ")");
            }
            String eid = a.electronicId() == null ? null : ReferenceFile.text(a.electronicId().value());
            if (eid != null) {
                var first = eids.putIfAbsent(eid, at);
                if (first != null) {
                    file.problem(at + "/electronicId", "electronic id " + eid + " already belongs to " + first
                            + " (dossier codes would collide)");
                }
            }
            String url = a.callback() == null ? null : ReferenceFile.text(a.callback().url());
            if (url != null) {
                try {
                    var problem = Callback.urlProblem(new URI(url));
                    if (problem != null) file.problem(at + "/callback/url", problem);
                } catch (URISyntaxException e) {
                    file.problem(at + "/callback/url", "not a URL: " + e.getMessage());
                }
            }
        }
    }

    private static void checkProcedures(List<ProcedureEntry> procedures, Set<String> named, ReferenceFile file) {
        var codes = new HashMap<String, String>();
        for (int i = 0; i < procedures.size(); i++) {
            var p = procedures.get(i);
            if (p == null) continue;
            String at = ReferenceFile.at("procedures", i);
            String code = ReferenceFile.text(p.code());
            if (code != null) {
                var problem = Procedure.codeProblem(code, Boolean.TRUE.equals(p.codePlaceholder()));
                if (problem != null) {
                    file.problem(at + "/code", problem);
                } else {
                    var first = codes.putIfAbsent(code, at);
                    if (first != null) file.problem(at + "/code", "duplicate procedure code " + code + " (first at " + first + ")");
                }
            }
            String agencyId = ReferenceFile.text(p.agencyId());
            if (agencyId != null && named != null && !named.contains(agencyId)) {
                file.problem(at + "/agencyId", "unknown agency '" + agencyId + "' (not in the agencies file)");
            }
        }
    }

    // ---- to the domain (only files without problems get here) -----------------------------------

    private static Agency agency(AgencyEntry a) {
        var c = a.callback();
        var callback = new Callback(URI.create(c.url().strip()), c.signingSecretParameter(),
                Duration.ofSeconds(c.timeoutSeconds()), c.maxAttempts());
        return new Agency(a.id(), name(a.name()), new ElectronicId(a.electronicId().value(), a.electronicId().placeholder()),
                a.contactEmail(), callback, a.withdrawalAcknowledgementDays() == null
                        ? Agency.DEFAULT_WITHDRAWAL_ACKNOWLEDGEMENT_DAYS : a.withdrawalAcknowledgementDays());
    }

    private static Procedure procedure(ProcedureEntry p) {
        var unit = TimeLimit.Unit.valueOf(p.timeLimit().unit().toUpperCase(Locale.ROOT));
        var limit = new TimeLimit(p.timeLimit().value() == null ? 0 : p.timeLimit().value(), unit);
        var documents = new ArrayList<RequiredDocument>(p.documents().size());
        for (var d : p.documents()) {
            documents.add(new RequiredDocument(d.name().strip(), RequiredDocument.Form.valueOf(d.form().toUpperCase(Locale.ROOT)),
                    d.count(), d.required()));
        }
        return new Procedure(p.code().strip(), Boolean.TRUE.equals(p.codePlaceholder()), name(p.name()), p.agencyId().strip(), limit,
                documents, fee(p.fee()), p.resultByPost(), Optional.ofNullable(ReferenceFile.text(p.notes())),
                Optional.ofNullable(ReferenceFile.text(p.source())));
    }

    private static Fee fee(FeeEntry f) {
        return switch (f.kind()) {
            case "fixed" -> Fee.fixed(f.amountVnd());
            case "described" -> Fee.described(f.text().strip());
            default -> Fee.none();
        };
    }

    private static Name name(NameEntry n) {
        return new Name(n.vi().strip(), n.en().strip());
    }

    /** The two files by name, as stored: {@code agencies.json} and {@code procedures.json}. */
    public static Catalog read(Map<String, String> files) {
        var agencies = files.get(AGENCIES);
        var procedures = files.get(PROCEDURES);
        if (agencies == null || procedures == null) {
            throw new IllegalArgumentException("the catalog needs " + AGENCIES + " and " + PROCEDURES + ", got " + files.keySet());
        }
        return read(agencies, procedures);
    }
}
