package vn.motcua.domain.dossier;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * An event the lifecycle would not apply: an English code for programs and a Vietnamese message a
 * clerk or department officer can act on. A refusal changes nothing.
 */
public record Refusal(RefusalCode code, String message) implements Decision {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public Refusal {
        if (code == null || message == null || message.isBlank()) throw new IllegalArgumentException("a refusal needs a code and words");
    }

    static String date(LocalDate d) { return d.format(DATE); }

    static Refusal illegalTransition(Dossier d, EventKind kind) {
        return new Refusal(RefusalCode.ILLEGAL_TRANSITION, "Không thể " + kind.action() + " khi hồ sơ "
                + d.code() + " đang ở trạng thái «" + d.state().label() + "».");
    }

    static Refusal wrongAgency(Dossier d, String otherAgency) {
        return new Refusal(RefusalCode.WRONG_AGENCY, "Hồ sơ " + d.code() + " thuộc thẩm quyền giải quyết của cơ quan "
                + d.agencyId() + "; cơ quan " + otherAgency + " không được thao tác trên hồ sơ này.");
    }

    static Refusal transferToWrongAgency(Dossier d, String toAgency) {
        return new Refusal(RefusalCode.WRONG_AGENCY, "Hồ sơ " + d.code() + " thuộc thẩm quyền giải quyết của cơ quan "
                + d.agencyId() + ", không thể chuyển đến cơ quan " + toAgency + ".");
    }

    static Refusal wrongActor(EventKind kind) {
        var who = kind.side() == EventKind.Side.DEPARTMENT ? "cơ quan giải quyết hồ sơ" : "Bộ phận Một cửa";
        return new Refusal(RefusalCode.WRONG_ACTOR, "Chỉ " + who + " mới được " + kind.action() + ".");
    }

    static Refusal secondSupplement(Dossier d, int allowed) {
        var times = allowed == 1 ? "một lần" : allowed + " lần";
        return new Refusal(RefusalCode.SECOND_SUPPLEMENT, "Hồ sơ " + d.code() + " đã được yêu cầu bổ sung " + times
                + "; theo quy định, cơ quan giải quyết chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ " + times + ".");
    }

    static Refusal secondDelay(Dossier d, LocalDate alreadySet) {
        return new Refusal(RefusalCode.SECOND_DELAY, "Hồ sơ " + d.code() + " đã được hẹn lại ngày trả kết quả một lần (sang ngày "
                + date(alreadySet) + "); không được hẹn lại lần thứ hai.");
    }

    /** {@code what}: "lý do từ chối giải quyết", "lý do rút hồ sơ"... */
    static Refusal reasonRequired(String what) {
        return new Refusal(RefusalCode.REASON_REQUIRED, "Cần ghi rõ " + what + ".");
    }

    static Refusal itemsRequired() {
        return new Refusal(RefusalCode.ITEMS_REQUIRED, "Cần liệt kê các giấy tờ phải bổ sung, hoàn thiện.");
    }

    static Refusal delayNotLater(LocalDate proposed, LocalDate current) {
        return new Refusal(RefusalCode.DELAY_NOT_LATER, "Ngày hẹn mới (" + date(proposed)
                + ") phải sau ngày hẹn trả kết quả hiện tại (" + date(current) + ").");
    }

    static Refusal delayAfterDue(LocalDate latest, LocalDate due, LocalDate today) {
        return new Refusal(RefusalCode.DELAY_AFTER_DUE, "Phải thông báo chậm trễ và hẹn lại chậm nhất vào ngày " + date(latest)
                + ", trước ngày hẹn trả kết quả (" + date(due) + "); hôm nay đã là ngày " + date(today) + ".");
    }

    static Refusal noAppointment(Dossier d) {
        return new Refusal(RefusalCode.NO_APPOINTMENT, "Thủ tục của hồ sơ " + d.code()
                + " không quy định thời hạn giải quyết nên hồ sơ không có ngày hẹn trả kết quả.");
    }

    static Refusal dueDateRequired() {
        return new Refusal(RefusalCode.DUE_DATE_REQUIRED,
                "Cần có ngày hẹn trả kết quả mới, tính lại sau khi nhận hồ sơ bổ sung.");
    }

    static Refusal dueDateEarlier(LocalDate proposed, LocalDate current) {
        return new Refusal(RefusalCode.DUE_DATE_EARLIER, "Ngày hẹn sau khi bổ sung (" + date(proposed)
                + ") không được sớm hơn ngày hẹn hiện tại (" + date(current) + ").");
    }

    static Refusal feeInvalid() {
        return new Refusal(RefusalCode.FEE_INVALID, "Số tiền phí, lệ phí phải lớn hơn 0 đồng.");
    }

    static Refusal trackingRequired() {
        return new Refusal(RefusalCode.TRACKING_REQUIRED, "Cần nhập số hiệu bưu gửi.");
    }

    static Refusal collectAtDesk(Dossier d) {
        return new Refusal(RefusalCode.NOT_BY_POST, "Người nộp hồ sơ " + d.code()
                + " đã chọn nhận kết quả tại quầy; không thể chuyển kết quả qua dịch vụ bưu chính.");
    }

    static Refusal notSentByPost(Dossier d) {
        return new Refusal(RefusalCode.NOT_BY_POST, "Kết quả của hồ sơ " + d.code() + " chưa được chuyển qua dịch vụ bưu chính.");
    }

    static Refusal alreadyDelivered(Dossier d, LocalDate on) {
        return new Refusal(RefusalCode.ALREADY_DELIVERED, "Bưu chính đã phát kết quả của hồ sơ " + d.code()
                + " (ngày " + date(on) + ").");
    }

    static Refusal alreadyOverdue(Dossier d) {
        return new Refusal(RefusalCode.ALREADY_OVERDUE, "Hồ sơ " + d.code() + " đã được đánh dấu quá hạn.");
    }

    static Refusal notYetDue(Dossier d, LocalDate due) {
        return new Refusal(RefusalCode.NOT_YET_DUE, "Hồ sơ " + d.code() + " chưa quá hạn: ngày hẹn trả kết quả là "
                + date(due) + ".");
    }

    static Refusal resultByPostNotAllowed(String procedureCode) {
        return new Refusal(RefusalCode.RESULT_BY_POST_NOT_ALLOWED, "Thủ tục " + procedureCode
                + " không cho phép trả kết quả qua dịch vụ bưu chính; người nộp cần nhận kết quả tại quầy.");
    }

    static Refusal feeAmountMismatch(long paid, long due) {
        return new Refusal(RefusalCode.FEE_AMOUNT_MISMATCH, "Số tiền đã nộp (" + vnd(paid) + ") khác số phí, lệ phí cơ quan yêu cầu ("
                + vnd(due) + "); xin kiểm tra lại biên lai.");
    }

    static Refusal deliveryDateOutside(LocalDate on, LocalDate handed, LocalDate today) {
        return new Refusal(RefusalCode.DELIVERY_DATE_INVALID, "Ngày bưu chính phát (" + date(on) + ") phải từ ngày chuyển kết quả cho bưu chính ("
                + date(handed) + ") đến hôm nay (" + date(today) + ").");
    }

    /** Vietnamese thousands separators: 200.000 đồng. */
    private static String vnd(long amount) {
        return String.format(java.util.Locale.GERMANY, "%,d", amount) + " đồng";
    }
}
