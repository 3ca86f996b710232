package vn.motcua.domain.dossier;

/** Early, on time or late against the appointment, as form 05 and the national statistics classify it. */
public enum Timeliness {
    EARLY("Trước hạn"),
    ON_TIME("Đúng hạn"),
    LATE("Trễ hạn");

    private final String label;

    Timeliness(String label) { this.label = label; }

    public String label() { return label; }
}
