package vn.motcua.contracts;

import vn.motcua.domain.catalog.Agency;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.util.List;

/**
 * Router -> the department's dispatch queue -> dispatcher: deliver this dossier to the department.
 * A pointer, not the dossier: no personal data in the queue, and the dispatcher makes fresh
 * download links on each attempt. Idempotency: {@link #dispatchId}, sent to the department as the
 * callback's idempotency key on every retry.
 *
 * @param supplementDocumentKeys the stored documents the applicant supplied; non-empty exactly when resubmitted
 */
public record DepartmentDispatch(String dispatchId, DossierCode dossierCode, String agencyId, Reason reason,
                                 List<String> supplementDocumentKeys, Instant queuedAt) {

    public enum Reason {
        /** The first delivery of the dossier. */
        NEW,
        /** The applicant supplied what the department asked for. */
        RESUBMITTED,
        /** The applicant withdrew the dossier: the department stops work and acknowledges (withdrawalAcknowledged). */
        WITHDRAWN
    }

    public DepartmentDispatch {
        Wire.id(dispatchId, "dispatchId");
        Wire.required(dossierCode, "dossierCode");
        if (agencyId == null || !Agency.ID.matcher(agencyId).matches()) throw new IllegalArgumentException("not an agency id: " + agencyId);
        Wire.required(reason, "reason");
        Wire.required(queuedAt, "queuedAt");
        supplementDocumentKeys = supplementDocumentKeys == null ? List.of() : List.copyOf(supplementDocumentKeys);
        if ((reason == Reason.RESUBMITTED) == supplementDocumentKeys.isEmpty()) {
            throw new IllegalArgumentException("supplement documents go with a resubmitted dossier, and only with it");
        }
    }

    public static DepartmentDispatch first(String dispatchId, DossierCode dossier, String agencyId, Instant queuedAt) {
        return new DepartmentDispatch(dispatchId, dossier, agencyId, Reason.NEW, List.of(), queuedAt);
    }

    public static DepartmentDispatch resubmitted(String dispatchId, DossierCode dossier, String agencyId,
                                                 List<String> supplementDocumentKeys, Instant queuedAt) {
        return new DepartmentDispatch(dispatchId, dossier, agencyId, Reason.RESUBMITTED, supplementDocumentKeys, queuedAt);
    }

    public static DepartmentDispatch withdrawn(String dispatchId, DossierCode dossier, String agencyId, Instant queuedAt) {
        return new DepartmentDispatch(dispatchId, dossier, agencyId, Reason.WITHDRAWN, List.of(), queuedAt);
    }

    /** The message as it is written (department-dispatch.schema.json). */
    record OnWire(String dispatchId, String dossierCode, String agencyId, String reason, List<String> supplementDocumentKeys,
                  String queuedAt) {}

    public static DepartmentDispatch parse(String json) throws BadInput {
        var w = Contract.DEPARTMENT_DISPATCH.read(json, OnWire.class);
        return new DepartmentDispatch(w.dispatchId(), new DossierCode(w.dossierCode()), w.agencyId(),
                Wire.value(Reason.class, w.reason()), Wire.list(w.supplementDocumentKeys()), Wire.instant(w.queuedAt(), "queuedAt"));
    }

    public String toJson() {
        var n = Json.object()
                .put("dispatchId", dispatchId)
                .put("dossierCode", dossierCode.value())
                .put("agencyId", agencyId)
                .put("reason", Wire.name(reason));
        if (!supplementDocumentKeys.isEmpty()) Wire.strings(n, "supplementDocumentKeys", supplementDocumentKeys);
        return Json.write(n.put("queuedAt", queuedAt.toString()));
    }
}
