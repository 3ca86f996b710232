package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /dossiers}, read and checked against the catalog. Every field problem is reported at
 * once (a 400 naming each field); completeness against the procedure's list is not a field problem
 * but the desk's decision, made by {@link Checklist}.
 *
 * <pre>{@code
 * {"applicant": {"name", "idNumber", "phone", "email"?, "address"},
 *  "procedureCode": "2.002131",
 *  "documents": [{"index": 0 | "name": "...", "form": "original"|"copy", "count": 1}],
 *  "sets": 1,
 *  "resultReturn": {"method": "at_desk"} | {"method": "by_post", "address": "..."},
 *  "channel": "in_person"|"by_post"}   (optional, in person by default)
 * }</pre>
 * A document is named by its position in the procedure's list (0-based, as {@code GET /catalog} lists
 * them) or by its exact name.
 */
public record IntakeRequest(Applicant applicant, Procedure procedure, List<TickedDocument> documents, int sets,
                            ResultReturn resultReturn, Channel channel) {

    /** A document the clerk ticked: which line of the procedure's list, in what form, how many. */
    public record TickedDocument(int index, RequiredDocument listed, RequiredDocument.Form brought, int count) {}

    static final int MAX_SETS = 20;
    static final int MAX_COUNT = 50;

    public static IntakeRequest parse(JsonNode body, Catalog catalog) throws BadInput {
        var problems = new FieldProblems();
        if (!body.isObject()) {
            throw new BadInput("WRONG_TYPE", "Nội dung yêu cầu phải là một đối tượng JSON.", "body");
        }
        problems.onlyFields(body, "", Set.of("applicant", "procedureCode", "documents", "sets", "resultReturn", "channel"));
        Applicant applicant = ApplicantInput.read(body, problems);
        Procedure procedure = procedure(body, catalog, problems);
        List<TickedDocument> documents = procedure == null ? null : documents(body, procedure, problems);
        Integer sets = problems.whole(body, "sets", "sets", 1, MAX_SETS, 1);
        ResultReturn resultReturn = resultReturn(body, procedure, problems);
        Channel channel = channel(body, problems);
        problems.throwIfAny();
        return new IntakeRequest(applicant, procedure, documents, sets, resultReturn, channel);
    }

    static Procedure procedure(JsonNode body, Catalog catalog, FieldProblems problems) {
        String code = problems.text(body, "procedureCode", "procedureCode", true);
        if (code == null) return null;
        var procedure = catalog.procedure(code.strip());
        if (procedure.isEmpty()) {
            problems.add("procedureCode", "UNKNOWN_PROCEDURE", "Không tìm thấy thủ tục có mã «" + code.strip()
                    + "» trong danh mục thủ tục của Bộ phận Một cửa.");
            return null;
        }
        return procedure.get();
    }

    private static List<TickedDocument> documents(JsonNode body, Procedure procedure, FieldProblems problems) {
        JsonNode list = body.get("documents");
        if (list == null || list.isNull()) {
            problems.add("documents", "MISSING_FIELD", "Thiếu danh sách giấy tờ đã nhận (có thể là danh sách rỗng).");
            return null;
        }
        if (!list.isArray()) {
            problems.add("documents", "WRONG_TYPE", "Danh sách giấy tờ đã nhận phải là một mảng.");
            return null;
        }
        var ticked = new ArrayList<TickedDocument>();
        var seen = new HashMap<Integer, String>();
        var listed = procedure.documents();
        for (int i = 0; i < list.size(); i++) {
            String path = "documents[" + i + "]";
            JsonNode d = list.get(i);
            if (!d.isObject()) {
                problems.add(path, "WRONG_TYPE", "Mỗi giấy tờ phải là một đối tượng JSON {index, form, count}.");
                continue;
            }
            problems.onlyFields(d, path, Set.of("index", "name", "form", "count"));
            Integer index = null;
            if (d.has("index") && !d.get("index").isNull()) {
                index = problems.whole(d, "index", path + ".index", 0, listed.size() - 1, null);
            } else {
                String name = problems.text(d, "name", path + ".name", false);
                if (name == null && !problems.has(path + ".name")) {
                    problems.add(path, "MISSING_FIELD", "Cần chỉ rõ giấy tờ bằng số thứ tự (index) hoặc tên (name).");
                } else if (name != null) {
                    String wanted = ApplicantInput.normalise(name);
                    for (int k = 0; k < listed.size(); k++) {
                        if (ApplicantInput.normalise(listed.get(k).name()).equals(wanted)) index = k;
                    }
                    if (index == null) {
                        problems.add(path + ".name", "UNKNOWN_DOCUMENT", "Giấy tờ «" + wanted
                                + "» không có trong thành phần hồ sơ của thủ tục này.");
                    }
                }
            }
            RequiredDocument.Form form = null;
            String formText = problems.text(d, "form", path + ".form", true);
            if (formText != null) {
                form = switch (formText.strip().toLowerCase(Locale.ROOT)) {
                    case "original" -> RequiredDocument.Form.ORIGINAL;
                    case "copy" -> RequiredDocument.Form.COPY;
                    default -> {
                        problems.add(path + ".form", "INVALID_FORM", "Hình thức giấy tờ phải là original (bản chính) hoặc copy (bản sao).");
                        yield null;
                    }
                };
            }
            Integer count = problems.whole(d, "count", path + ".count", 1, MAX_COUNT, 1);
            if (index != null) {
                String first = seen.putIfAbsent(index, path);
                if (first != null) {
                    problems.add(path, "DUPLICATE_DOCUMENT", "Giấy tờ «" + listed.get(index).name() + "» đã được ghi ở " + first + ".");
                    continue;
                }
            }
            if (index != null && form != null && count != null) ticked.add(new TickedDocument(index, listed.get(index), form, count));
        }
        ticked.sort(Comparator.comparingInt(TickedDocument::index));
        return ticked;
    }

    private static ResultReturn resultReturn(JsonNode body, Procedure procedure, FieldProblems problems) {
        JsonNode r = problems.object(body, "resultReturn", "resultReturn", true);
        if (r == null) return null;
        problems.onlyFields(r, "resultReturn", Set.of("method", "address"));
        String method = problems.text(r, "method", "resultReturn.method", true);
        String address = problems.text(r, "address", "resultReturn.address", false);
        if (method == null) return null;
        switch (method.strip().toLowerCase(Locale.ROOT)) {
            case "at_desk" -> {
                if (address != null) {
                    problems.add("resultReturn.address", "UNEXPECTED_ADDRESS",
                            "Chỉ ghi địa chỉ nhận kết quả khi người nộp chọn nhận qua dịch vụ bưu chính.");
                    return null;
                }
                return ResultReturn.atDesk();
            }
            case "by_post" -> {
                if (procedure != null && !procedure.resultByPost()) {
                    problems.add("resultReturn.method", "RESULT_BY_POST_NOT_ALLOWED", "Thủ tục " + procedure.code()
                            + " không cho phép trả kết quả qua dịch vụ bưu chính; người nộp cần nhận kết quả tại quầy.");
                    return null;
                }
                if (address == null) {
                    if (!problems.has("resultReturn.address")) {
                        problems.add("resultReturn.address", "MISSING_FIELD", "Cần ghi địa chỉ nhận kết quả qua dịch vụ bưu chính.");
                    }
                    return null;
                }
                String normalised = ApplicantInput.address(address, "resultReturn.address", problems);
                return normalised == null ? null : ResultReturn.byPost(normalised);
            }
            default -> {
                problems.add("resultReturn.method", "INVALID_RESULT_RETURN",
                        "Hình thức nhận kết quả phải là at_desk (tại quầy) hoặc by_post (qua dịch vụ bưu chính).");
                return null;
            }
        }
    }

    private static Channel channel(JsonNode body, FieldProblems problems) {
        String text = problems.text(body, "channel", "channel", false);
        if (text == null) return problems.has("channel") ? null : Channel.IN_PERSON;
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "in_person" -> Channel.IN_PERSON;
            case "by_post" -> Channel.BY_POST;
            default -> {
                problems.add("channel", "INVALID_CHANNEL", "Hình thức nộp tại quầy chỉ có thể là in_person (trực tiếp) hoặc by_post (qua bưu chính).");
                yield null;
            }
        };
    }

    /** The request after normalisation, in a fixed order: what an {@code Idempotency-Key} is bound to. */
    public ObjectNode canonical() {
        ObjectNode o = Json.object();
        ObjectNode a = o.putObject("applicant");
        a.put("name", applicant.name()).put("idNumber", applicant.idNumber()).put("phone", applicant.phone())
                .put("email", applicant.email().orElse("")).put("address", applicant.address());
        o.put("procedureCode", procedure.code());
        var docs = o.putArray("documents");
        documents.forEach(d -> docs.addObject().put("index", d.index()).put("form", d.brought().name()).put("count", d.count()));
        o.put("sets", sets);
        o.putObject("resultReturn").put("method", resultReturn.method().name()).put("address", resultReturn.postalAddress().orElse(""));
        o.put("channel", channel.name());
        return o;
    }

    /** SHA-256 of the canonical form, prefixed with the route so two routes never share a key's meaning. */
    public String hash() { return sha256("POST /dossiers\n" + Json.write(canonical())); }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<TickedDocument> ticked(int index) {
        return documents.stream().filter(d -> d.index() == index).findFirst();
    }
}
