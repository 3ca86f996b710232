package vn.motcua.domain.dossier;

/**
 * Where a dossier stands, with the national public service portal's status number and the plain
 * words a citizen reads on the status page and in notices.
 *
 * <p>Delivery by post is not a state of its own. Handing the result to the postal service with a
 * tracking number IS returning it for a desk the post office staffs (Decision 45/2016/QĐ-TTg), so
 * the dossier becomes {@link #RETURNED} (portal 10, which is what the national statistics count)
 * and carries a {@link Delivery} record; "delivered" is a fact about the parcel that completes
 * that record, not a step of the administrative process. Reports and the portal stay right
 * without two extra states that every query would have to remember.
 *
 * <p>{@link #REFUSED_AT_DESK} is here for the portal number and reports only: a dossier refused
 * at the desk was never received (no code, no clock), so it is a {@link DeskRefusal}, never a
 * dossier in this state.
 */
public enum DossierState {
    RECEIVED(2, "Đã tiếp nhận", true),
    REFUSED_AT_DESK(3, "Từ chối tiếp nhận", false),
    TRANSFERRED(4, "Đã chuyển đến cơ quan giải quyết", true),
    IN_PROCESS(4, "Đang giải quyết", true),
    SUPPLEMENT_REQUESTED(5, "Chờ bổ sung hồ sơ", true),
    FEE_REQUESTED(6, "Chờ nộp phí, lệ phí", true),
    WITHDRAWAL_REQUESTED(7, "Đã đề nghị rút hồ sơ", false),
    STOPPED(8, "Đã dừng xử lý", false),
    RESULT_READY(9, "Đã có kết quả, chờ trả", false),
    RETURNED(10, "Đã trả kết quả", false);

    private final int portalNumber;
    private final String label;
    private final boolean open;

    DossierState(int portalNumber, String label, boolean open) {
        this.portalNumber = portalNumber;
        this.label = label;
        this.open = open;
    }

    /** The status number of the national public service portal. */
    public int portalNumber() { return portalNumber; }

    /** Plain Vietnamese for citizens: "Chờ bổ sung hồ sơ". */
    public String label() { return label; }

    /** Still being worked on: the citizen may withdraw it, and it counts as "in process" in reports. */
    public boolean isOpen() { return open; }
}
