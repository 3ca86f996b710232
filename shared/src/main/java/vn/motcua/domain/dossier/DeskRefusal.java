package vn.motcua.domain.dossier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A dossier the desk did not receive: either it was incomplete and the citizen was guided to
 * complete it (form 02 at the desk), or the desk refused to receive it (form 03). Either way no
 * dossier exists: no code from the day's sequence, no clock, no appointment. So this is a record
 * of its own and not a dossier state, which keeps every {@link Dossier} a received one and keeps
 * the daily sequence gap-free. It is still worth keeping: reports count refusals (portal state 3)
 * and guidance given, and form 03 must state its reasons. The desk prints its form again from it (a reprint
 * after a new sign-in), so it keeps the name the clerk signed with ({@code clerkName}; the login when a record
 * from before kept none).
 */
public record DeskRefusal(String id, Kind kind, String procedureCode, String agencyId, Applicant applicant,
                          List<String> reasons, Actor clerk, Instant at, String clerkName) {

    public enum Kind {
        /** Incomplete: the desk explained what is missing (form 02). */
        GUIDED_TO_COMPLETE("Hướng dẫn bổ sung, hoàn thiện hồ sơ", "02"),
        /** Not receivable: the desk refused it (form 03). */
        REFUSED("Từ chối tiếp nhận hồ sơ", "03");

        private final String label;
        private final String form;

        Kind(String label, String form) { this.label = label; this.form = form; }

        public String label() { return label; }

        /** The form given at the desk: 02 for guidance, 03 for a refusal. */
        public String form() { return form; }
    }

    public DeskRefusal {
        reasons = reasons == null ? List.of()
                : reasons.stream().filter(r -> r != null && !r.isBlank()).map(String::trim).toList();
        if (reasons.isEmpty()) throw new IllegalArgumentException("a desk refusal states its reasons; check with missingReason first");
        if (id == null || kind == null || procedureCode == null || applicant == null || clerk == null || at == null) {
            throw new IllegalArgumentException("desk refusal " + id + " is incomplete");
        }
        if (clerkName == null || clerkName.isBlank()) clerkName = clerk.id();
    }

    /** Without the clerk's printed name: the form signs with the login. */
    public DeskRefusal(String id, Kind kind, String procedureCode, String agencyId, Applicant applicant,
                       List<String> reasons, Actor clerk, Instant at) {
        this(id, kind, procedureCode, agencyId, applicant, reasons, clerk, at, null);
    }

    /** The portal's state for reports: a refusal at the desk is status 3. */
    public DossierState portalState() { return DossierState.REFUSED_AT_DESK; }

    /** The refusal to give the clerk when no reason was written: citizens must be told why. */
    public static Optional<Refusal> missingReason(Kind kind, List<String> reasons) {
        boolean none = reasons == null || reasons.stream().allMatch(r -> r == null || r.isBlank());
        if (!none) return Optional.empty();
        return Optional.of(Refusal.reasonRequired(kind == Kind.REFUSED
                ? "lý do từ chối tiếp nhận hồ sơ" : "các giấy tờ còn thiếu hoặc cần hoàn thiện"));
    }
}
