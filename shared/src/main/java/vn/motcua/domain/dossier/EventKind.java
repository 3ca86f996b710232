package vn.motcua.domain.dossier;

/**
 * What happened to a dossier, as history records it, with who may make it happen and the words
 * a clerk reads when it cannot ("Không thể " + action + ...).
 */
public enum EventKind {
    RECEIVED(Side.DESK, "tiếp nhận hồ sơ"),
    TRANSFERRED(Side.DESK, "chuyển hồ sơ đến cơ quan giải quyết"),
    ACCEPTED(Side.DEPARTMENT, "nhận giải quyết hồ sơ"),
    SUPPLEMENT_REQUESTED(Side.DEPARTMENT, "yêu cầu bổ sung hồ sơ"),
    SUPPLEMENT_RECEIVED(Side.EITHER, "nhận hồ sơ bổ sung"),
    FEE_REQUESTED(Side.DEPARTMENT, "yêu cầu nộp phí, lệ phí"),
    FEE_PAID(Side.EITHER, "ghi nhận đã nộp phí, lệ phí"),
    RESULT_READY(Side.DEPARTMENT, "chuyển kết quả giải quyết về Bộ phận Một cửa"),
    DELAYED(Side.DEPARTMENT, "hẹn lại ngày trả kết quả"),
    RETURNED_AT_DESK(Side.DESK, "trả kết quả tại quầy"),
    HANDED_TO_POST(Side.DESK, "chuyển kết quả qua dịch vụ bưu chính"),
    DELIVERED(Side.DESK, "ghi nhận bưu chính đã phát kết quả"),
    WITHDRAWAL_REQUESTED(Side.DESK, "ghi nhận đề nghị rút hồ sơ"),
    STOPPED(Side.EITHER, "dừng xử lý hồ sơ"),
    MARKED_OVERDUE(Side.DESK, "đánh dấu hồ sơ quá hạn"),
    DOCUMENT_ATTACHED(Side.EITHER, "đính kèm tài liệu"),
    /** An upload the desk's checks refused: recorded in history, nothing else changes. */
    DOCUMENT_REJECTED(Side.DESK, "ghi nhận tài liệu bị từ chối"),
    /**
     * The department's system refused the dispatcher's callback for good (an HTTP 4xx): recorded in
     * history so the desk sees the dossier did not arrive; the state does not change.
     */
    DELIVERY_FAILED(Side.DESK, "ghi nhận không chuyển được hồ sơ đến cơ quan giải quyết");

    /**
     * Who may cause it. DEPARTMENT: only the competent agency (its decisions). DESK: the desk's
     * staff or the system acting for it (router, deadline watch, post tracking). EITHER: both.
     */
    public enum Side { DEPARTMENT, DESK, EITHER }

    private final Side side;
    private final String action;

    EventKind(Side side, String action) {
        this.side = side;
        this.action = action;
    }

    public Side side() { return side; }

    /** The action in Vietnamese, as a clerk would say it: "yêu cầu bổ sung hồ sơ". */
    public String action() { return action; }

    /** Hand-overs between desk, department and citizen: each one adds a row to form 05. */
    public boolean isHandOver() {
        return this == TRANSFERRED || this == RESULT_READY || this == RETURNED_AT_DESK || this == HANDED_TO_POST;
    }
}
