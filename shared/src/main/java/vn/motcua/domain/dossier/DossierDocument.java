package vn.motcua.domain.dossier;

import java.time.Instant;

/**
 * A scanned or uploaded document of the dossier: its name as the document list says it, the
 * stored object's key, size and checksum, and who added it when.
 */
public record DossierDocument(String name, String key, long sizeBytes, String checksum, Actor addedBy, Instant addedAt) {
    public DossierDocument {
        if (name == null || name.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("a document needs a name and a key");
        }
        if (sizeBytes < 0) throw new IllegalArgumentException("negative size for " + key);
        if (checksum == null || checksum.isBlank()) throw new IllegalArgumentException("a document needs its checksum: " + key);
        if (addedBy == null || addedAt == null) throw new IllegalArgumentException("who added " + key + ", and when?");
    }
}
