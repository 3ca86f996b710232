package vn.motcua.domain.dossier;

/**
 * Why an uploaded file was set aside instead of attached: the English code programs and reports
 * use, and the words a clerk reads in the dossier's history.
 */
public enum DocumentRejection {
    /** The declared content type is not one the desk accepts (PDF, JPEG, PNG). */
    UNSUPPORTED_TYPE("không thuộc loại tệp được chấp nhận (chỉ nhận PDF, JPEG, PNG)"),
    /** The file's first bytes do not match the declared type: a renamed or disguised file. */
    TYPE_MISMATCH("có nội dung không khớp với loại tệp đã khai báo"),
    TOO_LARGE("vượt quá dung lượng cho phép"),
    EMPTY("là tệp rỗng"),
    /** The dossier no longer takes documents (stopped, or its result returned). */
    DOSSIER_CLOSED("đến sau khi hồ sơ đã kết thúc, không còn nhận thêm tài liệu"),
    /** A later object at the key of a registered document (an upload link used twice): the registered one stays. */
    KEY_IN_USE("được tải lên lần nữa vào chỗ của một tài liệu đã đăng ký; tài liệu đã đăng ký được giữ nguyên");

    private final String words;

    DocumentRejection(String words) { this.words = words; }

    /** Follows the file's name: "«scan.pdf» có nội dung không khớp với loại tệp đã khai báo". */
    public String words() { return words; }
}
