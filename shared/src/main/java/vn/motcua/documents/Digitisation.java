package vn.motcua.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The digitisation record of a dossier (Circular 01/2023/TT-VPCP, as far as confirmed: see docs/law.md):
 * <ul>
 *   <li>each scan carries, as object metadata signed into its upload link, the dossier's code, the document's id,
 *       when it was digitised and by whom (the staff id, never a name): {@link #metadata}; what is known only once
 *       the bytes arrived (the file's SHA-256, its stored version) is in the dossier record
 *       ({@code DossierDocument}), written when the upload check registers it;</li>
 *   <li>each result file gets its code {@code <dossier code>-KQ<n>}, n from 1 in the order the department
 *       listed them (Decree 45/2020/NĐ-CP, Art. 14 cl. 3): {@link #resultCode};</li>
 *   <li>the dossier view lists what was digitised: {@link #view}.</li>
 * </ul>
 */
public final class Digitisation {

    private Digitisation() {}

    public static final String DOSSIER_CODE = "dossier-code";
    public static final String DOCUMENT_ID = "document-id";
    public static final String DIGITISED_AT = "digitised-at";
    /** What S3 accepts in a metadata value without encoding; a Cognito sub is a UUID. */
    private static final Pattern METADATA_SAFE = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /**
     * The metadata a scan's upload link binds: who digitises it ({@code uploaded-by}, the staff id, left out when it
     * is not metadata-safe), the dossier, the document's id and the moment the link was issued, in Vietnam's time.
     */
    public static Map<String, String> metadata(String staffId, DocumentUpload.Key key, Instant at) {
        var metadata = new LinkedHashMap<String, String>();
        if (staffId != null && METADATA_SAFE.matcher(staffId).matches()) metadata.put(DocumentCheck.UPLOADED_BY, staffId);
        metadata.put(DOSSIER_CODE, key.code().value());
        metadata.put(DOCUMENT_ID, key.documentId());
        metadata.put(DIGITISED_AT, ISO.format(at.atZone(Dossier.ZONE)));
        return metadata;
    }

    /** {@code 000.00.92.H48-250301-0001-KQ1}: the n-th result file of the dossier, n from 1. */
    public static String resultCode(DossierCode code, int n) {
        if (n < 1) throw new IllegalArgumentException("result files are numbered from 1, got " + n);
        return code.value() + "-KQ" + n;
    }

    /** The dossier's digitisation record: its registered scans and its result files with their codes. */
    public static ObjectNode view(Dossier d) {
        ObjectNode o = Json.object();
        var documents = o.putArray("documents");
        for (var doc : d.documents()) {
            documents.addObject()
                    .put("documentId", DocumentUpload.Key.parse(doc.key()).map(DocumentUpload.Key::documentId).orElse(null))
                    .put("name", doc.name())
                    .put("dossierCode", d.code().value())
                    .put("digitisedAt", ISO.format(doc.addedAt().atZone(Dossier.ZONE)))
                    .put("digitisedBy", doc.addedBy().id())
                    .put("fileHash", doc.checksum())
                    .put("versionId", doc.versionId().orElse(null));
        }
        var results = o.putArray("results");
        var refs = d.outcome().map(out -> out.documentRefs()).orElse(java.util.List.of());
        for (int i = 0; i < refs.size(); i++) {
            results.addObject().put("code", resultCode(d.code(), i + 1)).put("ref", refs.get(i));
        }
        return o;
    }
}
