package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;

/** A dossier with this code is already stored: the code counter is broken, or an intake is repeated. */
public final class DossierExistsException extends RuntimeException {
    private final transient DossierCode code;

    public DossierExistsException(DossierCode code) {
        super("dossier " + code + " already exists");
        this.code = code;
    }

    public DossierCode code() { return code; }
}
