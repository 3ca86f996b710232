package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import static vn.motcua.store.DossierItem.s;

/**
 * A refusal or guidance at the desk (forms 03 and 02) as its own item: {@code pk} = {@code REFUSAL#<id>},
 * the JSON {@code body}, and month keys on the same {@code byReceivedMonth} index as dossiers, under
 * {@code receivedMonth} = {@code REFUSAL#yyyy-MM}. The prefix keeps the two apart: a month of dossiers
 * never lists a refusal, and reports read a month of refusals without a scan and without another index
 * (an index costs a write per item on AWS and cannot be added to dynalite's table after creation).
 * No {@code agencyState}, {@code dueKey} or {@code openShard}: a refusal is never in the desk's lists.
 */
final class DeskRefusalItem {

    static final String PREFIX = "REFUSAL#";
    static final String MONTH_PREFIX = "REFUSAL#";
    static final String ITEM_KIND = "DESK_REFUSAL";
    static final int FORMAT = 1;

    private DeskRefusalItem() {}

    static Map<String, AttributeValue> key(String id) { return Map.of(DossierItem.PK, s(PREFIX + id)); }

    static String month(Instant at) { return MONTH_PREFIX + DossierItem.month(at); }

    static String month(YearMonth month) { return MONTH_PREFIX + month; }

    static Map<String, AttributeValue> toItem(DeskRefusal r) {
        var item = new LinkedHashMap<String, AttributeValue>();
        item.put(DossierItem.PK, s(PREFIX + r.id()));
        item.put(DossierItem.KIND, s(ITEM_KIND));
        item.put(DossierItem.RECEIVED_MONTH, s(month(r.at())));
        item.put(DossierItem.RECEIVED_KEY, s(DossierItem.timeKey(r.at(), r.id())));
        if (r.agencyId() != null) item.put(DossierItem.AGENCY, s(r.agencyId()));
        item.put(DossierItem.FORMAT, DossierItem.n(FORMAT));
        var o = Json.object();
        o.put("id", r.id());
        o.put("kind", r.kind().name());
        o.put("procedure", r.procedureCode());
        if (r.agencyId() != null) o.put("agency", r.agencyId());
        o.set("applicant", StoredJson.applicant(r.applicant()));
        o.set("reasons", StoredJson.texts(r.reasons()));
        o.put("clerk", StoredJson.actor(r.clerk()));
        o.put("clerkName", r.clerkName());
        o.put("at", r.at().toString());
        item.put(DossierItem.BODY, s(Json.write(o)));
        return item;
    }

    static DeskRefusal fromItem(Map<String, AttributeValue> item) {
        var pk = DossierItem.string(item, DossierItem.PK, "?");
        if (!pk.startsWith(PREFIX)) throw new IllegalStateException("stored item " + pk + " is not a desk refusal");
        var format = DossierItem.number(item, DossierItem.FORMAT, pk);
        if (format != FORMAT) throw new IllegalStateException("stored item " + pk + ": body format " + format + " is not " + FORMAT);
        var b = StoredJson.parse(DossierItem.string(item, DossierItem.BODY, pk), pk);
        return b.build("desk refusal", () -> new DeskRefusal(b.text("id"), b.enumValue("kind", DeskRefusal.Kind.class),
                b.text("procedure"), b.optText("agency").orElse(null), b.applicant("applicant"), b.texts("reasons"),
                b.actor("clerk"), b.instant("at"), b.optText("clerkName").orElse(null)));
    }
}
