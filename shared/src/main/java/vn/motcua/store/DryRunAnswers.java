package vn.motcua.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.edge.Json;

import java.util.Map;

/**
 * What the dossier table answers in a dry run ({@code vn.motcua.aws.LoopbackEndpoint}): one canned body for every
 * operation, in DynamoDB's JSON. A read finds {@code dossier} (its item as {@link DossierItem} writes it), a
 * counter's update returns a sequence, a query an empty page, a batch read nothing. SnapStart priming runs the
 * table's adapters against it, so their requests are built and the item read back through the SDK and
 * {@link DossierItem#fromItem} without any call.
 */
public final class DryRunAnswers {

    private DryRunAnswers() {}

    public static String dossierTable(Dossier dossier) {
        ObjectNode answer = Json.object();
        answer.set("Item", wire(DossierItem.toItem(dossier)));
        answer.putObject("Attributes").putObject("seq").put("N", "1");
        answer.putArray("Items");
        answer.put("Count", 0);
        answer.putObject("Responses");
        return Json.write(answer);
    }

    /** An item in DynamoDB's JSON: the attribute types the table's items use (S, N, SS, BOOL). */
    private static ObjectNode wire(Map<String, AttributeValue> item) {
        ObjectNode out = Json.object();
        item.forEach((name, v) -> {
            ObjectNode value = out.putObject(name);
            if (v.s() != null) value.put("S", v.s());
            else if (v.n() != null) value.put("N", v.n());
            else if (v.bool() != null) value.put("BOOL", v.bool());
            else if (v.hasSs()) v.ss().forEach(value.putArray("SS")::add);
            else throw new IllegalArgumentException("no wire form for " + v.type());
        });
        return out;
    }
}
