package vn.motcua.store;

import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.HistoryEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SentNotices} in memory, with the rules of {@link NoticeLedger}: a claim, then a record guarded by
 * the claim's token; a claim older than the lease is taken over. Priming and the services' unit tests use it.
 */
public final class InMemorySentNotices implements SentNotices {

    private record Held(String notice, long token, NoticeRecord record) {}

    private final Map<String, Held> held = new LinkedHashMap<>();
    private final Duration lease;

    public InMemorySentNotices() { this(Duration.ofSeconds(60)); }

    public InMemorySentNotices(Duration lease) { this.lease = lease; }

    @Override
    public synchronized Claim claim(String scope, String id, String notice, Instant now) {
        var pk = NoticeLedger.pk(scope, id);
        var h = held.get(pk);
        long token = now.toEpochMilli();
        if (h == null || (h.record() == null && h.token() < token - lease.toMillis())) {
            held.put(pk, new Held(notice, token, null));
            return new Claim.Claimed(token);
        }
        return h.record() == null ? new Claim.InProgress(Instant.ofEpochMilli(h.token())) : new Claim.Done(h.record());
    }

    @Override
    public synchronized boolean record(NoticeRecord record, long token) {
        var pk = NoticeLedger.pk(record.scope(), record.id());
        var h = held.get(pk);
        if (h == null || h.record() != null || h.token() != token) return false;
        held.put(pk, new Held(h.notice(), token, record));
        return true;
    }

    @Override
    public synchronized void release(String scope, String id, long token) {
        var pk = NoticeLedger.pk(scope, id);
        var h = held.get(pk);
        if (h != null && h.record() == null && h.token() == token) held.remove(pk);
    }

    @Override
    public synchronized Optional<NoticeRecord> find(String scope, String id) {
        return Optional.ofNullable(held.get(NoticeLedger.pk(scope, id))).map(Held::record);
    }

    @Override
    public synchronized List<NoticeRecord> of(Dossier dossier) {
        return dossier.history().stream().map(HistoryEntry::eventId).distinct()
                .map(id -> find(dossier.code().value(), id).orElse(null)).filter(Objects::nonNull).toList();
    }

    /** Every decided notice, in the order they were claimed. */
    public synchronized List<NoticeRecord> all() {
        return held.values().stream().map(Held::record).filter(Objects::nonNull).toList();
    }
}
