package vn.motcua.contracts;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.time.Instant;

/**
 * Intake, the desk or the deadline watch -> routing queue -> router: send this dossier to its
 * department. Idempotency: {@link #jobId}, which the router uses as the id of the transfer.
 */
public record RoutingJob(String jobId, DossierCode dossierCode, Reason reason, Instant queuedAt) {

    public enum Reason {
        /** The desk has just received the dossier. */
        RECEIVED,
        /** The applicant brought the supplement a department asked for. */
        RESUBMITTED,
        /** The deadline watch found the dossier still not routed. */
        SWEEP,
        /** The applicant withdrew the dossier: its department is told, or it stops at once if it never reached one. */
        WITHDRAWN
    }

    public RoutingJob {
        Wire.id(jobId, "jobId");
        Wire.required(dossierCode, "dossierCode");
        Wire.required(reason, "reason");
        Wire.required(queuedAt, "queuedAt");
    }

    /** The message as it is written (routing-job.schema.json). */
    record OnWire(String jobId, String dossierCode, String reason, String queuedAt) {}

    public static RoutingJob parse(String json) throws BadInput {
        var w = Contract.ROUTING_JOB.read(json, OnWire.class);
        return new RoutingJob(w.jobId(), new DossierCode(w.dossierCode()), Wire.value(Reason.class, w.reason()),
                Wire.instant(w.queuedAt(), "queuedAt"));
    }

    public String toJson() {
        return Json.write(Json.object()
                .put("jobId", jobId)
                .put("dossierCode", dossierCode.value())
                .put("reason", Wire.name(reason))
                .put("queuedAt", queuedAt.toString()));
    }
}
