package vn.motcua.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The dossier table in memory: every dossier and desk refusal kept as the very item {@link DossierRepository}
 * writes ({@link DossierItem}, {@link DeskRefusalItem}), lists read from those items' index keys with the
 * same paging ({@link DossierLists}), the same rules for a changed dossier (the lifecycle's decision, once
 * per event id) and for {@code Idempotency-Key} claims. Production code, not a test double: SnapStart
 * priming runs each function's use case on it to the end (a dossier written, a list read) without a call
 * leaving the process, which also runs the item mapping on real dossiers; the services' unit tests use it.
 * One writer at a time (a lock), as one function instance is.
 */
public final class InMemoryDossiers extends DossierLists {

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private final Map<String, Claim> keys = new LinkedHashMap<>();
    private final DossierRepository.Options options;
    private vn.motcua.portal.PortalOwes.Hook portal = vn.motcua.portal.PortalOwes.Hook.OFF;

    private record Claim(String requestHash, Instant claimedAt, Instant expiresAt, DossierCode code, String secret) {}

    public InMemoryDossiers() { this(DossierRepository.Options.DEFAULTS); }

    public InMemoryDossiers(DossierRepository.Options options) {
        this.options = options;
    }

    /** Owes the national portal every change from now on, as the functions' repository does (no nudge: nobody listens). */
    public synchronized InMemoryDossiers owingThePortal() {
        portal = vn.motcua.portal.PortalOwes.Hook.on(code -> { });
        return this;
    }

    /** How many items the table holds (dossiers and desk refusals): what priming reports it wrote. */
    public synchronized int size() { return items.size() + keys.size(); }

    @Override
    public synchronized void create(Dossier dossier, OutboxChange given) {
        var outbox = portal.extend(null, dossier, given);
        var item = OwedItems.carry(null, DossierRepository.sized(dossier), outbox, dossier.code());
        DossierRepository.checkSize(dossier.code(), item);
        if (items.putIfAbsent(DossierItem.pk(dossier.code()), item) != null) throw new DossierExistsException(dossier.code());
    }

    @Override
    public synchronized Optional<Dossier> find(DossierCode code) {
        return Optional.ofNullable(items.get(DossierItem.pk(code))).map(DossierItem::fromItem);
    }

    @Override
    public synchronized Decision apply(DossierCode code, DossierEvent event, Lifecycle lifecycle, OutboxChange outbox) {
        var stored = items.get(DossierItem.pk(code));
        if (stored == null) throw new UnknownDossierException(code);
        var decision = lifecycle.apply(DossierItem.fromItem(stored), event);
        if (decision instanceof Decision.Applied applied && !applied.duplicate()) {
            var item = OwedItems.carry(stored, DossierRepository.sized(applied.dossier()),
                    portal.extend(DossierItem.fromItem(stored), applied.dossier(), outbox), code);
            DossierRepository.checkSize(code, item);
            items.put(DossierItem.pk(code), item);
        } else if (!outbox.settle().isEmpty()) {
            settle(code, OutboxChange.settling(outbox.settle().toArray(String[]::new)));
        }
        return decision;
    }

    @Override
    public synchronized void keepReceipt(DossierCode code, vn.motcua.domain.dossier.ReceiptRecord record) {
        var item = ReceiptRecordItem.toItem(code, record);
        items.put(item.get(DossierItem.PK).s(), item);
    }

    @Override
    public synchronized Optional<vn.motcua.domain.dossier.ReceiptRecord> receiptRecord(DossierCode code) {
        var item = items.get(ReceiptRecordItem.key(code).get(DossierItem.PK).s());
        return item == null ? Optional.empty() : Optional.of(ReceiptRecordItem.fromItem(item));
    }

    @Override
    public synchronized boolean owesThePortal() { return portal.on(); }

    @Override
    public synchronized boolean settle(DossierCode code, OutboxChange outbox) {
        var stored = items.get(DossierItem.pk(code));
        if (stored == null) throw new UnknownDossierException(code);
        if (!OwedItems.changes(stored, outbox)) return false;
        items.put(DossierItem.pk(code), OwedItems.carry(stored, stored, outbox, code));
        return true;
    }

    @Override
    public synchronized List<OwedWork> owed(DossierCode code) {
        var stored = items.get(DossierItem.pk(code));
        return stored == null ? List.of() : OwedItems.read(stored);
    }

    @Override
    public synchronized boolean editOwed(DossierCode code, List<OwedWork> seen, UnaryOperator<OwedWork> edit) {
        var stored = items.get(DossierItem.pk(code));
        if (stored == null || !OwedItems.read(stored).equals(seen)) return false;
        items.put(DossierItem.pk(code), OwedItems.edited(stored, edit, code));
        return true;
    }

    @Override
    public synchronized boolean recordDeskRefusal(DeskRefusal refusal) {
        var item = DeskRefusalItem.toItem(refusal);
        return items.putIfAbsent(item.get(DossierItem.PK).s(), item) == null;
    }

    @Override
    public synchronized Optional<DeskRefusal> deskRefusal(String id) {
        return Optional.ofNullable(items.get(DeskRefusalItem.PREFIX + id)).map(DeskRefusalItem::fromItem);
    }

    @Override
    public synchronized IdempotencyClaim claimIdempotencyKey(String key, String requestHash, Instant now) {
        var pk = DossierRepository.idempotencyKey(key, requestHash);
        var held = keys.get(pk);
        if (held == null || held.expiresAt().isBefore(now)) {
            keys.put(pk, new Claim(requestHash, now, now.plus(options.idempotencyRetention()), null, null));
            return new IdempotencyClaim.Claimed();
        }
        if (!held.requestHash().equals(requestHash)) return new IdempotencyClaim.Mismatch();
        if (held.code() != null) return new IdempotencyClaim.Bound(held.code(), Optional.ofNullable(held.secret()));
        if (held.claimedAt().plus(options.idempotencyLease()).isAfter(now)) return new IdempotencyClaim.InProgress(held.claimedAt());
        keys.put(pk, new Claim(requestHash, now, held.expiresAt(), null, null)); // the claimant died: taken over
        return new IdempotencyClaim.Claimed();
    }

    @Override
    public synchronized DossierCode bindIdempotencyKey(String key, String requestHash, DossierCode code, String receiptSecret) {
        var pk = DossierRepository.idempotencyKey(key, requestHash);
        var held = keys.get(pk);
        if (held != null && held.requestHash().equals(requestHash)) {
            if (held.code() != null) return held.code();
            keys.put(pk, new Claim(requestHash, held.claimedAt(), held.expiresAt(), code, receiptSecret));
            return code;
        }
        throw new IllegalStateException("idempotency key was not claimed for this request; claim it first");
    }

    @Override
    synchronized DossierLists.Answer query(DossierLists.Query query) { return DossierLists.inMemory(query, new ArrayList<>(items.values())); }
}
