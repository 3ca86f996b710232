package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.Appointment;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.SearchText;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dossier as one item of the dossier table, and back. The item holds:
 * <ul>
 *   <li>{@code pk} = {@code DOSSIER#<code>} and {@code kind} = {@code DOSSIER};</li>
 *   <li>{@code version} (N) and {@code appliedEvents} (SS): what the conditional write tests;</li>
 *   <li>{@code body} (S): the rest of the dossier as JSON ({@link DossierBody}), with {@code format} (N);</li>
 *   <li>the index keys, derived from the dossier on every write and never read back:
 *       {@code agencyState}, {@code dueKey}, {@code openShard} (only while the dossier is open),
 *       {@code receivedMonth}, {@code receivedKey};</li>
 *   <li>the search keys, derived the same way, for the desk's search by applicant ({@link vn.motcua.domain.dossier.SearchText}):
 *       {@code applicantFamily} (the name's first token) with {@code applicantName} (the whole name, then
 *       {@code #receivedKey}); {@code applicantId} (the ID number) and {@code applicantPhone}, each with {@code receivedKey};</li>
 *   <li>a few plain copies for people reading the table in the console and for filters:
 *       {@code code}, {@code state}, {@code agencyId}, {@code procedureCode}, {@code receivedAt}, {@code overdue}.</li>
 * </ul>
 */
final class DossierItem {

    static final String PK = "pk", KIND = "kind", VERSION = "version", APPLIED = "appliedEvents", BODY = "body",
            FORMAT = "format", CODE = "code", STATE = "state", AGENCY = "agencyId", PROCEDURE = "procedureCode",
            RECEIVED_AT = "receivedAt", OVERDUE = "overdue";
    static final String AGENCY_STATE = "agencyState", DUE_KEY = "dueKey", OPEN_SHARD = "openShard",
            RECEIVED_MONTH = "receivedMonth", RECEIVED_KEY = "receivedKey";
    static final String APPLICANT_FAMILY = "applicantFamily", APPLICANT_NAME = "applicantName", APPLICANT_ID = "applicantId",
            APPLICANT_PHONE = "applicantPhone";

    static final String PREFIX = "DOSSIER#";
    static final String ITEM_KIND = "DOSSIER";
    /** The one partition of the sparse open index; see {@link DossierRepository} on sharding it. */
    static final String OPEN = "OPEN";
    /** Sorts a dossier without a fixed time limit after every dated one. */
    static final String NO_DUE_DATE = "9999-12-31";
    /** DynamoDB's item size limit, names included. */
    static final int MAX_BYTES = 400 * 1024;

    /** Fixed width (always milliseconds) so that keys sort as times; Vietnam's offset, like the month. */
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(Dossier.ZONE);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withZone(Dossier.ZONE);

    private DossierItem() {}

    static String pk(DossierCode code) { return PREFIX + code.value(); }

    static Map<String, AttributeValue> key(DossierCode code) { return Map.of(PK, s(pk(code))); }

    static Map<String, AttributeValue> toItem(Dossier d) {
        var item = new LinkedHashMap<String, AttributeValue>();
        item.put(PK, s(pk(d.code())));
        item.put(KIND, s(ITEM_KIND));
        item.put(CODE, s(d.code().value()));
        item.put(VERSION, n(d.version()));
        // a string set cannot be empty; a dossier always has its receipt's id, but a hand-built one might not
        if (!d.appliedEventIds().isEmpty()) item.put(APPLIED, AttributeValue.fromSs(d.appliedEventIds().stream().sorted().toList()));
        item.put(STATE, s(d.state().name()));
        item.put(AGENCY, s(d.agencyId()));
        item.put(PROCEDURE, s(d.procedureCode()));
        item.put(RECEIVED_AT, s(d.receivedAt().toString()));
        item.put(OVERDUE, AttributeValue.fromBool(d.overdue()));
        item.put(AGENCY_STATE, s(agencyState(d.agencyId(), d.state())));
        item.put(DUE_KEY, s(dueKey(d)));
        if (d.state().isOpen()) item.put(OPEN_SHARD, s(OPEN));
        item.put(RECEIVED_MONTH, s(month(d.receivedAt())));
        item.put(RECEIVED_KEY, s(timeKey(d.receivedAt(), d.code().value())));
        // written with the dossier, in its one conditional write: the search can never disagree with the dossier
        var name = SearchText.normalise(d.applicant().name());
        if (!name.isEmpty()) {
            item.put(APPLICANT_FAMILY, s(SearchText.firstToken(name)));
            item.put(APPLICANT_NAME, s(name + "#" + timeKey(d.receivedAt(), d.code().value())));
        }
        item.put(APPLICANT_ID, s(d.applicant().idNumber()));
        item.put(APPLICANT_PHONE, s(d.applicant().phone()));
        item.put(FORMAT, n(DossierBody.FORMAT));
        item.put(BODY, s(DossierBody.write(d)));
        return item;
    }

    static Dossier fromItem(Map<String, AttributeValue> item) {
        var pk = string(item, PK, "?");
        if (!pk.startsWith(PREFIX)) throw new IllegalStateException("stored item " + pk + " is not a dossier");
        var format = number(item, FORMAT, pk);
        if (format != DossierBody.FORMAT) {
            throw new IllegalStateException("stored item " + pk + ": body format " + format + " is not one this code reads ("
                    + DossierBody.FORMAT + ")");
        }
        var applied = item.containsKey(APPLIED) ? new HashSet<>(item.get(APPLIED).ss()) : new HashSet<String>();
        var dossier = DossierBody.read(string(item, BODY, pk), number(item, VERSION, pk), applied, pk);
        if (!pk.equals(pk(dossier.code()))) throw new IllegalStateException("stored item " + pk + " holds dossier " + dossier.code());
        return dossier;
    }

    // ---- index keys ----------------------------------------------------------------------------

    static String agencyState(String agencyId, DossierState state) { return agencyId + "#" + state.name(); }

    /** The current due date (after pauses and a delay), or {@link #NO_DUE_DATE}, then the code. */
    static String dueKey(Dossier d) {
        return d.appointment().map(Appointment::current).map(LocalDate::toString).orElse(NO_DUE_DATE) + "#" + d.code().value();
    }

    /** The month in Vietnam: a dossier received at 06:00 on 1 March there belongs to March. */
    static String month(Instant at) { return MONTH.format(at); }

    /** A time in Vietnam, fixed width, then a tie-breaker: {@code 2020-03-02T09:00:00.000+07:00#<id>}. */
    static String timeKey(Instant at, String id) { return KEY_TIME.format(at) + "#" + id; }

    // ---- sizes ---------------------------------------------------------------------------------

    /**
     * The item's size as DynamoDB counts it: names and values in UTF-8 bytes, numbers about one
     * byte per two digits plus one, booleans one byte. An estimate on the high side.
     */
    static int sizeBytes(Map<String, AttributeValue> item) {
        int size = 0;
        for (var e : item.entrySet()) size += utf8(e.getKey()) + valueSize(e.getValue());
        return size;
    }

    private static int valueSize(AttributeValue v) {
        if (v.s() != null) return utf8(v.s());
        if (v.n() != null) return (v.n().length() + 1) / 2 + 1;
        if (v.bool() != null) return 1;
        if (v.hasSs()) return v.ss().stream().mapToInt(DossierItem::utf8).sum();
        if (v.b() != null) return v.b().asByteArray().length;
        if (v.hasM()) return 3 + v.m().entrySet().stream().mapToInt(e -> utf8(e.getKey()) + 1 + valueSize(e.getValue())).sum();
        throw new IllegalArgumentException("no size rule for " + v.type());
    }

    private static int utf8(String text) { return text.getBytes(StandardCharsets.UTF_8).length; }

    // ---- attribute helpers ---------------------------------------------------------------------

    static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }

    static String string(Map<String, AttributeValue> item, String name, String where) {
        var v = item.get(name);
        if (v == null || v.s() == null) throw new IllegalStateException("stored item " + where + " has no text attribute " + name);
        return v.s();
    }

    static long number(Map<String, AttributeValue> item, String name, String where) {
        var v = item.get(name);
        if (v == null || v.n() == null) throw new IllegalStateException("stored item " + where + " has no number attribute " + name);
        try {
            return Long.parseLong(v.n());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("stored item " + where + ": " + name + " is not a whole number: " + v.n());
        }
    }
}
