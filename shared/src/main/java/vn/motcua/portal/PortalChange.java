package vn.motcua.portal;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One change of a dossier the national public service portal must know, as the change's own write recorded it
 * (an owed entry of kind {@value PortalOwes#KIND}, see {@link PortalOwes}): its place in the dossier's sequence,
 * the portal status number after it, and what the dossier said then. It is also the sync queue's message; the
 * sync reads only the dossier code from a message and sends what the dossier owes, lowest sequence first.
 *
 * @param procedureCode the procedure's code in the national database (the catalog's, as the dossier snapshots it)
 * @param seq         1, 2, 3... per dossier, in the order the changes were stored; the portal's order
 * @param status      the portal's status number (1-10, {@link vn.motcua.domain.dossier.DossierState#portalNumber()})
 * @param event       what happened (an {@link vn.motcua.domain.dossier.EventKind} name, or {@code RATED})
 * @param changedAt   when the change was stored
 * @param receivedAt  when the dossier was received
 * @param channel     how it was received (IN_PERSON, BY_POST, ONLINE)
 * @param appointment the promised return date then, if any
 * @param feeVnd      the fee requested then, if any
 * @param feePaid     whether it was paid then
 * @param result      APPROVED or REFUSED once there is a result
 * @param rating      the citizen's score (1-5), on a rating only
 */
public record PortalChange(DossierCode code, String procedureCode, int seq, int status, String event, Instant changedAt, Instant receivedAt, String channel,
                           Optional<LocalDate> appointment, Optional<Long> feeVnd, boolean feePaid, Optional<String> result,
                           Optional<Integer> rating) {

    public PortalChange {
        if (code == null || procedureCode == null || event == null || changedAt == null || receivedAt == null || channel == null) {
            throw new IllegalArgumentException("a portal change needs its dossier, event, times and channel");
        }
        if (seq < 1 || seq > 9999) throw new IllegalArgumentException("a portal sequence number is 1 to 9999: " + seq);
        if (status < 1 || status > 10) throw new IllegalArgumentException("a portal status is 1 to 10: " + status);
        appointment = appointment == null ? Optional.empty() : appointment;
        feeVnd = feeVnd == null ? Optional.empty() : feeVnd;
        result = result == null ? Optional.empty() : result;
        rating = rating == null ? Optional.empty() : rating;
    }

    /** The owed entry's id: the sequence number, zero-padded so ids sort as numbers. */
    public String id() { return id(seq); }

    public static String id(int seq) { return String.format("%04d", seq); }

    public String toJson() {
        var o = Json.object();
        o.put("dossierCode", code.value()).put("procedureCode", procedureCode).put("seq", seq).put("status", status).put("event", event)
                .put("changedAt", changedAt.toString()).put("receivedAt", receivedAt.toString()).put("channel", channel);
        appointment.ifPresent(d -> o.put("appointment", d.toString()));
        feeVnd.ifPresent(f -> o.put("feeVnd", f));
        o.put("feePaid", feePaid);
        result.ifPresent(r -> o.put("result", r));
        rating.ifPresent(r -> o.put("rating", r));
        return Json.write(o);
    }

    public static PortalChange parse(String json) throws BadInput {
        JsonNode n = Json.parse(json);
        try {
            return new PortalChange(new DossierCode(required(n, "dossierCode")), required(n, "procedureCode"), n.path("seq").asInt(), n.path("status").asInt(),
                    required(n, "event"), Instant.parse(required(n, "changedAt")), Instant.parse(required(n, "receivedAt")),
                    required(n, "channel"), Optional.ofNullable(Json.text(n, "appointment")).map(LocalDate::parse),
                    n.hasNonNull("feeVnd") ? Optional.of(n.get("feeVnd").asLong()) : Optional.empty(), n.path("feePaid").asBoolean(),
                    Optional.ofNullable(Json.text(n, "result")), n.hasNonNull("rating") ? Optional.of(n.get("rating").asInt()) : Optional.empty());
        } catch (RuntimeException e) {
            throw new BadInput("BAD_PORTAL_CHANGE", "Thay đổi cần đồng bộ không hợp lệ: " + e.getMessage(), null);
        }
    }

    /** Only the dossier code of a sync message: all the sync needs (it reads what is owed from the dossier). */
    public static DossierCode codeOf(String json) throws BadInput {
        var n = Json.parse(json);
        String code = Json.text(n, "dossierCode");
        if (code == null) throw new BadInput("BAD_PORTAL_CHANGE", "Thiếu mã hồ sơ.", "dossierCode");
        try {
            return new DossierCode(code);
        } catch (IllegalArgumentException e) {
            throw new BadInput("BAD_PORTAL_CHANGE", "Mã hồ sơ không hợp lệ.", "dossierCode");
        }
    }

    private static String required(JsonNode n, String field) {
        String v = Json.text(n, field);
        if (v == null) throw new IllegalArgumentException("no " + field);
        return v;
    }
}
