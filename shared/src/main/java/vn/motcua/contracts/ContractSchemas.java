package vn.motcua.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.schemas.JsonSchemas;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The contracts' schemas ({@link JsonSchemas}), each loaded the first time its message is read and
 * kept for the life of the container, and their violations as Vietnamese sentences naming the field
 * ({@code resultReady.reasons}, {@code dossier.documents[0].url}).
 */
final class ContractSchemas {

    private static final Map<Contract, JsonSchema> SCHEMAS = new EnumMap<>(Contract.class);

    private ContractSchemas() {}

    static synchronized JsonSchema schema(Contract contract) {
        return SCHEMAS.computeIfAbsent(contract, c -> JsonSchemas.load(c.resource()));
    }

    /** Loads the schema and checks its first example with it; returns the example. */
    static JsonNode preload(Contract contract) {
        var schema = schema(contract);
        var example = schema.getSchemaNode().path("examples").path(0);
        schema.validate(example);
        return example;
    }

    static void check(Contract contract, JsonNode message) throws BadInput {
        var violations = schema(contract).validate(message);
        if (violations.isEmpty()) return;
        var byField = new LinkedHashMap<String, String>();
        for (ValidationMessage v : violations) {
            // "exactly one of" failures also report each branch's missing field: the summary says it better
            if (v.getEvaluationPath().toString().contains("/oneOf/")) continue;
            String field = field(v);
            if (byField.containsKey(field)) continue; // one sentence per field (a bad date breaks its pattern and its format)
            String sentence = sentence(v, field, message);
            String hint = contract.hint(field);
            byField.put(field, hint == null ? sentence : sentence + " " + hint);
        }
        var fields = new ArrayList<BadInput.FieldError>();
        byField.forEach((field, sentence) -> fields.add(new BadInput.FieldError(field, sentence)));
        String first = fields.get(0).message();
        String more = fields.size() > 1 ? " (và " + (fields.size() - 1) + " lỗi khác)" : "";
        throw new BadInput(400, "SCHEMA_VIOLATION", "Thông điệp " + contract.title() + " không hợp lệ: " + first + more, fields);
    }

    /** The field at fault as a path: {@code resultReady.reasons}, {@code dossier.documents[0]}, or {@code body}. */
    static String field(ValidationMessage v) {
        var path = new StringBuilder();
        JsonNodePath at = v.getInstanceLocation();
        for (int i = 0; i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            if (element instanceof Integer index) path.append('[').append(index).append(']');
            else path.append(path.length() == 0 ? "" : ".").append(element);
        }
        boolean namesChild = v.getType().equals("required") || v.getType().equals("additionalProperties");
        if (namesChild && v.getProperty() != null) path.append(path.length() == 0 ? "" : ".").append(v.getProperty());
        return path.length() == 0 ? "body" : path.toString();
    }

    private static String sentence(ValidationMessage v, String field, JsonNode message) {
        String f = "«" + field + "»";
        JsonNode rule = v.getSchemaNode();
        return switch (v.getType()) {
            case "required" -> "Thiếu trường bắt buộc " + f + ".";
            case "additionalProperties" -> "Trường " + f + " không có trong mẫu thông điệp nên không được gửi.";
            case "false" -> "Trường " + f + " không được dùng trong trường hợp này.";
            case "type" -> "Trường " + f + " phải là " + typeName(rule.asText()) + ".";
            case "enum" -> "Giá trị của " + f + " không hợp lệ; chỉ nhận: " + list(rule) + ".";
            case "const" -> "Giá trị của " + f + " phải là " + Json.write(rule) + ".";
            case "pattern", "format" -> formatSentence(v, f);
            case "minLength" -> rule.asInt() <= 1 ? "Trường " + f + " không được để trống."
                    : "Trường " + f + " phải có ít nhất " + rule.asInt() + " ký tự.";
            case "maxLength" -> "Trường " + f + " dài quá " + rule.asInt() + " ký tự.";
            case "minItems" -> "Trường " + f + " phải có ít nhất " + rule.asInt() + " mục.";
            case "maxItems" -> "Trường " + f + " có nhiều nhất " + rule.asInt() + " mục.";
            case "uniqueItems" -> "Trường " + f + " có mục bị lặp lại.";
            case "minimum" -> "Trường " + f + " phải lớn hơn hoặc bằng " + rule.asText() + ".";
            case "maximum" -> "Trường " + f + " không được lớn hơn " + rule.asText() + ".";
            case "oneOf" -> oneOfSentence(rule, v, message);
            default -> "Trường " + f + " không hợp lệ (" + v.getMessage() + ").";
        };
    }

    /** Pattern and format rules of the shared definitions get a sentence that shows the right form. */
    private static String formatSentence(ValidationMessage v, String f) {
        String where = v.getSchemaLocation().toString();
        if (where.contains("/$defs/dossierCode/")) {
            return "Mã hồ sơ " + f + " phải có dạng <mã định danh cơ quan>-<YYMMDD>-<NNNN>, ví dụ 000.00.53.H48-220921-0099.";
        }
        if (where.contains("/$defs/instant/")) {
            return "Trường " + f + " phải là thời điểm theo ISO 8601 có múi giờ, ví dụ 2020-03-02T09:00:00+07:00.";
        }
        if (where.contains("/$defs/date/")) return "Trường " + f + " phải là ngày theo ISO 8601 (YYYY-MM-DD), ví dụ 2020-03-16.";
        if (where.contains("/$defs/text/")) return "Trường " + f + " không được để trống.";
        if (where.contains("/$defs/id/")) {
            return "Trường " + f + " chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ : - (bắt đầu bằng chữ hoặc số).";
        }
        if (where.contains("/$defs/agencyId/")) return "Trường " + f + " phải là mã cơ quan trong danh mục, ví dụ so-khoa-hoc-cong-nghe.";
        String name = f.substring(f.lastIndexOf('.') + 1).replace("«", "").replace("»", "");
        switch (name) {
            case "url": return "Trường " + f + " phải là đường dẫn https:// hợp lệ.";
            case "checksum": return "Trường " + f + " phải có dạng sha256:<64 chữ số hệ 16 viết thường>.";
            case "contentType": return "Trường " + f + " phải là kiểu nội dung MIME, ví dụ application/pdf.";
            case "email": return "Trường " + f + " phải là địa chỉ email hợp lệ.";
            default: break;
        }
        return "Trường " + f + " không đúng định dạng quy định (xem mô tả trường trong tệp JSON Schema).";
    }

    /** Our oneOf lists alternatives by a required field each: name them, and say how many were sent. */
    private static String oneOfSentence(JsonNode branches, ValidationMessage v, JsonNode message) {
        List<String> names = StreamSupport.stream(branches.spliterator(), false)
                .map(b -> b.path("required").path(0).asText()).filter(s -> !s.isEmpty()).toList();
        JsonNode at = message.at(v.getInstanceLocation().toString());
        long sent = names.stream().filter(at::has).count();
        return "Cần đúng một trong các trường " + String.join(", ", names) + "; thông điệp có " + sent + ".";
    }

    private static String list(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(", "));
    }

    private static String typeName(String type) {
        return switch (type) {
            case "string" -> "chuỗi ký tự";
            case "integer" -> "số nguyên";
            case "number" -> "số";
            case "object" -> "đối tượng JSON";
            case "array" -> "mảng";
            case "boolean" -> "true hoặc false";
            default -> type;
        };
    }
}
