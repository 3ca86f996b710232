package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import vn.motcua.domain.catalog.RequiredDocument;
import vn.motcua.edge.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Completeness at the desk: every required line of the procedure's document list must be there, in
 * the form it asks for, in at least the number it asks for. An original stands in for a copy (the
 * desk can certify a copy against it); a copy never stands in for an original.
 */
public final class Checklist {

    /** Why a line of the list is not satisfied. */
    public enum Problem { NOT_PROVIDED, ORIGINAL_REQUIRED, TOO_FEW }

    /** One line the citizen must still bring (form 02): what, in what form and number, and why. */
    public record Missing(int index, String name, RequiredDocument.Form form, int count, Problem problem, String messageVi) {}

    private Checklist() {}

    public static List<Missing> missing(IntakeRequest request) {
        var missing = new ArrayList<Missing>();
        var listed = request.procedure().documents();
        for (int i = 0; i < listed.size(); i++) {
            var doc = listed.get(i);
            if (!doc.required()) continue;
            var ticked = request.ticked(i);
            String what = doc.name() + " (" + doc.form().inVietnamese() + ", " + doc.count() + " bản)";
            if (ticked.isEmpty()) {
                missing.add(new Missing(i, doc.name(), doc.form(), doc.count(), Problem.NOT_PROVIDED, "Chưa có: " + what + "."));
            } else if (doc.form() == RequiredDocument.Form.ORIGINAL && ticked.get().brought() != RequiredDocument.Form.ORIGINAL) {
                missing.add(new Missing(i, doc.name(), doc.form(), doc.count(), Problem.ORIGINAL_REQUIRED,
                        "Cần bản chính, mới có bản sao: " + what + "."));
            } else if (ticked.get().count() < doc.count()) {
                missing.add(new Missing(i, doc.name(), doc.form(), doc.count(), Problem.TOO_FEW,
                        "Cần " + doc.count() + " bản, mới có " + ticked.get().count() + ": " + what + "."));
            }
        }
        return List.copyOf(missing);
    }

    static ArrayNode toJson(List<Missing> missing) {
        ArrayNode list = Json.array();
        for (var m : missing) {
            list.addObject().put("index", m.index()).put("name", m.name())
                    .put("form", m.form().name().toLowerCase(java.util.Locale.ROOT)).put("formText", m.form().inVietnamese())
                    .put("count", m.count()).put("problem", m.problem().name()).put("message", m.messageVi());
        }
        return list;
    }
}
