package vn.motcua.portal;

import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a change of a dossier owes the national portal: one owed entry of kind {@value #KIND} per change it must know
 * (the receipt, every change of state, a fee paid, a new appointment date), numbered 1, 2, 3... in the dossier's own
 * history order, so the numbers are the same whoever computes them and a duplicate write owes nothing new. The store
 * adds them to every write of a dossier ({@link Hook}): the change and what it owes the portal are one conditional
 * write, like the notices. A citizen's rating (kept beside the dossier, not in it) owes the next number after the
 * last change ({@link #rating}); a returned dossier changes state no more, so nothing comes after it.
 */
public final class PortalOwes {

    /** The owed kind of the national portal's sync (registered in the wiring with the sync queue). */
    public static final String KIND = "portal";
    /** The {@code event} of a rating's change. */
    public static final String RATED = "RATED";

    private PortalOwes() {}

    /**
     * Whether a store owes the portal its changes, and how it nudges the sync after a write that did (the queue
     * message: the fast path; the deadline watch's sweep re-queues what is still owed if the message is lost).
     */
    public record Hook(boolean on, Consumer<DossierCode> nudge) {
        public static final Hook OFF = new Hook(false, code -> { });

        public static Hook on(Consumer<DossierCode> nudge) { return new Hook(true, nudge); }

        /** {@code change} plus what going from {@code before} (null: a new dossier) to {@code after} owes the portal. */
        public OutboxChange extend(Dossier before, Dossier after, OutboxChange change) {
            if (!on) return change;
            var owed = owedBy(before, after);
            if (owed.isEmpty()) return change;
            var all = new ArrayList<>(change.owe());
            all.addAll(owed);
            return new OutboxChange(all, change.settle());
        }

        /** Sends the nudge when {@code change} owed the portal something; a failure is logged, never thrown (the sweep covers it). */
        public void after(DossierCode code, OutboxChange change) {
            if (!on || change.owe().stream().noneMatch(w -> w.kind().equals(KIND))) return;
            try {
                nudge.accept(code);
            } catch (RuntimeException e) {
                vn.motcua.edge.Log.warn("portal.nudge.failed").with("dossier", code.value()).with("error", e.getClass().getSimpleName()).write();
            }
        }
    }

    /** Whether the portal must know this history entry. */
    public static boolean counts(HistoryEntry entry) {
        return entry.kind() == EventKind.RECEIVED || entry.kind() == EventKind.FEE_PAID || entry.kind() == EventKind.DELAYED
                || entry.from().map(from -> from != entry.to()).orElse(true);
    }

    /** How many changes of the dossier the portal must know (its last sequence number, a rating aside). */
    public static int count(Dossier dossier) {
        return (int) dossier.history().stream().filter(PortalOwes::counts).count();
    }

    /** The entries owed for the changes in {@code after}'s history beyond {@code before}'s (null: all of them). */
    public static List<OwedWork> owedBy(Dossier before, Dossier after) {
        int known = before == null ? 0 : before.history().size();
        var owed = new ArrayList<OwedWork>();
        int seq = 0;
        var history = after.history();
        for (int i = 0; i < history.size(); i++) {
            var entry = history.get(i);
            if (!counts(entry)) continue;
            seq++;
            if (i >= known) owed.add(work(change(after, entry, seq)));
        }
        return owed;
    }

    /** Every change of the dossier, numbered as {@link #owedBy} numbers them: what the ledger expects the portal to hold. */
    public static List<PortalChange> changes(Dossier dossier) {
        var all = new ArrayList<PortalChange>();
        int seq = 0;
        for (var entry : dossier.history()) if (counts(entry)) all.add(change(dossier, entry, ++seq));
        return all;
    }

    /** What a citizen's rating of the (returned) dossier owes: the number after its last change. */
    public static OwedWork rating(Dossier dossier, Rating rating) {
        var change = new PortalChange(dossier.code(), dossier.procedureCode(), count(dossier) + 1, dossier.state().portalNumber(), RATED,
                rating.at(), dossier.receivedAt(), dossier.channel().name(), dossier.appointment().map(a -> a.current()),
                dossier.fee().map(f -> f.amountVnd()), dossier.fee().map(f -> f.paid()).orElse(false), result(dossier), Optional.of(rating.score()));
        return work(change);
    }

    static OwedWork work(PortalChange change) {
        return OwedWork.of(KIND, change.id(), change.toJson(), change.changedAt());
    }

    private static PortalChange change(Dossier dossier, HistoryEntry entry, int seq) {
        return new PortalChange(dossier.code(), dossier.procedureCode(), seq, entry.to().portalNumber(), entry.kind().name(), entry.at(),
                dossier.receivedAt(), dossier.channel().name(), dossier.appointment().map(a -> a.current()),
                dossier.fee().map(f -> f.amountVnd()), dossier.fee().map(f -> f.paid()).orElse(false), result(dossier), Optional.empty());
    }

    private static Optional<String> result(Dossier dossier) {
        return dossier.outcome().map(o -> o instanceof Outcome.Refused ? "REFUSED" : "APPROVED");
    }
}
