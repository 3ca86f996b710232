package vn.motcua.store;

import vn.motcua.domain.dossier.DossierCode;

/** An event for a dossier code the store does not hold (a department's typo, or another system's code). */
public final class UnknownDossierException extends RuntimeException {
    private final transient DossierCode code;

    public UnknownDossierException(DossierCode code) {
        super("no dossier " + code);
        this.code = code;
    }

    public DossierCode code() { return code; }
}
