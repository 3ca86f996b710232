package vn.motcua.contracts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Appointment;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The body the dispatcher POSTs (signed, over TLS) to a department's endpoint: what the competent
 * department needs to process the dossier, the applicant's details included, with short-lived
 * links to the documents. Idempotency: {@link #idempotencyKey}, the dispatch id, the same on
 * every retry; {@link #sentAt} and the links change between attempts.
 *
 * @param supplementDocuments what the applicant supplied; non-empty exactly when resubmitted
 * @param withdrawal          why and when the applicant withdrew the dossier; present exactly when withdrawn
 */
public record DepartmentCallback(String idempotencyKey, String agencyId, DepartmentDispatch.Reason reason, Instant sentAt,
                                 DossierData dossier, List<Document> supplementDocuments, Optional<Withdrawal> withdrawal) {

    /** The applicant's withdrawal, as the desk recorded it. */
    public record Withdrawal(String reason, Instant requestedAt) {
        public Withdrawal {
            Wire.text(reason, "withdrawal reason");
            Wire.required(requestedAt, "withdrawal requestedAt");
        }
    }

    /** @param appointmentDate the due date; empty when the procedure has no fixed time limit */
    public record DossierData(DossierCode code, String procedureCode, String procedureName, Instant receivedAt,
                              Optional<LocalDate> appointmentDate, Applicant applicant, List<Document> documents) {
        public DossierData {
            Wire.required(code, "dossier code");
            Wire.text(procedureCode, "procedure code");
            Wire.text(procedureName, "procedure name");
            Wire.required(receivedAt, "receivedAt");
            appointmentDate = appointmentDate == null ? Optional.empty() : appointmentDate;
            Wire.required(applicant, "applicant");
            documents = documents == null ? List.of() : List.copyOf(documents);
        }
    }

    /** A document and a link to download it until {@code urlExpiresAt}; {@code checksum} is {@code sha256:<hex>}. */
    public record Document(String name, long sizeBytes, String checksum, String contentType, URI url, Instant urlExpiresAt) {
        static final Pattern CHECKSUM = Pattern.compile("sha256:[0-9a-f]{64}");
        public Document {
            Wire.text(name, "document name");
            if (sizeBytes < 0) throw new IllegalArgumentException("negative size: " + name);
            if (checksum == null || !CHECKSUM.matcher(checksum).matches()) {
                throw new IllegalArgumentException("checksum must be sha256:<64 hex>: " + checksum);
            }
            Wire.text(contentType, "content type");
            Wire.required(url, "url");
            Wire.required(urlExpiresAt, "urlExpiresAt");
        }

        public static Document of(DossierDocument document, String contentType, URI url, Instant urlExpiresAt) {
            return new Document(document.name(), document.sizeBytes(), document.checksum(), contentType, url, urlExpiresAt);
        }
    }

    public DepartmentCallback {
        Wire.id(idempotencyKey, "idempotencyKey");
        Wire.text(agencyId, "agencyId");
        Wire.required(reason, "reason");
        Wire.required(sentAt, "sentAt");
        Wire.required(dossier, "dossier");
        supplementDocuments = supplementDocuments == null ? List.of() : List.copyOf(supplementDocuments);
        if ((reason == DepartmentDispatch.Reason.RESUBMITTED) == supplementDocuments.isEmpty()) {
            throw new IllegalArgumentException("supplement documents go with a resubmitted dossier, and only with it");
        }
        withdrawal = withdrawal == null ? Optional.empty() : withdrawal;
        if ((reason == DepartmentDispatch.Reason.WITHDRAWN) != withdrawal.isPresent()) {
            throw new IllegalArgumentException("the withdrawal goes with a withdrawn dossier, and only with it");
        }
    }

    /**
     * The callback for a dispatch, from the dossier as it stands now. {@code link} presents each
     * stored document with its content type and a fresh download link.
     */
    public static DepartmentCallback of(DepartmentDispatch dispatch, Dossier dossier, String procedureName, Instant sentAt,
                                        Function<DossierDocument, Document> link) {
        if (!dispatch.dossierCode().equals(dossier.code()) || !dispatch.agencyId().equals(dossier.agencyId())) {
            throw new IllegalArgumentException("dispatch " + dispatch.dispatchId() + " is for " + dispatch.dossierCode() + " at "
                    + dispatch.agencyId() + ", not for " + dossier.code() + " at " + dossier.agencyId());
        }
        var supplement = new ArrayList<Document>();
        for (String key : dispatch.supplementDocumentKeys()) {
            var document = dossier.documents().stream().filter(d -> d.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("dossier " + dossier.code() + " has no document " + key));
            supplement.add(link.apply(document));
        }
        boolean withdrawn = dispatch.reason() == DepartmentDispatch.Reason.WITHDRAWN;
        // a withdrawn dossier goes without its documents: the department needs no files to stop, and no fresh links are made
        var data = new DossierData(dossier.code(), dossier.procedureCode(), procedureName, dossier.receivedAt(),
                dossier.appointment().map(Appointment::current), dossier.applicant(),
                withdrawn ? List.of() : dossier.documents().stream().map(link).toList());
        Optional<Withdrawal> withdrawal = Optional.empty();
        if (withdrawn) {
            var request = dossier.history().stream().filter(h -> h.kind() == vn.motcua.domain.dossier.EventKind.WITHDRAWAL_REQUESTED)
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("dossier " + dossier.code() + " was not withdrawn"));
            withdrawal = Optional.of(new Withdrawal(request.reason().orElse("Người nộp xin rút hồ sơ"), request.at()));
        }
        return new DepartmentCallback(dispatch.dispatchId(), dispatch.agencyId(), dispatch.reason(), sentAt, data, supplement, withdrawal);
    }

    /** The message as it is written (department-callback.schema.json). */
    record OnWire(String idempotencyKey, String agencyId, String reason, String sentAt, DossierOnWire dossier,
                  List<DocumentOnWire> supplementDocuments, WithdrawalOnWire withdrawal) {}
    record WithdrawalOnWire(String reason, String requestedAt) {}
    record DossierOnWire(String code, ProcedureOnWire procedure, String receivedAt, String appointmentDate,
                         ApplicantOnWire applicant, List<DocumentOnWire> documents) {}
    record ProcedureOnWire(String code, String name) {}
    record ApplicantOnWire(String name, String idNumber, String phone, String email, String address) {}
    record DocumentOnWire(String name, Long sizeBytes, String checksum, String contentType, String url, String urlExpiresAt) {}

    public static DepartmentCallback parse(String json) throws BadInput {
        var w = Contract.DEPARTMENT_CALLBACK.read(json, OnWire.class);
        var d = w.dossier();
        var a = d.applicant();
        var applicant = new Applicant(a.name(), a.idNumber(), a.phone(), Optional.ofNullable(a.email()), a.address());
        var appointment = d.appointmentDate() == null ? Optional.<LocalDate>empty()
                : Optional.of(Wire.date(d.appointmentDate(), "dossier.appointmentDate"));
        var data = new DossierData(new DossierCode(d.code()), d.procedure().code(), d.procedure().name(),
                Wire.instant(d.receivedAt(), "dossier.receivedAt"), appointment, applicant, documents(d.documents(), "dossier.documents"));
        return new DepartmentCallback(w.idempotencyKey(), w.agencyId(), Wire.value(DepartmentDispatch.Reason.class, w.reason()),
                Wire.instant(w.sentAt(), "sentAt"), data, documents(w.supplementDocuments(), "supplementDocuments"),
                w.withdrawal() == null ? Optional.empty() : Optional.of(new Withdrawal(w.withdrawal().reason(),
                        Wire.instant(w.withdrawal().requestedAt(), "withdrawal.requestedAt"))));
    }

    private static List<Document> documents(List<DocumentOnWire> documents, String path) throws BadInput {
        var out = new ArrayList<Document>();
        if (documents == null) return out;
        for (int i = 0; i < documents.size(); i++) {
            var doc = documents.get(i);
            out.add(new Document(doc.name(), doc.sizeBytes(), doc.checksum(), doc.contentType(), URI.create(doc.url()),
                    Wire.instant(doc.urlExpiresAt(), path + "[" + i + "].urlExpiresAt")));
        }
        return out;
    }

    public String toJson() {
        ObjectNode n = Json.object()
                .put("idempotencyKey", idempotencyKey)
                .put("agencyId", agencyId)
                .put("reason", Wire.name(reason))
                .put("sentAt", sentAt.toString());
        ObjectNode d = n.putObject("dossier").put("code", dossier.code().value());
        d.putObject("procedure").put("code", dossier.procedureCode()).put("name", dossier.procedureName());
        d.put("receivedAt", dossier.receivedAt().toString());
        dossier.appointmentDate().ifPresent(date -> d.put("appointmentDate", date.toString()));
        var who = dossier.applicant();
        ObjectNode a = d.putObject("applicant").put("name", who.name()).put("idNumber", who.idNumber()).put("phone", who.phone());
        who.email().ifPresent(e -> a.put("email", e));
        a.put("address", who.address());
        write(d.putArray("documents"), dossier.documents());
        if (!supplementDocuments.isEmpty()) write(n.putArray("supplementDocuments"), supplementDocuments);
        withdrawal.ifPresent(x -> n.putObject("withdrawal").put("reason", x.reason()).put("requestedAt", x.requestedAt().toString()));
        return Json.write(n);
    }

    private static void write(ArrayNode array, List<Document> documents) {
        for (Document doc : documents) {
            array.addObject().put("name", doc.name()).put("sizeBytes", doc.sizeBytes()).put("checksum", doc.checksum())
                    .put("contentType", doc.contentType()).put("url", doc.url().toString())
                    .put("urlExpiresAt", doc.urlExpiresAt().toString());
        }
    }
}
