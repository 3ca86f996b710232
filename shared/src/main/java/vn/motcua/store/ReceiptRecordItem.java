package vn.motcua.store;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.ReceiptRecord;
import vn.motcua.edge.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import static vn.motcua.store.DossierItem.s;

/**
 * The receipt's record (what form 01 printed beyond the dossier) as one item beside its dossier:
 * {@code pk} = {@code RECEIPT#<code>}, {@code kind} = {@code RECEIPT}, {@code body} the record as JSON.
 * Its own item, because every lifecycle write replaces the dossier's item whole.
 */
final class ReceiptRecordItem {

    static final String PREFIX = "RECEIPT#";
    static final String ITEM_KIND = "RECEIPT";
    static final int FORMAT = 1;

    private ReceiptRecordItem() {}

    static Map<String, AttributeValue> key(DossierCode code) { return Map.of(DossierItem.PK, s(PREFIX + code.value())); }

    static Map<String, AttributeValue> toItem(DossierCode code, ReceiptRecord r) {
        var item = new LinkedHashMap<String, AttributeValue>();
        item.put(DossierItem.PK, s(PREFIX + code.value()));
        item.put(DossierItem.KIND, s(ITEM_KIND));
        item.put(DossierItem.FORMAT, DossierItem.n(FORMAT));
        var o = Json.object();
        var lines = o.putArray("documents");
        r.documents().forEach(l -> lines.addObject().put("name", l.name()).put("form", l.form()).put("count", l.count()));
        o.put("sets", r.sets());
        o.put("receiverName", r.receiverName());
        item.put(DossierItem.BODY, s(Json.write(o)));
        return item;
    }

    static ReceiptRecord fromItem(Map<String, AttributeValue> item) {
        JsonNode o;
        try {
            o = Json.mapper().readTree(item.get(DossierItem.BODY).s());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored receipt " + DossierItem.string(item, DossierItem.PK, "?") + " is not JSON", e);
        }
        var lines = new ArrayList<ReceiptRecord.Line>();
        o.path("documents").forEach(l -> lines.add(new ReceiptRecord.Line(l.path("name").asText(), l.path("form").asText(),
                l.path("count").asInt())));
        return new ReceiptRecord(lines, o.path("sets").asInt(), o.path("receiverName").asText());
    }
}
