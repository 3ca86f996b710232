package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.Optional;

/**
 * A scanned or uploaded document of the dossier: its name as the document list says it, the
 * stored object's key, size and checksum, and who added it when.
 *
 * @param versionId the stored object's version, when the bucket keeps versions: the bytes registered are that
 *                  version's, served by it, whatever lands at the same key later
 */
public record DossierDocument(String name, String key, long sizeBytes, String checksum, Actor addedBy, Instant addedAt,
                              Optional<String> versionId) {

    /** A document of an unversioned store (and the dossiers written before versions were kept). */
    public DossierDocument(String name, String key, long sizeBytes, String checksum, Actor addedBy, Instant addedAt) {
        this(name, key, sizeBytes, checksum, addedBy, addedAt, Optional.empty());
    }

    public DossierDocument {
        versionId = versionId == null ? Optional.empty() : versionId.filter(v -> !v.isBlank());
        if (name == null || name.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("a document needs a name and a key");
        }
        if (sizeBytes < 0) throw new IllegalArgumentException("negative size for " + key);
        if (checksum == null || checksum.isBlank()) throw new IllegalArgumentException("a document needs its checksum: " + key);
        if (addedBy == null || addedAt == null) throw new IllegalArgumentException("who added " + key + ", and when?");
    }
}
