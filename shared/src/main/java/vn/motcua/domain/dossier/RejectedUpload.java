package vn.motcua.domain.dossier;

import java.time.Instant;

/**
 * An upload the desk's checks set aside, by the id its upload link was issued with: the desk's page
 * shows the verdict on the upload's own row.
 */
public record RejectedUpload(String documentId, String fileName, DocumentRejection reason, Instant at) {
    public RejectedUpload {
        if (documentId == null || documentId.isBlank() || fileName == null || reason == null || at == null) {
            throw new IllegalArgumentException("which upload was rejected, why and when?");
        }
    }
}
