package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.calendar.DueDate;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.ReceiptRecord;
import vn.motcua.reference.LegalBases;
import vn.motcua.domain.dossier.ResultReturn;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receipt and appointment [Giấy tiếp nhận hồ sơ và hẹn trả kết quả], form 01: what the desk hands
 * the citizen, under the legal basis in force on the day of receipt ({@link LegalBases}). Its data as
 * JSON for the counter app, and the model of the printable page ({@link ReceiptPage}). Built at intake,
 * and again from the stored dossier and its {@link ReceiptRecord} for a reprint.
 *
 * @param procedureCode   the national procedure code; empty when the catalog holds a placeholder (never printed)
 * @param appointmentTime the hour of the appointment, from the desk's opening hours
 * @param lookupSecret    the plain secret, printed once; empty when it can no longer be shown
 * @param reprintedOn     the day of a reprint; empty on the receipt printed at intake
 */
public record Receipt(String code, Desk desk, String applicantName, String idNumber, String address, String phone,
                      Optional<String> email, String procedureCode, String procedureName, String agencyName,
                      List<Line> documents, int sets, String timeLimit, LocalDateTime receivedAt,
                      Optional<java.time.LocalDate> appointment, String appointmentNote, boolean provisional,
                      ResultReturn resultReturn, String receiver, Optional<String> lookupSecret,
                      Optional<LocalTime> appointmentTime, Optional<LocalDate> reprintedOn) {

    /** One document received: its name as the list says it, the form brought, how many. */
    public record Line(String name, String form, int count) {}

    /** As printed at intake, without an appointment hour. */
    public Receipt(String code, Desk desk, String applicantName, String idNumber, String address, String phone,
                   Optional<String> email, String procedureCode, String procedureName, String agencyName,
                   List<Line> documents, int sets, String timeLimit, LocalDateTime receivedAt,
                   Optional<java.time.LocalDate> appointment, String appointmentNote, boolean provisional,
                   ResultReturn resultReturn, String receiver, Optional<String> lookupSecret) {
        this(code, desk, applicantName, idNumber, address, phone, email, procedureCode, procedureName, agencyName, documents,
                sets, timeLimit, receivedAt, appointment, appointmentNote, provisional, resultReturn, receiver, lookupSecret,
                Optional.empty(), Optional.empty());
    }

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter TIME_DATE = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    /** What the receipt keeps beyond the dossier, from the intake request and the receiving clerk's name. */
    static ReceiptRecord record(IntakeRequest request, String receiverName) {
        var lines = request.documents().stream()
                .map(d -> new ReceiptRecord.Line(d.listed().name(), d.brought().inVietnamese(), d.count())).toList();
        return new ReceiptRecord(lines, request.sets(), receiverName);
    }

    /**
     * The receipt of a stored dossier: its printed lines from {@code record}, the appointment as the
     * dossier first promised it ({@code appointment} gives the calendar's explanation of that date).
     */
    static Receipt of(Dossier dossier, ReceiptRecord record, Procedure procedure, Agency agency, DueDate appointment,
                      Desk desk, Optional<String> secret, Optional<LocalDate> reprintedOn) {
        var a = dossier.applicant();
        var lines = record.documents().stream().map(d -> new Line(d.name(), d.form(), d.count())).toList();
        var receivedAt = dossier.receivedAt().atZone(Dossier.ZONE).toLocalDateTime();
        Optional<LocalDate> due = dossier.appointment().map(vn.motcua.domain.dossier.Appointment::original).or(appointment::date);
        var time = due.flatMap(d -> desk.openingHours().appointmentTime(d, receivedAt.toLocalDate()));
        return new Receipt(dossier.code().value(), desk, a.name(), a.idNumber(), a.address(), a.phone(), a.email(),
                procedure.codePlaceholder() ? "" : procedure.code(), procedure.name().vi(), agency.name().vi(), lines, record.sets(),
                dossier.timeLimit().inVietnamese(), receivedAt, due, appointment.explanationInVietnamese(),
                appointment.isProvisional(), dossier.resultReturn(), record.receiverName(), secret, time, reprintedOn);
    }

    /** The legal basis in force on the day of receipt, and form 01 under it. */
    public LegalBases.Basis basis() {
        return LegalBases.bundled().inForceOn(receivedAt.toLocalDate()).orElseThrow(() -> new IllegalStateException(
                "no legal basis in infra/seed/forms/legal-bases.json for a dossier received " + receivedAt.toLocalDate()));
    }

    public LegalBases.Form form() {
        var basis = basis();
        return basis.form("01").orElseThrow(() -> new IllegalStateException("legal basis " + basis.id() + " has no form 01"));
    }

    /** "13 giờ 30 phút, ngày 05 tháng 02 năm 2020"; without an hour, "ngày 05 tháng 02 năm 2020". */
    public String appointmentWords() {
        return appointment.map(d -> appointmentTime.map(t -> String.format("%02d giờ %02d phút, ", t.getHour(), t.getMinute())).orElse("")
                + dateWords(d)).orElse("");
    }

    static String dateWords(LocalDate d) {
        return String.format("ngày %02d tháng %02d năm %d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
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
                ? "Qua dịch vụ bưu chính, gửi đến: " + resultReturn.postalAddress().orElseThrow() + "; người nộp trả cước"
                : "Tại " + desk.addressVi();
    }

    public ObjectNode toJson() {
        var form = form();
        ObjectNode o = FormJson.form(form.number(), form.title(), desk).put("code", code);
        o.put("legalBasis", basis().id()).put("citation", form.citation()).put("provisionalBasis", basis().provisional());
        FormJson.applicant(o, applicantName, idNumber, address, phone, email);
        o.putObject("procedure").put("code", procedureCode).put("name", procedureName).put("agency", agencyName);
        var docs = o.putArray("documents");
        documents.forEach(d -> docs.addObject().put("name", d.name()).put("form", d.form()).put("count", d.count()));
        o.put("sets", sets);
        o.put("timeLimit", timeLimit);
        o.put("receivedAt", receivedAtText());
        o.put("appointment", appointmentText());
        appointmentTime.ifPresent(t -> o.put("appointmentTime", t.toString()));
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
        var vi = java.util.Locale.forLanguageTag("vi");
        var form = form();
        m.put("code", code);
        m.put("citation", form.citation());
        m.put("formTitle", form.title());
        m.put("formTitleUpper", form.title().toUpperCase(vi));
        m.put("provinceUpper", ("UBND tỉnh " + desk.provinceVi()).toUpperCase(vi));
        // header and body name the same body: the Center the desk sits in
        m.put("hostUpper", desk.hostVi().toUpperCase(vi));
        m.put("host", desk.hostVi());
        m.put("desk", desk.nameVi());
        m.put("placeAndDate", desk.placeVi() + ", " + dateWords(receivedAt.toLocalDate()));
        m.put("reprint", reprintedOn.isPresent());
        m.put("printedOn", reprintedOn.map(DATE::format).orElse(""));
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
        m.put("appointmentWords", appointmentWords());
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
