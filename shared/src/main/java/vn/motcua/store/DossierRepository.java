package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import static vn.motcua.store.DossierItem.n;
import static vn.motcua.store.DossierItem.s;

/**
 * Dossiers in the dossier table, one item each ({@link DossierItem}), with the records that live beside
 * them: {@code Idempotency-Key} claims of the intake and the desk's refusals (forms 02/03 at the desk).
 * The daily code counters are in the same table too ({@link DossierCodes}).
 *
 * <p>No transactions (dynalite has none, and on AWS they cost double): every change of a dossier is
 * one conditional write of its whole item, guarded by its version and by the event's id not being
 * among those already applied. Two writers racing: one wins, the other reads again and applies its
 * event to the winner's dossier; the same event twice: the second finds it applied and changes nothing.
 *
 * <p>Lists read the table's indexes, never scan it, a page at a time with an opaque cursor:
 * a department's dossiers in one state by due date ({@code byAgencyState}), open dossiers by due date
 * ({@code openByDue}, sparse: an item leaves it when its dossier closes), dossiers and desk refusals
 * by receipt time ({@code byReceivedMonth}, one partition per month). Index reads are eventually
 * consistent on AWS: a dossier changed a moment ago may still show in its old place.
 *
 * <p>The open index has one partition, {@code OPEN}: a few hundred open dossiers at a time for this desk,
 * far below what one partition serves. Should it ever grow, write {@code OPEN#0..n} and read them all.
 */
public final class DossierRepository extends DossierLists {

    static final String BY_AGENCY_STATE = DossierLists.BY_AGENCY_STATE, OPEN_BY_DUE = DossierLists.OPEN_BY_DUE,
            BY_RECEIVED_MONTH = DossierLists.BY_RECEIVED_MONTH;
    static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";
    /** The id of the write that stored the item's current version (see {@link #apply}). */
    static final String WRITE_ID = "writeId";
    static final String RECEIPT_SECRET = "receiptSecret";
    static final int MAX_IDEMPOTENCY_KEY = 255;

    /**
     * @param maxAttempts          how many times {@link #apply} reads and writes before giving up on a busy dossier
     * @param idempotencyLease     how long a claimed key without a code is left to the request that claimed it;
     *                             longer than a function's timeout, so that only a dead request's claim is taken over
     * @param idempotencyRetention how long a key is remembered (the {@code expiresAt} attribute, which TTL deletes on AWS)
     */
    public record Options(int maxAttempts, Duration idempotencyLease, Duration idempotencyRetention) {
        public static final Options DEFAULTS = new Options(20, Duration.ofSeconds(60), Duration.ofHours(24));

        public Options {
            if (maxAttempts < 1) throw new IllegalArgumentException("at least one attempt");
            if (idempotencyLease.isNegative() || idempotencyRetention.compareTo(idempotencyLease) <= 0) {
                throw new IllegalArgumentException("a key is kept longer than its lease");
            }
        }
    }

    private final DynamoDbClient db;
    private final String table;
    private final Options options;
    private final vn.motcua.portal.PortalOwes.Hook portal;

    public DossierRepository(DynamoDbClient db, String table) { this(db, table, Options.DEFAULTS); }

    public DossierRepository(DynamoDbClient db, String table, Options options) { this(db, table, options, vn.motcua.portal.PortalOwes.Hook.OFF); }

    /**
     * @param portal whether every write also owes the national portal its changes (the functions on AWS: always),
     *               and how the sync is nudged after one that did
     */
    public DossierRepository(DynamoDbClient db, String table, Options options, vn.motcua.portal.PortalOwes.Hook portal) {
        if (table == null || table.isBlank()) throw new IllegalArgumentException("which table?");
        this.db = db;
        this.table = table;
        this.options = options;
        this.portal = portal;
    }

    // ---- one dossier ---------------------------------------------------------------------------

    /** Stores a newly received dossier, with what its receipt owes; {@link DossierExistsException} when its code is taken. */
    @Override
    public void create(Dossier dossier, OutboxChange given) {
        var outbox = portal.extend(null, dossier, given);
        var item = OwedItems.carry(null, sized(dossier), outbox, dossier.code());
        checkSize(dossier.code(), item);
        try {
            db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", DossierItem.PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new DossierExistsException(dossier.code());
        }
        portal.after(dossier.code(), outbox);
    }

    /** The dossier as last written (a consistent read). */
    @Override
    public Optional<Dossier> find(DossierCode code) {
        var item = item(code);
        return item == null ? Optional.empty() : Optional.of(DossierItem.fromItem(item));
    }

    private Map<String, AttributeValue> item(DossierCode code) {
        var item = db.getItem(g -> g.tableName(table).key(DossierItem.key(code)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /**
     * Applies {@code event} with {@code lifecycle} and stores the result in one conditional write.
     * When another writer got there first, reads again and applies the event to what it wrote, up to
     * {@link Options#maxAttempts} times ({@link DossierBusyException} after that, nothing written).
     *
     * @return the lifecycle's decision: applied (stored), applied as a duplicate (nothing written: the
     *         event's id was already applied, perhaps by a racing copy of the same message), or a refusal
     *         (nothing written). A write whose reply was lost and that the SDK retried is "applied", once: the
     *         retry's failed condition is recognised by the stored write id (a random id per write, in
     *         {@value #WRITE_ID}) being this call's.
     * @throws UnknownDossierException when no dossier has that code
     */
    @Override
    public Decision apply(DossierCode code, DossierEvent event, Lifecycle lifecycle, OutboxChange outbox) {
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            var stored = item(code);
            if (stored == null) throw new UnknownDossierException(code);
            var current = DossierItem.fromItem(stored);
            var decision = lifecycle.apply(current, event);
            if (!(decision instanceof Decision.Applied applied) || applied.duplicate()) {
                // nothing to write for the dossier; what the caller has done is done all the same
                if (!outbox.settle().isEmpty()) settle(code, OutboxChange.settling(outbox.settle().toArray(String[]::new)));
                return decision;
            }
            var next = applied.dossier();
            if (next.version() != current.version() + 1) {
                throw new IllegalStateException("the lifecycle moved dossier " + code + " from version "
                        + current.version() + " to " + next.version());
            }
            // the outbox travels with the item: carried over, plus what this change owes, minus what it settles
            var owing = portal.extend(current, next, outbox);
            var item = new HashMap<>(OwedItems.carry(stored, sized(next), owing, code));
            checkSize(code, item);
            // which write this is: a write whose reply was lost is told from a racing copy's write of the same event
            String writeId = UUID.randomUUID().toString();
            item.put(WRITE_ID, s(writeId));
            var names = new HashMap<>(Map.of("#v", DossierItem.VERSION, "#applied", DossierItem.APPLIED));
            var values = new HashMap<>(Map.of(":expected", n(current.version()), ":event", s(event.eventId())));
            String condition = "#v = :expected AND NOT contains(#applied, :event) AND " + OwedItems.condition(stored, names, values);
            try {
                db.putItem(p -> p.tableName(table).item(item).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                portal.after(code, owing);
                return decision;
            } catch (ConditionalCheckFailedException e) {
                // The SDK retries a write whose reply was lost (a dropped connection, a timeout); if the first
                // try landed, the retry's condition fails on our own write, which the stored write id tells:
                // the change is this call's, applied once, neither a duplicate nor a race to redo.
                if (writeId.equals(storedWriteId(code))) {
                    portal.after(code, owing);
                    return decision;
                }
                pause(code, attempt);
            }
        }
        throw new DossierBusyException(code, options.maxAttempts());
    }

    @Override
    public boolean owesThePortal() { return portal.on(); }

    // ---- the outbox ----------------------------------------------------------------------------

    @Override
    public boolean settle(DossierCode code, OutboxChange outbox) {
        boolean changed = rewrite(code, stored -> OwedItems.changes(stored, outbox) ? OwedItems.carry(stored, stored, outbox, code) : null);
        if (changed) portal.after(code, outbox);
        return changed;
    }

    @Override
    public List<OwedWork> owed(DossierCode code) {
        var stored = item(code);
        return stored == null ? List.of() : OwedItems.read(stored);
    }

    @Override
    public boolean editOwed(DossierCode code, List<OwedWork> seen, UnaryOperator<OwedWork> edit) {
        var stored = item(code);
        if (stored == null || !OwedItems.read(stored).equals(seen)) return false;
        return write(code, stored, OwedItems.edited(stored, edit, code));
    }

    /**
     * Rewrites the item as {@code change} makes it from the stored one (null: nothing to change), conditional on
     * the dossier's version and the outbox's revision as read; read again when another writer came first.
     */
    private boolean rewrite(DossierCode code, java.util.function.Function<Map<String, AttributeValue>, Map<String, AttributeValue>> change) {
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            var stored = item(code);
            if (stored == null) throw new UnknownDossierException(code);
            var next = change.apply(stored);
            if (next == null) return false;
            if (write(code, stored, next)) return true;
            pause(code, attempt);
        }
        throw new DossierBusyException(code, options.maxAttempts());
    }

    /** One conditional put of {@code next} over {@code stored}; false when another writer changed the item first. */
    private boolean write(DossierCode code, Map<String, AttributeValue> stored, Map<String, AttributeValue> next) {
        var names = new HashMap<>(Map.of("#v", DossierItem.VERSION));
        var values = new HashMap<>(Map.of(":expected", stored.get(DossierItem.VERSION)));
        String condition = "#v = :expected AND " + OwedItems.condition(stored, names, values);
        var item = new HashMap<>(next); // the stored write id stays: the dossier's last write is still told by it
        try {
            db.putItem(p -> p.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static void checkSize(DossierCode code, Map<String, AttributeValue> item) {
        int size = DossierItem.sizeBytes(item);
        if (size > DossierItem.MAX_BYTES) throw new DossierTooLargeException(code, size, DossierItem.MAX_BYTES);
    }

    private String storedWriteId(DossierCode code) {
        var item = db.getItem(g -> g.tableName(table).key(DossierItem.key(code)).consistentRead(true)
                .projectionExpression("#w").expressionAttributeNames(Map.of("#w", WRITE_ID))).item();
        return item == null || !item.containsKey(WRITE_ID) ? null : item.get(WRITE_ID).s();
    }

    static Map<String, AttributeValue> sized(Dossier dossier) {
        var item = DossierItem.toItem(dossier);
        int size = DossierItem.sizeBytes(item);
        if (size > DossierItem.MAX_BYTES) throw new DossierTooLargeException(dossier.code(), size, DossierItem.MAX_BYTES);
        return item;
    }

    /** A short random wait, growing with the attempts, so racing writers do not collide again in step. */
    private void pause(DossierCode code, int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(50, 4 << Math.min(attempt, 4))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DossierBusyException(code, attempt);
        }
    }

    // ---- lists: the paging is DossierLists' --------------------------------------------------------

    /** One DynamoDB Query of one index partition. */
    @Override
    DossierLists.Answer query(DossierLists.Query q) {
        var names = new HashMap<String, String>();
        names.put("#h", q.hashAttribute());
        var values = new HashMap<String, AttributeValue>();
        values.put(":h", s(q.partition()));
        String condition = "#h = :h";
        if (q.range() != null) {
            names.put("#r", q.rangeAttribute());
            switch (q.range()) {
                case DossierLists.Range.Below b -> {
                    condition += " AND #r < :below";
                    values.put(":below", s(b.value()));
                }
                case DossierLists.Range.Between b -> {
                    condition += " AND #r BETWEEN :from AND :to";
                    values.put(":from", s(b.from()));
                    values.put(":to", s(b.to()));
                }
                case DossierLists.Range.Prefix p -> {
                    condition += " AND begins_with(#r, :prefix)";
                    values.put(":prefix", s(p.value()));
                }
            }
        }
        var query = QueryRequest.builder().tableName(table).indexName(q.index()).keyConditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).limit(q.limit());
        if (q.start() != null) query.exclusiveStartKey(q.start());
        var answer = db.query(query.build());
        boolean more = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty();
        return new DossierLists.Answer(answer.items(), more ? answer.lastEvaluatedKey() : null);
    }

    // ---- desk refusals -------------------------------------------------------------------------

    @Override
    public void keepReceipt(DossierCode code, vn.motcua.domain.dossier.ReceiptRecord record) {
        db.putItem(p -> p.tableName(table).item(ReceiptRecordItem.toItem(code, record)));
    }

    @Override
    public Optional<vn.motcua.domain.dossier.ReceiptRecord> receiptRecord(DossierCode code) {
        var item = db.getItem(g -> g.tableName(table).key(ReceiptRecordItem.key(code)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ReceiptRecordItem.fromItem(item));
    }

    /**
     * Keeps a refusal or guidance given at the desk, for reports. Its id is the caller's (a retried
     * request carries the same one): returns false when that id is already recorded, changing nothing.
     */
    @Override
    public boolean recordDeskRefusal(DeskRefusal refusal) {
        try {
            db.putItem(p -> p.tableName(table).item(DeskRefusalItem.toItem(refusal))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", DossierItem.PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<DeskRefusal> deskRefusal(String id) {
        var item = db.getItem(g -> g.tableName(table).key(DeskRefusalItem.key(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DeskRefusalItem.fromItem(item));
    }

    // ---- Idempotency-Key -----------------------------------------------------------------------

    /**
     * Claims {@code key} for a request whose canonical body hashes to {@code requestHash}, at {@code now}.
     * One conditional put: the first request with a key gets {@link IdempotencyClaim.Claimed}; a retry
     * learns the code bound to it, that it is still in progress, or that the key was used for another
     * body. A claim left without a code past the lease (its request died) goes to the next request;
     * a key past its retention is free again, even before TTL deletes it.
     */
    @Override
    public IdempotencyClaim claimIdempotencyKey(String key, String requestHash, Instant now) {
        var pk = idempotencyKey(key, requestHash);
        var item = Map.of(DossierItem.PK, s(pk), DossierItem.KIND, s("IDEMPOTENCY_KEY"), "requestHash", s(requestHash),
                "claimedAt", s(now.toString()), "expiresAt", n(now.plus(options.idempotencyRetention()).getEpochSecond()));
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                db.putItem(p -> p.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk) OR #exp < :now")
                        .expressionAttributeNames(Map.of("#pk", DossierItem.PK, "#exp", "expiresAt"))
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
                return new IdempotencyClaim.Claimed();
            } catch (ConditionalCheckFailedException taken) {
                var held = db.getItem(g -> g.tableName(table).key(Map.of(DossierItem.PK, s(pk))).consistentRead(true)).item();
                if (held == null || held.isEmpty()) continue; // expired and deleted in between: try again
                if (!requestHash.equals(DossierItem.string(held, "requestHash", pk))) return new IdempotencyClaim.Mismatch();
                if (held.containsKey(DossierItem.CODE)) {
                    var secret = held.get(RECEIPT_SECRET);
                    return new IdempotencyClaim.Bound(new DossierCode(DossierItem.string(held, DossierItem.CODE, pk)),
                            Optional.ofNullable(secret == null ? null : secret.s()));
                }
                var claimedAt = DossierItem.string(held, "claimedAt", pk);
                if (Instant.parse(claimedAt).plus(options.idempotencyLease()).isAfter(now)) {
                    return new IdempotencyClaim.InProgress(Instant.parse(claimedAt));
                }
                try { // the claimant died before binding a code: take the claim over
                    db.updateItem(u -> u.tableName(table).key(Map.of(DossierItem.PK, s(pk)))
                            .updateExpression("SET claimedAt = :now")
                            .conditionExpression("claimedAt = :then AND attribute_not_exists(#code)")
                            .expressionAttributeNames(Map.of("#code", DossierItem.CODE))
                            .expressionAttributeValues(Map.of(":now", s(now.toString()), ":then", s(claimedAt))));
                    return new IdempotencyClaim.Claimed();
                } catch (ConditionalCheckFailedException lostTakeover) {
                    // another retry took it over or bound a code: look again
                }
            }
        }
        throw new IllegalStateException("idempotency key claim kept changing under us");
    }

    /**
     * Binds the dossier code taken for a claimed key, before the dossier is created, so that a retry
     * after a crash reuses the code. Returns the code bound to the key: {@code code}, or the one a
     * racing request with the same body bound first (then use that one; this code stays unused). Keeps
     * beside the code the plain lookup secret of the receipt ({@code receiptSecret}, may be null) until the key expires, so that a
     * retry answers with the very receipt the first request printed (see {@link IdempotencyClaim.Bound}).
     */
    @Override
    public DossierCode bindIdempotencyKey(String key, String requestHash, DossierCode code, String receiptSecret) {
        var pk = idempotencyKey(key, requestHash);
        var values = new HashMap<String, AttributeValue>(Map.of(":code", s(code.value()), ":hash", s(requestHash)));
        if (receiptSecret != null) values.put(":secret", s(receiptSecret));
        try {
            db.updateItem(u -> u.tableName(table).key(Map.of(DossierItem.PK, s(pk)))
                    .updateExpression(receiptSecret == null ? "SET #code = :code" : "SET #code = :code, " + RECEIPT_SECRET + " = :secret")
                    .conditionExpression("requestHash = :hash AND attribute_not_exists(#code)")
                    .expressionAttributeNames(Map.of("#code", DossierItem.CODE))
                    .expressionAttributeValues(values));
            return code;
        } catch (ConditionalCheckFailedException e) {
            var held = db.getItem(g -> g.tableName(table).key(Map.of(DossierItem.PK, s(pk))).consistentRead(true)).item();
            if (held != null && held.containsKey(DossierItem.CODE) && requestHash.equals(DossierItem.string(held, "requestHash", pk))) {
                return new DossierCode(DossierItem.string(held, DossierItem.CODE, pk));
            }
            throw new IllegalStateException("idempotency key was not claimed for this request; claim it first");
        }
    }

    static String idempotencyKey(String key, String requestHash) {
        if (key == null || key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("an Idempotency-Key is 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters");
        }
        if (requestHash == null || requestHash.isBlank()) throw new IllegalArgumentException("the request's hash is required");
        return IDEMPOTENCY_PREFIX + key;
    }
}
