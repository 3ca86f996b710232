package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static vn.motcua.store.DossierItem.n;
import static vn.motcua.store.DossierItem.s;

/**
 * Dossier codes {@code <agency electronic id>-<YYMMDD>-<NNNN>} from one atomic counter per agency and
 * day, in the dossier table: item {@code COUNTER#<e-id>#<yymmdd>}, {@code ADD seq :one}, the new value
 * returned by the same call. No two calls get the same number and none is skipped, however many
 * functions ask at once. The day is the receipt's day in Vietnam, so the sequence restarts at
 * midnight there (17:00 UTC).
 *
 * <p>Past 9999 in a day the number widens to five digits ({@code -10000}): the desk keeps receiving
 * and every code stays unique and readable ({@link DossierCode} accepts four digits or more). Refusing
 * a citizen at the counter because of a counter would be worse, and this desk sees tens a day, so a
 * five-digit code only ever comes from a runaway client; it then shows in the codes themselves.
 *
 * <p>A number taken and not used (the intake failed after taking it) leaves a gap; the idempotency
 * claim binds the number first, so a retried submission reuses it instead of taking another.
 */
public record DossierCodes(DynamoDbClient db, String table) implements CodeCounters {

    static final String PREFIX = "COUNTER#";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    public DossierCodes {
        if (table == null || table.isBlank()) throw new IllegalArgumentException("which table?");
    }

    /** The next code of {@code agency} for a dossier received at {@code receivedAt}. */
    @Override
    public DossierCode next(ElectronicId agency, Instant receivedAt) {
        var day = Dossier.localDate(receivedAt);
        var answer = db.updateItem(u -> u.tableName(table)
                .key(Map.of(DossierItem.PK, s(counterKey(agency, day))))
                .updateExpression("ADD #seq :one SET #kind = :kind, #agency = :agency, #day = :day")
                .expressionAttributeNames(Map.of("#seq", "seq", "#kind", DossierItem.KIND, "#agency", "agencyEid", "#day", "day"))
                .expressionAttributeValues(Map.of(":one", n(1), ":kind", s("CODE_COUNTER"), ":agency", s(agency.value()),
                        ":day", s(day.toString())))
                .returnValues(ReturnValue.UPDATED_NEW));
        long sequence = Long.parseLong(answer.attributes().get("seq").n());
        if (sequence > Integer.MAX_VALUE) throw new IllegalStateException("counter " + counterKey(agency, day) + " ran past " + Integer.MAX_VALUE);
        return DossierCode.of(agency, day, (int) sequence);
    }

    static String counterKey(ElectronicId agency, LocalDate day) { return PREFIX + agency.value() + "#" + day.format(DAY); }
}
