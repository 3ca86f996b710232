package vn.motcua.domain.catalog;

import vn.motcua.domain.calendar.TimeLimit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An administrative procedure [thủ tục hành chính] the desk receives dossiers for.
 *
 * @param code            the code in the national procedure database ({@code 2.001914}) or its
 *                        provincial form ({@code 1.001612.000.00.00.H48}); a placeholder until confirmed
 * @param codePlaceholder true while the code is a local stand-in not yet matched to the national database
 * @param agencyId        the competent agency ({@link Agency#id()})
 * @param resultByPost    whether the result may be returned by post (Decision 45/2016/QĐ-TTg)
 * @param notes           what the desk should know that fits no field (conditions, legal basis)
 * @param source          where the operator took this row from, so the next one can check it
 */
public record Procedure(String code, boolean codePlaceholder, Name name, String agencyId, TimeLimit timeLimit,
                        List<RequiredDocument> documents, Fee fee, boolean resultByPost,
                        Optional<String> notes, Optional<String> source) {

    /** A national code, optionally with the provincial suffix: {@code 1.001612} or {@code 1.001612.000.00.00.H48}. */
    public static final Pattern NATIONAL_CODE = Pattern.compile("\\d\\.\\d{6}(\\.\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2})?");
    /** A placeholder is free but plain: letters, digits, dots and dashes. */
    public static final Pattern PLACEHOLDER_CODE = Pattern.compile("[A-Za-z0-9]+([.-][A-Za-z0-9]+)*");

    public Procedure {
        var problem = codeProblem(code, codePlaceholder);
        if (problem != null) throw new IllegalArgumentException(problem);
        if (name == null || agencyId == null || timeLimit == null || fee == null) {
            throw new IllegalArgumentException("procedure " + code + " is incomplete");
        }
        documents = List.copyOf(documents);
        if (documents.isEmpty()) throw new IllegalArgumentException("procedure " + code + " lists no documents");
        notes = notes == null ? Optional.empty() : notes;
        source = source == null ? Optional.empty() : source;
    }

    /** Why a code is not acceptable, or null when it is. */
    public static String codeProblem(String code, boolean placeholder) {
        if (code == null) return "missing";
        if (placeholder) {
            return PLACEHOLDER_CODE.matcher(code).matches() ? null
                    : "a placeholder code may hold only letters, digits, dots and dashes: " + code;
        }
        if (NATIONAL_CODE.matcher(code).matches()) return null;
        return "not a national procedure code (like 2.001914 or 1.001612.000.00.00.H48): " + code
                + " (mark it \"codePlaceholder\": true if it is a stand-in)";
    }

    /** The documents the desk must see before it may receive the dossier. */
    public List<RequiredDocument> requiredDocuments() {
        return documents.stream().filter(RequiredDocument::required).toList();
    }
}
