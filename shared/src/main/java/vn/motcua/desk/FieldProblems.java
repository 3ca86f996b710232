package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.edge.BadInput;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem of a request's fields, so the clerk fixes them all in one go instead of
 * one per submit. Each problem has the field's path ({@code applicant.phone}, {@code documents[2].form}),
 * an English code and a Vietnamese message. Also reads typed values, naming the field on a wrong type.
 */
final class FieldProblems {

    record Problem(String field, String code, String messageVi) {}

    private final List<Problem> problems = new ArrayList<>();

    void add(String field, String code, String messageVi) { problems.add(new Problem(field, code, messageVi)); }

    boolean any() { return !problems.isEmpty(); }

    boolean has(String field) { return problems.stream().anyMatch(p -> p.field().equals(field)); }

    List<Problem> list() { return List.copyOf(problems); }

    /** A 400 listing every problem; one problem keeps its own code, several are INVALID_FIELDS. */
    BadInput toBadInput() {
        var fields = problems.stream().map(p -> new BadInput.FieldError(p.field(), p.messageVi())).toList();
        if (problems.size() == 1) {
            var only = problems.get(0);
            return new BadInput(400, only.code(), only.messageVi(), fields);
        }
        return new BadInput(400, "INVALID_FIELDS", "Có " + problems.size()
                + " thông tin chưa hợp lệ; xin kiểm tra và sửa các mục được nêu.", fields);
    }

    void throwIfAny() throws BadInput {
        if (any()) throw toBadInput();
    }

    // ---- typed reads: null when absent (or wrong, with a problem added) ---------------------------

    /** The object at {@code field} of {@code parent}; a problem when it is missing or not an object. */
    JsonNode object(JsonNode parent, String name, String path, boolean required) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            if (required) add(path, "MISSING_FIELD", "Thiếu thông tin bắt buộc: " + label(path) + ".");
            return null;
        }
        if (!v.isObject()) {
            add(path, "WRONG_TYPE", label(path) + " phải là một đối tượng JSON.");
            return null;
        }
        return v;
    }

    /** A text field, trimmed; blank counts as absent. */
    String text(JsonNode parent, String name, String path, boolean required) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) add(path, "MISSING_FIELD", "Thiếu thông tin bắt buộc: " + label(path) + ".");
            return null;
        }
        if (!v.isTextual()) {
            add(path, "WRONG_TYPE", label(path) + " phải là chuỗi ký tự.");
            return null;
        }
        return v.asText();
    }

    /** A whole number in [min, max]; {@code fallback} when absent. */
    Integer whole(JsonNode parent, String name, String path, int min, int max, Integer fallback) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            if (fallback == null) add(path, "MISSING_FIELD", "Thiếu thông tin bắt buộc: " + label(path) + ".");
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            add(path, "WRONG_TYPE", label(path) + " phải là số nguyên.");
            return null;
        }
        int n = v.asInt();
        if (n < min || n > max) {
            add(path, "OUT_OF_RANGE", label(path) + " phải từ " + min + " đến " + max + ".");
            return null;
        }
        return n;
    }

    /** A true/false field; {@code fallback} when absent. */
    Boolean flag(JsonNode parent, String name, String path, boolean fallback) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) {
            add(path, "WRONG_TYPE", label(path) + " phải là true hoặc false.");
            return null;
        }
        return v.asBoolean();
    }

    /** Fields the request may not carry: a typo ("phoneNumber") would otherwise be silently dropped. */
    void onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                String at = path.isEmpty() ? name : path + "." + name;
                add(at, "UNKNOWN_FIELD", "Trường «" + name + "» không được hỗ trợ (các trường hợp lệ: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ").");
            }
        }
    }

    /** The clerk's name for a field path. */
    static String label(String path) {
        String last = path.replaceAll("\\[\\d+]", "");
        return switch (last) {
            case "applicant" -> "thông tin người nộp hồ sơ";
            case "applicant.name" -> "họ và tên người nộp";
            case "applicant.idNumber" -> "số CCCD hoặc hộ chiếu";
            case "applicant.phone" -> "số điện thoại";
            case "applicant.email" -> "thư điện tử";
            case "applicant.address" -> "địa chỉ người nộp";
            case "applicant.smsConsent" -> "đồng ý nhận tin nhắn SMS";
            case "procedureCode" -> "mã thủ tục";
            case "documents" -> "danh sách giấy tờ đã nhận";
            case "documents.index" -> "số thứ tự giấy tờ";
            case "documents.name" -> "tên giấy tờ";
            case "documents.form" -> "hình thức giấy tờ (bản chính/bản sao)";
            case "documents.count" -> "số lượng giấy tờ";
            case "sets" -> "số bộ hồ sơ";
            case "resultReturn" -> "hình thức nhận kết quả";
            case "resultReturn.method" -> "hình thức nhận kết quả";
            case "resultReturn.address" -> "địa chỉ nhận kết quả qua bưu chính";
            case "channel" -> "hình thức nộp hồ sơ";
            case "reasons" -> "lý do từ chối";
            case "score" -> "điểm đánh giá";
            case "comment" -> "góp ý";
            default -> path;
        };
    }
}
