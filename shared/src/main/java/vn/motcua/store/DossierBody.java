package vn.motcua.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.dossier.Appointment;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Collector;
import vn.motcua.domain.dossier.DocumentRejection;
import vn.motcua.domain.dossier.FeeReceipt;
import vn.motcua.domain.dossier.RejectedUpload;
import vn.motcua.domain.dossier.Delivery;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.FeeDue;
import vn.motcua.domain.dossier.HandOver;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.domain.dossier.SupplementRequest;
import vn.motcua.domain.dossier.Timeliness;
import vn.motcua.edge.Json;

import java.util.Optional;
import java.util.Set;

import static vn.motcua.store.StoredJson.actor;
import static vn.motcua.store.StoredJson.putList;
import static vn.motcua.store.StoredJson.texts;

/**
 * The dossier as the JSON text of its item's {@code body} attribute: everything but the version and
 * the applied event ids, which live in attributes of their own because the conditional write tests
 * them. Field names are spelled out here, one by one, and {@link #FORMAT} numbers this layout so a
 * later change can still read what was written before it. Absent optionals and empty lists are left out.
 */
final class DossierBody {

    /** The layout of the body; bump it, and keep reading the old one, when a field changes meaning. */
    static final int FORMAT = 1;

    private DossierBody() {}

    static String write(Dossier d) {
        var o = Json.object();
        o.put("code", d.code().value());
        o.put("procedure", d.procedureCode());
        o.put("agency", d.agencyId());
        o.put("desk", d.deskId());
        var limit = o.putObject("timeLimit");
        limit.put("value", d.timeLimit().value());
        limit.put("unit", d.timeLimit().unit().name());
        o.set("applicant", StoredJson.applicant(d.applicant()));
        o.put("channel", d.channel().name());
        var ret = o.putObject("resultReturn");
        ret.put("method", d.resultReturn().method().name());
        d.resultReturn().postalAddress().ifPresent(a -> ret.put("postalAddress", a));
        o.put("receivedAt", d.receivedAt().toString());
        d.appointment().ifPresent(a -> o.set("appointment", appointment(a)));
        var supplements = Json.array();
        d.supplements().forEach(s -> supplements.add(supplement(s)));
        putList(o, "supplements", supplements);
        d.fee().ifPresent(f -> o.set("fee", fee(f)));
        d.outcome().ifPresent(x -> o.set("outcome", outcome(x)));
        d.delivery().ifPresent(x -> o.set("delivery", delivery(x)));
        o.put("state", d.state().name());
        o.put("overdue", d.overdue());
        var documents = Json.array();
        d.documents().forEach(x -> documents.add(document(x)));
        putList(o, "documents", documents);
        var history = Json.array();
        d.history().forEach(h -> history.add(entry(h)));
        putList(o, "history", history);
        o.put("lookupSecret", d.lookupSecret());
        d.collector().ifPresent(x -> o.set("collector", collector(x)));
        var rejected = Json.array();
        d.rejectedUploads().forEach(x -> rejected.add(rejectedUpload(x)));
        putList(o, "rejectedUploads", rejected);
        return Json.write(o);
    }

    static Dossier read(String json, long version, Set<String> appliedEventIds, String item) {
        var b = StoredJson.parse(json, item);
        var code = b.text("code");
        if (!DossierCode.isValid(code)) throw b.problem("code", "is not a dossier code: " + code);
        var limitNode = b.object("timeLimit");
        var limit = limitNode.build("time limit", () -> new TimeLimit((int) limitNode.number("value"),
                limitNode.enumValue("unit", TimeLimit.Unit.class)));
        var retNode = b.object("resultReturn");
        var resultReturn = retNode.build("result return", () -> new ResultReturn(
                retNode.enumValue("method", ResultReturn.Method.class), retNode.optText("postalAddress")));
        return b.build("dossier", () -> new Dossier(new DossierCode(code), b.text("procedure"), b.text("agency"),
                b.text("desk"), limit, b.applicant("applicant"), b.enumValue("channel", Channel.class), resultReturn,
                b.instant("receivedAt"), b.optObject("appointment").map(DossierBody::appointment),
                b.list("supplements", DossierBody::supplement), b.optObject("fee").map(DossierBody::fee),
                b.optObject("outcome").map(DossierBody::outcome), b.optObject("delivery").map(DossierBody::delivery),
                b.enumValue("state", DossierState.class), b.bool("overdue"), b.list("documents", DossierBody::document),
                b.list("history", DossierBody::entry), appliedEventIds, b.text("lookupSecret"), version,
                b.optObject("collector").map(DossierBody::collector), b.list("rejectedUploads", DossierBody::rejectedUpload)));
    }

    // ---- parts ------------------------------------------------------------------------------------

    private static ObjectNode appointment(Appointment a) {
        var o = Json.object();
        o.put("original", a.original().toString());
        o.put("current", a.current().toString());
        a.delay().ifPresent(d -> {
            var x = o.putObject("delay");
            x.put("reason", d.reason());
            x.put("announcedAt", d.announcedAt().toString());
            x.put("agency", d.agencyId());
            x.put("previous", d.previous().toString());
            x.put("newDate", d.newDate().toString());
        });
        return o;
    }

    private static Appointment appointment(StoredJson o) {
        var delay = o.optObject("delay").map(x -> new Appointment.Delay(x.text("reason"), x.instant("announcedAt"),
                x.text("agency"), x.date("previous"), x.date("newDate")));
        return o.build("appointment", () -> new Appointment(o.date("original"), o.date("current"), delay));
    }

    private static ObjectNode supplement(SupplementRequest s) {
        var o = Json.object();
        o.put("agency", s.agencyId());
        o.put("requestedAt", s.requestedAt().toString());
        o.set("items", texts(s.items()));
        o.put("reason", s.reason());
        s.receivedAt().ifPresent(at -> o.put("receivedAt", at.toString()));
        return o;
    }

    private static SupplementRequest supplement(StoredJson o) {
        return o.build("supplement request", () -> new SupplementRequest(o.text("agency"), o.instant("requestedAt"),
                o.texts("items"), o.text("reason"), o.optInstant("receivedAt")));
    }

    private static ObjectNode fee(FeeDue f) {
        var o = Json.object();
        o.put("amountVnd", f.amountVnd());
        f.note().ifPresent(n -> o.put("note", n));
        o.put("requestedAt", f.requestedAt().toString());
        f.paidAt().ifPresent(at -> o.put("paidAt", at.toString()));
        f.receipt().ifPresent(r -> o.putObject("receipt").put("amountVnd", r.amountVnd()).put("number", r.number()));
        return o;
    }

    private static FeeDue fee(StoredJson o) {
        return o.build("fee", () -> new FeeDue(o.number("amountVnd"), o.optText("note"), o.instant("requestedAt"),
                o.optInstant("paidAt"), o.optObject("receipt").map(r -> r.build("fee receipt",
                        () -> new FeeReceipt(r.number("amountVnd"), r.text("number"))))));
    }

    private static ObjectNode outcome(Outcome x) {
        var o = Json.object();
        if (x instanceof Outcome.Refused r) {
            o.put("decision", "REFUSED");
            o.set("reasons", texts(r.reasons()));
        } else {
            o.put("decision", "APPROVED");
        }
        putList(o, "documents", texts(x.documentRefs()));
        return o;
    }

    private static Outcome outcome(StoredJson o) {
        var decision = o.text("decision");
        return switch (decision) {
            case "APPROVED" -> o.build("outcome", () -> new Outcome.Approved(o.texts("documents")));
            case "REFUSED" -> o.build("outcome", () -> new Outcome.Refused(o.texts("reasons"), o.texts("documents")));
            default -> throw o.problem("decision", "is neither APPROVED nor REFUSED: " + decision);
        };
    }

    private static ObjectNode delivery(Delivery d) {
        var o = Json.object();
        o.put("tracking", d.trackingNumber());
        o.put("handedAt", d.handedAt().toString());
        d.deliveredAt().ifPresent(at -> o.put("deliveredAt", at.toString()));
        d.deliveredOn().ifPresent(on -> o.put("deliveredOn", on.toString()));
        return o;
    }

    private static Delivery delivery(StoredJson o) {
        return o.build("delivery", () -> new Delivery(o.text("tracking"), o.instant("handedAt"), o.optInstant("deliveredAt"),
                o.has("deliveredOn") ? Optional.of(o.date("deliveredOn")) : Optional.empty()));
    }

    private static ObjectNode document(DossierDocument d) {
        var o = Json.object();
        o.put("name", d.name());
        o.put("key", d.key());
        o.put("size", d.sizeBytes());
        o.put("checksum", d.checksum());
        o.put("addedBy", actor(d.addedBy()));
        o.put("addedAt", d.addedAt().toString());
        d.versionId().ifPresent(v -> o.put("versionId", v));
        return o;
    }

    private static DossierDocument document(StoredJson o) {
        return o.build("document", () -> new DossierDocument(o.text("name"), o.text("key"), o.number("size"),
                o.text("checksum"), o.actor("addedBy"), o.instant("addedAt"), o.optText("versionId")));
    }

    private static ObjectNode entry(HistoryEntry h) {
        var o = Json.object();
        o.put("event", h.eventId());
        o.put("kind", h.kind().name());
        o.put("actor", actor(h.actor()));
        o.put("at", h.at().toString());
        h.reason().ifPresent(r -> o.put("reason", r));
        h.from().ifPresent(f -> o.put("from", f.name()));
        o.put("to", h.to().name());
        h.handOver().ifPresent(x -> o.set("handOver", handOver(x)));
        return o;
    }

    private static HistoryEntry entry(StoredJson o) {
        return o.build("history entry", () -> new HistoryEntry(o.text("event"), o.enumValue("kind", EventKind.class),
                o.actor("actor"), o.instant("at"), o.optText("reason"),
                o.has("from") ? Optional.of(o.enumValue("from", DossierState.class)) : Optional.empty(),
                o.enumValue("to", DossierState.class), o.optObject("handOver").map(DossierBody::handOver)));
    }

    private static ObjectNode collector(Collector c) {
        var o = Json.object();
        o.put("name", c.name());
        o.put("idNumber", c.idNumber());
        c.onBehalfOf().ifPresent(x -> o.put("onBehalfOf", x));
        return o;
    }

    private static Collector collector(StoredJson o) {
        return o.build("collector", () -> new Collector(o.text("name"), o.text("idNumber"), o.optText("onBehalfOf")));
    }

    private static ObjectNode rejectedUpload(RejectedUpload r) {
        var o = Json.object();
        o.put("documentId", r.documentId());
        o.put("fileName", r.fileName());
        o.put("reason", r.reason().name());
        o.put("at", r.at().toString());
        return o;
    }

    private static RejectedUpload rejectedUpload(StoredJson o) {
        return o.build("rejected upload", () -> new RejectedUpload(o.text("documentId"), o.text("fileName"),
                o.enumValue("reason", DocumentRejection.class), o.instant("at")));
    }

    private static ObjectNode handOver(HandOver h) {
        var o = Json.object();
        o.put("giver", h.giver());
        o.put("receiver", h.receiver());
        o.put("givenAt", h.givenAt().toString());
        h.receivedAt().ifPresent(at -> o.put("receivedAt", at.toString()));
        o.put("timeliness", h.timeliness().name());
        h.notes().ifPresent(n -> o.put("notes", n));
        return o;
    }

    private static HandOver handOver(StoredJson o) {
        return o.build("hand-over", () -> new HandOver(o.text("giver"), o.text("receiver"), o.instant("givenAt"),
                o.optInstant("receivedAt"), o.enumValue("timeliness", Timeliness.class), o.optText("notes")));
    }
}
