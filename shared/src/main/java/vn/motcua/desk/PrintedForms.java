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
 * carries no secret and no QR code; it says it is a reprint.
 */
public record PrintedForms(Dossiers dossiers, Supplier<ReferenceData.Snapshot> reference, Desk desk, Clock clock) {

    /** The forms a dossier prints from the server today. */
    public static final List<String> AVAILABLE = List.of("01");

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
            String message = "Mẫu " + form + " không in được từ hồ sơ; in được: " + String.join(", ", AVAILABLE) + " (giấy tiếp nhận).";
            throw new BadInput(404, "FORM_NOT_AVAILABLE", message, List.of(new BadInput.FieldError("form", message)));
        }
        var dossier = dossiers.find(code).orElseThrow(() -> DeskLookup.notFound(code));
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
}
