package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;

/**
 * Other writers changed the dossier every time this one tried to, for the bounded number of
 * attempts. Nothing was written; a queue-triggered caller lets the message come back later.
 */
public final class DossierBusyException extends RuntimeException {
    private final transient DossierCode code;

    public DossierBusyException(DossierCode code, int attempts) {
        super("dossier " + code + " changed under every one of " + attempts + " attempts; try again later");
        this.code = code;
    }

    public DossierCode code() { return code; }
}
