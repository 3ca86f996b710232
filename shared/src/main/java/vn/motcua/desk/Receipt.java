package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.calendar.DueDate;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.ResultReturn;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receipt and appointment [Giấy tiếp nhận hồ sơ và hẹn trả kết quả], form 01 of Circular
 * 01/2018/TT-VPCP: what the desk hands the citizen. Its data as JSON for the counter app, and the
 * model of the printable page ({@link ReceiptPage}).
 *
 * @param lookupSecret the plain secret, printed once; empty when it can no longer be shown
 */
public record Receipt(String code, Desk desk, String applicantName, String idNumber, String address, String phone,
                      Optional<String> email, String procedureCode, String procedureName, String agencyName,
                      List<Line> documents, int sets, String timeLimit, LocalDateTime receivedAt,
                      Optional<java.time.LocalDate> appointment, String appointmentNote, boolean provisional,
                      ResultReturn resultReturn, String receiver, Optional<String> lookupSecret) {

    /** One document received: its name as the list says it, the form brought, how many. */
    public record Line(String name, String form, int count) {}

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter TIME_DATE = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    static Receipt of(Dossier dossier, IntakeRequest request, Procedure procedure, Agency agency, DueDate appointment,
                      Desk desk, String receiver, Optional<String> secret) {
        var a = dossier.applicant();
        var lines = request.documents().stream()
                .map(d -> new Line(d.listed().name(), d.brought().inVietnamese(), d.count())).toList();
        return new Receipt(dossier.code().value(), desk, a.name(), a.idNumber(), a.address(), a.phone(), a.email(),
                procedure.code(), procedure.name().vi(), agency.name().vi(), lines, request.sets(),
                dossier.timeLimit().inVietnamese(), dossier.receivedAt().atZone(Dossier.ZONE).toLocalDateTime(),
                appointment.date(), appointment.explanationInVietnamese(), appointment.isProvisional(),
                dossier.resultReturn(), receiver, secret);
    }

    public String receivedAtText() { return TIME_DATE.format(receivedAt); }

    /** "10 giờ 05 phút, ngày 22 tháng 01 năm 2020", as the form writes it. */
    public String receivedAtWords() {
        return String.format("%02d giờ %02d phút, ngày %02d tháng %02d năm %d", receivedAt.getHour(), receivedAt.getMinute(),
                receivedAt.getDayOfMonth(), receivedAt.getMonthValue(), receivedAt.getYear());
    }

    public String appointmentText() {
        return appointment.map(DATE::format).orElse("Không quy định");
    }

    public String resultReturnText() {
        return resultReturn.byPost()
                ? "Qua dịch vụ bưu chính, gửi đến: " + resultReturn.postalAddress().orElseThrow() + " (người nộp trả cước)"
                : "Tại " + desk.nameVi() + ", " + desk.addressVi();
    }

    public ObjectNode toJson() {
        ObjectNode o = FormJson.form("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", desk).put("code", code);
        FormJson.applicant(o, applicantName, idNumber, address, phone, email);
        o.putObject("procedure").put("code", procedureCode).put("name", procedureName).put("agency", agencyName);
        var docs = o.putArray("documents");
        documents.forEach(d -> docs.addObject().put("name", d.name()).put("form", d.form()).put("count", d.count()));
        o.put("sets", sets);
        o.put("timeLimit", timeLimit);
        o.put("receivedAt", receivedAtText());
        o.put("appointment", appointmentText());
        o.put("appointmentNote", appointmentNote);
        o.put("appointmentProvisional", provisional);
        ObjectNode ret = o.putObject("resultReturn");
        ret.put("method", resultReturn.method().name().toLowerCase(java.util.Locale.ROOT)).put("text", resultReturnText());
        resultReturn.postalAddress().ifPresent(p -> ret.put("address", p));
        o.put("receiver", receiver);
        if (lookupSecret.isPresent()) {
            o.put("lookupSecret", lookupSecret.get());
        } else {
            o.putNull("lookupSecret");
            o.put("lookupSecretNote", "Mã tra cứu chỉ hiển thị khi tiếp nhận; nếu người nộp bị mất, cần cấp lại mã tra cứu.");
        }
        return o;
    }

    /** The model of the printable page: plain strings and lists (the template escapes every value). */
    Map<String, Object> model() {
        var m = new LinkedHashMap<String, Object>();
        m.put("code", code);
        m.put("provinceUpper", ("UBND tỉnh " + desk.provinceVi()).toUpperCase(java.util.Locale.forLanguageTag("vi")));
        m.put("host", desk.hostVi());
        m.put("desk", desk.nameVi());
        m.put("applicantName", applicantName);
        m.put("idNumber", idNumber);
        m.put("address", address);
        m.put("phone", phone);
        m.put("email", email.orElse(""));
        m.put("hasEmail", email.isPresent());
        m.put("procedureName", procedureName);
        m.put("procedureCode", procedureCode);
        m.put("agencyName", agencyName);
        var rows = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < documents.size(); i++) {
            var d = documents.get(i);
            rows.add(Map.of("no", i + 1, "name", d.name(), "form", d.form(), "count", d.count()));
        }
        m.put("documents", rows);
        m.put("sets", sets);
        m.put("timeLimit", timeLimit);
        m.put("receivedAt", receivedAtWords());
        m.put("appointment", appointment.map(DATE::format).orElse(""));
        m.put("hasAppointment", appointment.isPresent());
        m.put("appointmentNote", appointmentNote);
        m.put("provisional", provisional);
        m.put("resultReturn", resultReturnText());
        m.put("receiver", receiver);
        m.put("lookupSecret", lookupSecret.orElse(""));
        m.put("hasLookupSecret", lookupSecret.isPresent());
        return m;
    }
}
