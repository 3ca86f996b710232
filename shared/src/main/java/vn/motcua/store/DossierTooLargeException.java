package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;

/**
 * The dossier's item would pass DynamoDB's 400 KB item limit. Said here with the code and the size,
 * before DynamoDB answers with a bare ValidationException. A realistic dossier is a few KB: reaching
 * this takes about a thousand events, so it points at a loop somewhere, not at a busy dossier.
 */
public final class DossierTooLargeException extends RuntimeException {
    private final transient DossierCode code;
    private final int bytes;

    public DossierTooLargeException(DossierCode code, int bytes, int limit) {
        super("dossier " + code + " would take " + bytes + " bytes, over the item limit of " + limit);
        this.code = code;
        this.bytes = bytes;
    }

    public DossierCode code() { return code; }

    public int bytes() { return bytes; }
}
