package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.motcua.aws.Priming;
import vn.motcua.domain.calendar.WorkingCalendar;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.reference.CatalogFiles;
import vn.motcua.reference.HolidayTables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's reference data (the catalog's two files and the yearly holiday tables) as stored
 * in the catalog table, so an operator changes agencies, procedures or holidays without a release.
 *
 * <p>Publishing writes every file under a new version's partition, then flips one pointer item with
 * a conditional write: readers see the old set or the new set, never a mix, without transactions
 * (dynalite has none). Both the catalog and the calendar are validated (schemas and rules) before
 * anything is written; functions read the stored copy with the rules only, keep the loaded snapshot
 * for {@code maxAge}, then check which version is current (a SnapStart restore checks at once, in its
 * restore hook: the copy in the snapshot may be hours old).
 */
public final class ReferenceData implements Priming.Renewable {

    static final String POINTER_PK = "reference";
    static final String POINTER_SK = "current";
    static final String CATALOG = "catalog/";
    static final String CALENDAR = "calendar/";

    private final DynamoDbClient db;
    private final String table;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Snapshot cached;

    public ReferenceData(DynamoDbClient db, String table, Duration maxAge, Clock clock) {
        this.db = db;
        this.table = table;
        this.maxAge = maxAge;
        this.clock = clock;
        Priming.renewAfterRestore(this);
    }

    /**
     * After a SnapStart restore the snapshot may be hours old: ask at once which version is current (one read
     * of the pointer) and read the whole set again only if it changed, so that the first request finds it
     * checked. When that read fails, the snapshot is marked old instead and the next call checks it.
     */
    @Override
    public void renewAfterRestore() {
        Snapshot snapshot = cached;
        if (snapshot == null) return;
        try {
            cached = load(snapshot);
        } catch (RuntimeException e) {
            cached = new Snapshot(snapshot.version(), snapshot.catalog(), snapshot.calendar(), Instant.EPOCH);
        }
    }

    /** The catalog and the calendar of one published version. */
    public record Snapshot(String version, Catalog catalog, WorkingCalendar calendar, Instant loadedAt) {}

    /**
     * The current snapshot, checked again once it is older than {@code maxAge}: the pointer is read, and the
     * files only when it names another version (a version is the digest of its files: it never changes).
     */
    public Snapshot current() {
        Snapshot snapshot = cached;
        if (snapshot == null || Duration.between(snapshot.loadedAt(), clock.instant()).compareTo(maxAge) > 0) {
            snapshot = load(snapshot);
            cached = snapshot;
        }
        return snapshot;
    }

    private Snapshot load(Snapshot known) {
        var pointer = db.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(POINTER_PK), "sk", s(POINTER_SK)))).item();
        if (pointer == null || !pointer.containsKey("version")) {
            throw new IllegalStateException("no reference data in table " + table + ": publish the catalog and calendars first (infra seed)");
        }
        String version = pointer.get("version").s();
        if (known != null && known.version().equals(version)) {
            return new Snapshot(version, known.catalog(), known.calendar(), clock.instant());
        }
        var catalog = new HashMap<String, String>();
        var calendar = new TreeMap<String, String>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(versionKey(version))));
            if (start != null) query.exclusiveStartKey(start);
            QueryResponse page = db.query(query.build());
            for (var item : page.items()) {
                String sk = item.get("sk").s();
                String document = item.get("document").s();
                if (sk.startsWith(CATALOG)) catalog.put(sk.substring(CATALOG.length()), document);
                if (sk.startsWith(CALENDAR)) calendar.put(sk.substring(CALENDAR.length()), document);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Snapshot(version, CatalogFiles.read(catalog), HolidayTables.read(calendar), clock.instant());
    }

    /**
     * Validates and publishes a new version. {@code catalogFiles} holds {@code agencies.json} and
     * {@code procedures.json}; {@code calendarFiles} one table per year, by file name.
     *
     * @return the new version, or the current one when nothing changed
     */
    public String publish(Map<String, String> catalogFiles, Map<String, String> calendarFiles) {
        // all or nothing: a bad file stops here, before any write; what is stored has passed the schemas
        CatalogFiles.validate(file(catalogFiles, CatalogFiles.AGENCIES), CatalogFiles.AGENCIES,
                file(catalogFiles, CatalogFiles.PROCEDURES), CatalogFiles.PROCEDURES);
        HolidayTables.validate(calendarFiles);

        var documents = new TreeMap<String, String>();
        catalogFiles.forEach((name, json) -> documents.put(CATALOG + name, json));
        calendarFiles.forEach((name, json) -> documents.put(CALENDAR + name, json));
        String version = digest(documents);

        var pointer = db.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(POINTER_PK), "sk", s(POINTER_SK)))).item();
        String previous = pointer != null && pointer.containsKey("version") ? pointer.get("version").s() : null;
        if (version.equals(previous)) return version;

        String publishedAt = clock.instant().toString();
        documents.forEach((sk, json) -> db.putItem(b -> b.tableName(table).item(Map.of(
                "pk", s(versionKey(version)), "sk", s(sk), "document", s(json), "publishedAt", s(publishedAt)))));

        var item = new LinkedHashMap<String, AttributeValue>();
        item.put("pk", s(POINTER_PK));
        item.put("sk", s(POINTER_SK));
        item.put("version", s(version));
        item.put("publishedAt", s(publishedAt));
        try {
            // Two operators publishing at once: the second one's flip fails instead of silently winning.
            if (previous == null) {
                db.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                db.putItem(b -> b.tableName(table).item(item).conditionExpression("version = :previous")
                        .expressionAttributeValues(Map.of(":previous", s(previous))));
            }
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("reference data changed while publishing; publish again", e);
        }
        cached = null;
        return version;
    }

    private static String file(Map<String, String> catalogFiles, String name) {
        String json = catalogFiles.get(name);
        if (json == null) {
            throw new IllegalArgumentException("the catalog needs " + CatalogFiles.AGENCIES + " and " + CatalogFiles.PROCEDURES
                    + ", got " + catalogFiles.keySet());
        }
        return json;
    }

    private static String versionKey(String version) { return POINTER_PK + "#" + version; }

    private static String digest(Map<String, String> documents) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            documents.forEach((name, json) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(json.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue s(String value) { return AttributeValue.fromS(value); }
}
