package vn.motcua.domain.dossier;

/** How the dossier reached the desk; reports count received dossiers per channel. */
public enum Channel {
    IN_PERSON("Trực tiếp"),
    BY_POST("Qua dịch vụ bưu chính"),
    ONLINE("Trực tuyến");

    private final String label;

    Channel(String label) { this.label = label; }

    public String label() { return label; }
}
