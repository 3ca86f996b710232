package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Appointment;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.HandOver;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The one JSON rendering of a dossier for staff: a list row ({@link #summary}) and the full record
 * ({@link #full}). Every function that shows a dossier to the desk or the office uses this, so a
 * field is named and formatted the same everywhere. Staff see the applicant's personal data (it is
 * form 01); the citizen's public view is {@link PublicStatus}, never this.
 *
 * <p>Times are ISO-8601 with the Vietnam offset ({@code 2020-03-02T09:00:00+07:00}), dates
 * {@code yyyy-MM-dd}; enums are their English names beside a Vietnamese label. Names of
 * procedures and agencies come from the current catalog (the dossier keeps only ids); an id the
 * catalog no longer knows is shown as itself.
 */
public final class DossierView {

    static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Catalog catalog;

    public DossierView(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A list row: enough to pick the dossier and see whether it needs attention {@code today}. */
    public ObjectNode summary(Dossier d, LocalDate today) {
        ObjectNode o = Json.object();
        o.put("code", d.code().value());
        o.set("procedure", procedure(d.procedureCode()));
        o.set("agency", agency(d.agencyId()));
        o.set("state", state(d.state()));
        o.put("receivedAt", time(d.receivedAt()));
        o.set("appointment", appointment(d.appointment(), false));
        o.put("dueDate", d.appointment().map(a -> a.current().toString()).orElse(null));
        o.put("overdue", overdue(d, today));
        o.put("paused", d.pausedSince().isPresent());
        // what the worklist shows beside the code: whose dossier, how the result goes back, the fee awaited
        o.put("applicantName", d.applicant().name());
        o.put("resultMethod", d.resultReturn().method().name());
        d.fee().filter(f -> !f.paid()).ifPresent(f -> o.put("feeDue", Fee.formatVnd(f.amountVnd())));
        return o;
    }

    /**
     * The whole dossier: applicant, appointment (original and current, with the apology when it
     * moved), supplements, fee, outcome, delivery, documents, the timeline of every event and the
     * process control slip (form 05). Left out: the lookup secret's hash and the applied event ids.
     */
    public ObjectNode full(Dossier d, LocalDate today) {
        return full(d, today, java.util.Optional.empty());
    }

    /** As {@link #full(Dossier, LocalDate)}, with the receipt kept at intake: the receiving clerk named in the timeline. */
    public ObjectNode full(Dossier d, LocalDate today, java.util.Optional<vn.motcua.domain.dossier.ReceiptRecord> receipt) {
        ObjectNode o = summary(d, today);
        receipt.ifPresent(r -> o.put("receivedBy", r.receiverName()).put("sets", r.sets()));
        o.put("overdueFlag", d.overdue());
        o.put("pausedSince", d.pausedSince().map(DossierView::time).orElse(null));
        o.put("deskId", d.deskId());
        o.putObject("timeLimit")
                .put("value", d.timeLimit().value())
                .put("unit", d.timeLimit().unit().name().toLowerCase(Locale.ROOT))
                .put("text", d.timeLimit().inVietnamese());
        var applicant = d.applicant();
        o.putObject("applicant")
                .put("name", applicant.name())
                .put("idNumber", applicant.idNumber())
                .put("phone", applicant.phone())
                .put("email", applicant.email().orElse(null))
                .put("address", applicant.address())
                .put("smsConsent", applicant.smsConsent());
        o.putObject("channel").put("code", d.channel().name()).put("label", d.channel().label());
        o.putObject("resultReturn")
                .put("method", d.resultReturn().method().name())
                .put("label", d.resultReturn().byPost() ? "Nhận kết quả qua dịch vụ bưu chính" : "Nhận kết quả tại Bộ phận Một cửa")
                .put("postalAddress", d.resultReturn().postalAddress().orElse(null));
        o.set("appointment", appointment(d.appointment(), true));

        var supplements = o.putArray("supplements");
        for (var s : d.supplements()) {
            var row = supplements.addObject()
                    .put("agency", s.agencyId())
                    .put("requestedAt", time(s.requestedAt()))
                    .put("reason", s.reason())
                    .put("receivedAt", s.receivedAt().map(DossierView::time).orElse(null))
                    .put("open", s.open());
            var items = row.putArray("items");
            s.items().forEach(items::add);
        }

        o.set("fee", d.fee().<JsonNode>map(f -> Json.object()
                .put("amountVnd", f.amountVnd())
                .put("text", Fee.formatVnd(f.amountVnd()))
                .put("note", f.note().orElse(null))
                .put("requestedAt", time(f.requestedAt()))
                .put("paid", f.paid())
                .put("paidAt", f.paidAt().map(DossierView::time).orElse(null))
                .set("receipt", f.receipt().<JsonNode>map(r -> Json.object().put("amountVnd", r.amountVnd())
                        .put("text", Fee.formatVnd(r.amountVnd())).put("number", r.number())).orElse(null))).orElse(null));
        o.set("collector", d.collector().<JsonNode>map(c -> Json.object().put("name", c.name()).put("idNumber", c.idNumber())
                .put("onBehalfOf", c.onBehalfOf().orElse(null))).orElse(null));

        o.set("outcome", d.outcome().<JsonNode>map(DossierView::outcome).orElse(null));

        o.set("delivery", d.delivery().<JsonNode>map(v -> Json.object()
                .put("trackingNumber", v.trackingNumber())
                .put("handedAt", time(v.handedAt()))
                .put("delivered", v.delivered())
                .put("deliveredAt", v.deliveredAt().map(DossierView::time).orElse(null))
                .put("deliveredOn", v.deliveryDay().map(LocalDate::toString).orElse(null))).orElse(null));

        var documents = o.putArray("documents");
        for (var doc : d.documents()) {
            documents.addObject()
                    // the id the download route takes: the folder of its upload, dossiers/<code>/<id>/<name>
                    .put("id", DocumentUpload.Key.parse(doc.key()).map(DocumentUpload.Key::documentId).orElse(null))
                    .put("name", doc.name())
                    .put("key", doc.key())
                    .put("sizeBytes", doc.sizeBytes())
                    .put("checksum", doc.checksum())
                    .put("addedBy", actor(doc.addedBy()))
                    .put("addedAt", time(doc.addedAt()));
        }

        // what was digitised: the scans' records and the result files' codes (Circular 01/2023, Decree 45/2020)
        o.set("digitisation", vn.motcua.documents.Digitisation.view(d));

        var rejected = o.putArray("rejectedUploads");
        for (var r : d.rejectedUploads()) {
            rejected.addObject()
                    .put("documentId", r.documentId())
                    .put("fileName", r.fileName())
                    .put("reason", r.reason().name())
                    .put("reasonText", "Tệp «" + r.fileName() + "» " + r.reason().words() + "; tệp không được lưu vào hồ sơ.")
                    .put("at", time(r.at()));
        }

        var timeline = o.putArray("timeline");
        for (HistoryEntry h : d.history()) {
            var row = timeline.addObject()
                    .put("eventId", h.eventId())
                    .put("kind", h.kind().name())
                    .put("action", h.kind().action())
                    .put("at", time(h.at()));
            String label = h.kind() == vn.motcua.domain.dossier.EventKind.RECEIVED && receipt.isPresent()
                    ? "Bộ phận Một cửa (" + receipt.get().receiverName() + ")" : actor(h.actor());
            row.putObject("actor").put("role", h.actor().role().name()).put("id", h.actor().id()).put("label", label);
            row.put("reason", h.reason().orElse(null));
            row.set("from", h.from().<JsonNode>map(DossierView::state).orElse(null));
            row.set("to", state(h.to()));
        }

        var slip = o.putArray("processControl");
        for (HandOver h : d.processControlSlip()) {
            slip.addObject()
                    .put("giver", h.giver())
                    .put("giverName", party(h.giver(), d))
                    .put("receiver", h.receiver())
                    .put("receiverName", party(h.receiver(), d))
                    .put("givenAt", time(h.givenAt()))
                    .put("receivedAt", h.receivedAt().map(DossierView::time).orElse(null))
                    .put("timeliness", h.timeliness().name())
                    .put("timelinessLabel", h.timeliness().label())
                    .put("notes", h.notes().orElse(null));
        }
        o.put("version", d.version());
        return o;
    }

    /**
     * Overdue as the desk sees it: the deadline watch's flag, or an open dossier whose clock runs
     * and whose appointment date has passed (the watch may not have run yet today).
     */
    public static boolean overdue(Dossier d, LocalDate today) {
        if (d.overdue()) return true;
        return d.state().isOpen() && d.pausedSince().isEmpty()
                && d.appointment().map(a -> a.current().isBefore(today)).orElse(false);
    }

    private ObjectNode procedure(String code) {
        var p = catalog.procedure(code);
        return Json.object().put("code", code).put("nameVi", p.map(x -> x.name().vi()).orElse(code));
    }

    private ObjectNode agency(String id) {
        return Json.object().put("id", id).put("nameVi", agencyName(id));
    }

    private String agencyName(String id) {
        return catalog.agency(id).map(a -> a.name().vi()).orElse(id);
    }

    static ObjectNode state(DossierState s) {
        return Json.object().put("code", s.name()).put("label", s.label()).put("portalNumber", s.portalNumber());
    }

    private static ObjectNode appointment(Optional<Appointment> appointment, boolean withDelay) {
        if (appointment.isEmpty()) return null;
        var a = appointment.get();
        ObjectNode o = Json.object().put("original", a.original().toString()).put("current", a.current().toString())
                .put("rescheduled", a.rescheduled());
        if (withDelay) {
            o.set("delay", a.delay().<JsonNode>map(x -> Json.object()
                    .put("reason", x.reason())
                    .put("announcedAt", time(x.announcedAt()))
                    .put("agency", x.agencyId())
                    .put("previous", x.previous().toString())
                    .put("newDate", x.newDate().toString())).orElse(null));
        }
        return o;
    }

    private static ObjectNode outcome(Outcome outcome) {
        ObjectNode o = Json.object();
        if (outcome instanceof Outcome.Refused r) {
            o.put("decision", "REFUSED").put("label", "Từ chối giải quyết");
            var reasons = o.putArray("reasons");
            r.reasons().forEach(reasons::add);
        } else {
            o.put("decision", "APPROVED").put("label", "Chấp thuận");
        }
        var refs = o.putArray("documentRefs");
        outcome.documentRefs().forEach(refs::add);
        return o;
    }

    /**
     * Who acted, as people read it: the desk (its staff are known by an id, never shown), the agency by name,
     * the system by what it did. Never an internal id.
     */
    private String actor(Actor a) {
        return switch (a.role()) {
            case DESK -> "Bộ phận Một cửa";
            case DEPARTMENT -> agencyName(a.id());
            case SYSTEM -> switch (a.id()) {
                case "router" -> "Hệ thống (tự động chuyển hồ sơ)";
                case "dispatcher" -> "Hệ thống (gửi hồ sơ đến cơ quan giải quyết)";
                case "deadline-watch" -> "Hệ thống (theo dõi thời hạn)";
                case "document-received" -> "Hệ thống (kiểm tra tệp tải lên)";
                default -> "Hệ thống";
            };
        };
    }

    /** A giver or receiver of form 05: an agency, the desk, the applicant or the postal service. */
    private String party(String id, Dossier d) {
        if (HandOver.APPLICANT.equals(id)) return "Người nộp hồ sơ";
        if (HandOver.POSTAL_SERVICE.equals(id)) return "Dịch vụ bưu chính";
        if (id.equals(d.deskId())) return "Bộ phận Một cửa";
        return agencyName(id);
    }

    static String time(Instant at) {
        return at.atZone(Dossier.ZONE).toOffsetDateTime().format(TIME);
    }
}
