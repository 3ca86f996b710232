package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.store.Dossiers;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A stored dossier's forms, printed again by the server at any time, from what the dossier and the
 * records beside it keep (another tab, the board, a new sign-in: nothing lives in the browser).
 * Form 01, the receipt: from the dossier and its {@link vn.motcua.domain.dossier.ReceiptRecord}, under
 * the legal basis in force on the day of receipt. The lookup secret is kept only as a hash, so a reprint
 * carries no secret and no QR code; it says it is a reprint. Forms 02 and 03, given at the desk to a dossier it
 * did not receive, from the desk's refusal record ({@link #printDeskForm}).
 */
public record PrintedForms(Dossiers dossiers, Supplier<ReferenceData.Snapshot> reference, Desk desk, Clock clock) {

    /** The forms a dossier prints from the server: 01 receipt, 04 apology and new date (once a department set one), 05 control slip. */
    public static final List<String> AVAILABLE = List.of("01", "04", "05");

    private static final com.github.mustachejava.MustacheFactory TEMPLATES = new com.github.mustachejava.DefaultMustacheFactory("templates/forms");
    private static final java.time.format.DateTimeFormatter TIME_DATE = java.time.format.DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    /** One printed form: which, under which basis, and the page. */
    public record Printed(String form, String number, String title, String basis, boolean provisional, String citation, String html) {
        public ObjectNode toJson() {
            return Json.object().put("form", form).put("number", number).put("title", title).put("legalBasis", basis)
                    .put("provisionalBasis", provisional).put("citation", citation).put("html", html);
        }
    }

    /**
     * Form {@code form} of the dossier {@code code}: 404 {@code DOSSIER_NOT_FOUND}, 404 {@code FORM_NOT_AVAILABLE}
     * for a form not printed from a dossier, 404 {@code RECEIPT_NOT_KEPT} for a dossier received before its
     * receipt was kept, 503 {@code HOLIDAY_TABLE_MISSING} when the receipt's year is no longer loaded.
     */
    public Printed print(DossierCode code, String form, Optional<PublicLookupPage> lookup) throws BadInput {
        if (!AVAILABLE.contains(form)) {
            String message = "Mẫu " + form + " không in được từ hồ sơ; in được: " + String.join(", ", AVAILABLE) + ".";
            throw new BadInput(404, "FORM_NOT_AVAILABLE", message, List.of(new BadInput.FieldError("form", message)));
        }
        var dossier = dossiers.find(code).orElseThrow(() -> DeskLookup.notFound(code));
        if (!form.equals("01")) return other(dossier, form);
        var record = dossiers.receiptRecord(code).orElseThrow(() -> new BadInput(404, "RECEIPT_NOT_KEPT",
                "Hồ sơ " + code + " được tiếp nhận trước khi hệ thống lưu giấy tiếp nhận, nên không in lại được mẫu 01.", List.of()));
        var snapshot = reference.get();
        var procedure = snapshot.catalog().procedure(dossier.procedureCode()).orElseThrow(() -> new IllegalStateException(
                "dossier " + code + " names procedure " + dossier.procedureCode() + ", which the catalog no longer has"));
        var appointment = DeskService.appointment(snapshot, desk, dossier.receivedAt(), dossier.timeLimit(), dossier.procedureCode());
        var agency = snapshot.catalog().agency(dossier.agencyId()).orElseGet(() -> snapshot.catalog().agencyOf(procedure));
        var receipt = Receipt.of(dossier, record, procedure, agency, appointment, desk,
                Optional.empty(), Optional.of(LocalDate.now(clock.withZone(Dossier.ZONE))));
        var f = receipt.form();
        return new Printed(form, f.number(), f.title(), receipt.basis().id(), receipt.basis().provisional(), f.citation(),
                ReceiptPage.render(receipt, lookup));
    }

    /** The id of a refusal or guidance at the desk, as {@link DeskService} makes it: its kind, then a hash or a UUID. */
    private static final java.util.regex.Pattern DESK_REFUSAL_ID = java.util.regex.Pattern.compile("(guided|refused)-[0-9a-f][0-9a-f-]{31,35}");

    /**
     * Form 02 (guidance) or 03 (refusal to receive) printed again from the record the desk kept
     * ({@link vn.motcua.domain.dossier.DeskRefusal}), as it was given that day, saying it is a reprint:
     * 400 {@code INVALID_REFUSAL_ID} for an id the desk never makes, 400 {@code FORM_NOT_AVAILABLE} for a form
     * other than the record's (02 for guidance, 03 for a refusal), 404 {@code REFUSAL_NOT_FOUND} for no record.
     */
    public Printed printDeskForm(String id, String form) throws BadInput {
        if (id == null || !DESK_REFUSAL_ID.matcher(id).matches()) {
            throw new BadInput("INVALID_REFUSAL_ID", "Mã phiếu hướng dẫn hoặc từ chối không đúng dạng.", "id");
        }
        if (!List.of("02", "03").contains(form)) {
            throw new BadInput("FORM_NOT_AVAILABLE", "Mẫu " + form + " không in được từ phiếu hướng dẫn hoặc từ chối; in được: 02, 03.", "form");
        }
        var refusal = dossiers.deskRefusal(id).orElseThrow(() -> {
            String message = "Không tìm thấy phiếu hướng dẫn hoặc từ chối tiếp nhận có mã " + id + ".";
            return new BadInput(404, "REFUSAL_NOT_FOUND", message, List.of(new BadInput.FieldError("id", message)));
        });
        if (!refusal.kind().form().equals(form)) {
            throw new BadInput("FORM_NOT_AVAILABLE", "Phiếu " + id + " là " + refusal.kind().label().toLowerCase(java.util.Locale.forLanguageTag("vi"))
                    + ": in mẫu " + refusal.kind().form() + ", không phải mẫu " + form + ".", "form");
        }
        var procedure = reference.get().catalog().procedure(refusal.procedureCode()).map(p -> p.name().vi()).orElse(refusal.procedureCode());
        return deskForm(form, desk, Dossier.localDate(refusal.at()), refusal.applicant().name(), procedure, refusal.reasons(),
                refusal.clerkName(), Optional.of(LocalDate.now(clock.withZone(Dossier.ZONE))));
    }

    /** Forms 04 and 05, from the dossier alone, under the basis in force on its day of receipt. */
    private Printed other(Dossier d, String key) throws BadInput {
        var snapshot = reference.get();
        var catalog = snapshot.catalog();
        var receivedAt = d.receivedAt().atZone(Dossier.ZONE).toLocalDateTime();
        var basis = vn.motcua.reference.LegalBases.bundled().inForceOn(receivedAt.toLocalDate()).orElseThrow(() ->
                new IllegalStateException("no legal basis for a dossier received " + receivedAt.toLocalDate()));
        var form = basis.form(key).orElseThrow(() -> new BadInput(404, "FORM_NOT_AVAILABLE",
                "Căn cứ " + basis.id() + " không có mẫu " + key + ".", List.of()));
        var vi = java.util.Locale.forLanguageTag("vi");
        var agency = catalog.agency(d.agencyId()).map(a -> a.name().vi()).orElse(d.agencyId());
        var procedure = catalog.procedure(d.procedureCode()).map(p -> p.name().vi()).orElse(d.procedureCode());
        var m = new java.util.HashMap<String, Object>();
        m.put("code", d.code().value());
        m.put("citation", form.citation());
        m.put("formTitle", form.title());
        m.put("formTitleUpper", form.title().toUpperCase(vi));
        m.put("provinceUpper", ("UBND tỉnh " + desk.provinceVi()).toUpperCase(vi));
        m.put("hostUpper", desk.hostVi().toUpperCase(vi));
        m.put("agencyName", agency);
        m.put("agencyUpper", agency.toUpperCase(vi));
        m.put("applicantName", d.applicant().name());
        m.put("procedureName", procedure);
        m.put("printedOn", Receipt.DATE.format(LocalDate.now(clock.withZone(Dossier.ZONE))));
        if (key.equals("04")) {
            var delay = d.appointment().flatMap(vn.motcua.domain.dossier.Appointment::delay).orElseThrow(() -> new BadInput(404,
                    "FORM_NOT_AVAILABLE", "Hồ sơ " + d.code() + " chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả (mẫu 04): "
                    + "cơ quan giải quyết chưa báo chậm.", List.of()));
            m.put("placeAndDate", desk.placeVi() + ", " + Receipt.dateWords(Dossier.localDate(delay.announcedAt())));
            m.put("receivedAtWords", String.format("lúc %02d giờ %02d phút, %s", receivedAt.getHour(), receivedAt.getMinute(),
                    Receipt.dateWords(receivedAt.toLocalDate())));
            m.put("previousWords", Receipt.dateWords(delay.previous()));
            m.put("newDateWords", Receipt.dateWords(delay.newDate()));
            m.put("reason", delay.reason());
        } else {
            m.put("appointment", d.appointment().map(a -> Receipt.DATE.format(a.current())).orElse("không quy định"));
            var rows = new java.util.ArrayList<java.util.Map<String, Object>>();
            var slip = new DossierView(catalog).full(d, LocalDate.now(clock.withZone(Dossier.ZONE))).path("processControl");
            for (int i = 0; i < slip.size(); i++) {
                var h = slip.get(i);
                var row = new java.util.HashMap<String, Object>();
                row.put("no", i + 1);
                row.put("giver", h.path("giverName").asText());
                row.put("receiver", h.path("receiverName").asText());
                row.put("givenAt", TIME_DATE.format(java.time.OffsetDateTime.parse(h.path("givenAt").asText())));
                row.put("receivedAt", h.path("receivedAt").isTextual()
                        ? TIME_DATE.format(java.time.OffsetDateTime.parse(h.path("receivedAt").asText())) : "");
                row.put("timeliness", h.path("timelinessLabel").asText());
                row.put("notes", h.path("notes").asText(""));
                rows.add(row);
            }
            m.put("rows", rows);
        }
        return new Printed(key, form.number(), form.title(), basis.id(), basis.provisional(), form.citation(), render(key, m));
    }

    /** The page of form {@code key} ({@code infra/seed/forms/form-<key>.mustache}); Mustache escapes every value. */
    static String render(String key, java.util.Map<String, Object> model) {
        var out = new java.io.StringWriter(8192);
        TEMPLATES.compile("form-" + key + ".mustache").execute(out, model);
        return out.toString();
    }

    /**
     * Form 02 (guidance) or 03 (refusal to receive) as given at the desk on {@code day}: the applicant, the
     * procedure, the reasons, the clerk by name, under the basis in force that day.
     */
    static Printed deskForm(String key, Desk desk, LocalDate day, String applicantName, String procedureName,
                            List<String> reasons, String clerk) {
        return deskForm(key, desk, day, applicantName, procedureName, reasons, clerk, Optional.empty());
    }

    /** The same, printed again on {@code reprintedOn} (the page says so). */
    static Printed deskForm(String key, Desk desk, LocalDate day, String applicantName, String procedureName,
                            List<String> reasons, String clerk, Optional<LocalDate> reprintedOn) {
        var basis = vn.motcua.reference.LegalBases.bundled().inForceOn(day).orElseThrow(() ->
                new IllegalStateException("no legal basis in force on " + day));
        var form = basis.form(key).orElseThrow(() -> new IllegalStateException("legal basis " + basis.id() + " has no form " + key));
        var vi = java.util.Locale.forLanguageTag("vi");
        var m = new java.util.HashMap<String, Object>();
        m.put("citation", form.citation());
        m.put("formTitle", form.title());
        m.put("formTitleUpper", form.title().toUpperCase(vi));
        m.put("provinceUpper", ("UBND tỉnh " + desk.provinceVi()).toUpperCase(vi));
        m.put("hostUpper", desk.hostVi().toUpperCase(vi));
        m.put("host", desk.hostVi());
        m.put("placeAndDate", desk.placeVi() + ", " + Receipt.dateWords(day));
        m.put("applicantName", applicantName);
        m.put("procedureName", procedureName);
        m.put("reasons", reasons);
        m.put("clerk", clerk);
        m.put("deskPhone", desk.phone());
        m.put("deskHours", desk.openingHours().inVietnamese());
        reprintedOn.ifPresent(d -> m.put("reprintedOn", Receipt.DATE.format(d)));
        return new Printed(key, form.number(), form.title(), basis.id(), basis.provisional(), form.citation(), render(key, m));
    }
}
