package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /dossiers/refusals}: the desk refuses to receive a dossier (form 03), for the
 * applicant, the procedure asked for, and the reasons (at least one: a refusal always says why).
 * <pre>{@code {"applicant": {...as for an intake}, "procedureCode": "2.002131", "reasons": ["..."]}}</pre>
 */
public record RefusalRequest(Applicant applicant, Procedure procedure, List<String> reasons) {

    static final int MAX_REASONS = 20;
    static final int MAX_REASON_LENGTH = 1000;

    public static RefusalRequest parse(JsonNode body, Catalog catalog) throws BadInput {
        if (!body.isObject()) throw new BadInput("WRONG_TYPE", "Nội dung yêu cầu phải là một đối tượng JSON.", "body");
        var problems = new FieldProblems();
        problems.onlyFields(body, "", Set.of("applicant", "procedureCode", "reasons"));
        Applicant applicant = ApplicantInput.read(body, problems);
        Procedure procedure = IntakeRequest.procedure(body, catalog, problems);
        List<String> reasons = reasons(body, problems);
        problems.throwIfAny();
        return new RefusalRequest(applicant, procedure, reasons);
    }

    private static List<String> reasons(JsonNode body, FieldProblems problems) {
        JsonNode list = body.get("reasons");
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            problems.add("reasons", "REASON_REQUIRED", "Cần ghi rõ lý do từ chối tiếp nhận hồ sơ.");
            return null;
        }
        if (!list.isArray()) {
            problems.add("reasons", "WRONG_TYPE", "Lý do từ chối phải là một mảng các chuỗi ký tự.");
            return null;
        }
        if (list.size() > MAX_REASONS) {
            problems.add("reasons", "OUT_OF_RANGE", "Tối đa " + MAX_REASONS + " lý do.");
            return null;
        }
        var reasons = new ArrayList<String>();
        for (int i = 0; i < list.size(); i++) {
            String path = "reasons[" + i + "]";
            JsonNode r = list.get(i);
            if (!r.isTextual()) {
                problems.add(path, "WRONG_TYPE", "Mỗi lý do phải là một chuỗi ký tự.");
                continue;
            }
            String text = ApplicantInput.normalise(r.asText());
            if (text.isEmpty()) {
                problems.add(path, "REASON_REQUIRED", "Lý do từ chối không được để trống.");
            } else if (text.length() > MAX_REASON_LENGTH) {
                problems.add(path, "OUT_OF_RANGE", "Mỗi lý do dài tối đa " + MAX_REASON_LENGTH + " ký tự.");
            } else {
                reasons.add(text);
            }
        }
        return reasons;
    }

    /** What an {@code Idempotency-Key} is bound to. */
    public String hash() {
        var o = Json.object();
        o.put("name", applicant.name()).put("idNumber", applicant.idNumber()).put("phone", applicant.phone())
                .put("email", applicant.email().orElse("")).put("address", applicant.address())
                .put("procedureCode", procedure.code());
        var r = o.putArray("reasons");
        reasons.forEach(r::add);
        return IntakeRequest.sha256("POST /dossiers/refusals\n" + Json.write(o));
    }
}
