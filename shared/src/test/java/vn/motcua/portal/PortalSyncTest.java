package vn.motcua.portal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.TestClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The national portal's sync on in-memory ports: every change owes the portal its numbered record in the change's own
 * write, the sync sends them lowest first whatever message woke it, the portal down keeps them owed, a refusal is
 * recorded for the office, and the ledger tells what was acknowledged when.
 */
class PortalSyncTest {

    private final TestClock clock = new TestClock(Rehearsal.NOW);
    private final Rehearsal world = Rehearsal.create(clock);
    private final ScriptedPortal portal = new ScriptedPortal();

    /** A portal that is up, down, or refuses, and keeps what it took in the order it came. */
    static final class ScriptedPortal implements NationalPortal {
        volatile String mode = "ok";
        final List<PortalRecord> took = new ArrayList<>();

        @Override
        public synchronized Answer send(PortalRecord record) throws Unavailable {
            return switch (mode) {
                case "down" -> throw new Unavailable("503", null);
                case "reject" -> new Answer.Rejected("422 mã thủ tục chưa công bố");
                default -> {
                    took.add(record);
                    yield new Answer.Accepted("{\"KetQua\":\"OK\"}");
                }
            };
        }

        @Override
        public synchronized List<Held> holdings(DossierCode code) {
            return took.stream().filter(r -> r.dossierCode().equals(code.value())).map(r -> new Held(r.seq(), r.status())).toList();
        }

        synchronized List<String> sent(Dossier d) {
            return took.stream().filter(r -> r.dossierCode().equals(d.code().value())).map(r -> r.seq() + ":" + r.status()).toList();
        }
    }

    @BeforeEach
    void owe() { world.ports().dossiers().owingThePortal(); }

    private PortalSync sync() {
        return new PortalSync(world.ports().dossiers(), world.ports().portalAcks(), world.ports().ratings(), portal, code -> true, clock,
                Duration.ofSeconds(60));
    }

    private List<String> owed(Dossier d) {
        return PortalSync.owedToPortal(world.ports().dossiers().owed(d.code())).stream().map(w -> w.id()).toList();
    }

    @Test
    void every_change_owes_its_numbered_record_in_the_changes_own_write() throws Exception {
        var d = world.inProcess(); // received (2), transferred (4), accepted (4)

        assertThat(owed(d)).containsExactly("0001", "0002", "0003");
        var change = PortalChange.parse(PortalSync.owedToPortal(world.ports().dossiers().owed(d.code())).getFirst().payload());
        assertThat(change.status()).isEqualTo(2);
        assertThat(change.event()).isEqualTo("RECEIVED");
        assertThat(PortalOwes.changes(world.ports().dossiers().find(d.code()).orElseThrow())).extracting(PortalChange::status)
                .containsExactly(2, 4, 4);
    }

    @Test
    void the_portal_down_keeps_everything_owed_and_up_again_it_gets_each_change_once_in_order() throws Exception {
        var d = world.inProcess();
        portal.mode = "down";

        assertThatThrownBy(() -> sync().handle(d.code())).isInstanceOf(NationalPortal.Unavailable.class);
        assertThat(owed(d)).containsExactly("0001", "0002", "0003");
        assertThat(world.ports().portalAcks().of(d.code(), 5)).as("the failed claim was given back").isEmpty();

        portal.mode = "ok";
        clock.advance(Duration.ofMinutes(2));
        assertThat(sync().handle(d.code())).isEqualTo(3);
        assertThat(portal.sent(d)).containsExactly("1:2", "2:4", "3:4");
        assertThat(owed(d)).isEmpty();

        // a duplicate message, and one overtaken by later changes: nothing is sent again
        assertThat(sync().handle(d.code())).isZero();
        assertThat(portal.sent(d)).hasSize(3);

        var ledger = new SyncLedger(world.ports().dossiers(), world.ports().portalAcks()).forDossier(d.code());
        assertThat(ledger).extracting(SyncLedger.Entry::state).containsOnly(SyncLedger.State.ACKNOWLEDGED);
        assertThat(ledger).allSatisfy(e -> {
            assertThat(e.acknowledgedAt()).contains(Rehearsal.NOW.plus(Duration.ofMinutes(2)));
            // the rehearsal's changes are days old: acknowledged now is late for an hour's limit, on time for a month's
            assertThat(e.syncedWithin(Duration.ofDays(30))).isTrue();
            assertThat(e.syncedWithin(Duration.ofHours(1))).isFalse();
        });
    }

    @Test
    void an_answered_change_owed_again_by_the_sweep_or_a_retry_is_settled_without_sending() throws Exception {
        var d = world.received();
        sync().handle(d.code());
        var again = PortalOwes.owedBy(null, world.ports().dossiers().find(d.code()).orElseThrow());
        world.ports().dossiers().settle(d.code(), OutboxChange.owing(again));
        assertThat(owed(d)).containsExactly("0001");

        assertThat(sync().handle(d.code())).isZero();
        assertThat(owed(d)).isEmpty();
        assertThat(portal.sent(d)).containsExactly("1:2");
    }

    @Test
    void a_change_another_sender_is_sending_is_left_to_it_until_its_lease_runs_out() throws Exception {
        var d = world.received();
        var first = PortalChange.parse(PortalSync.owedToPortal(world.ports().dossiers().owed(d.code())).getFirst().payload());
        assertThat(world.ports().portalAcks().claim(first, clock.instant(), Duration.ofSeconds(60))).isInstanceOf(PortalAcks.Claim.Claimed.class);

        assertThatThrownBy(() -> sync().handle(d.code())).isInstanceOf(PortalSync.Busy.class);
        assertThat(portal.sent(d)).isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(sync().handle(d.code())).isEqualTo(1);
    }

    @Test
    void a_refusal_is_recorded_for_the_office_and_the_later_changes_still_go() throws Exception {
        var d = world.received();
        portal.mode = "reject";
        sync().handle(d.code());
        portal.mode = "ok";
        world.then(world.ports().dossiers().find(d.code()).orElseThrow(), new vn.motcua.domain.dossier.DossierEvent.Transferred(
                "router:route-" + d.code().value(), vn.motcua.domain.dossier.Actor.system("router"), clock.instant(), d.agencyId()));
        sync().handle(d.code());

        var ledger = new SyncLedger(world.ports().dossiers(), world.ports().portalAcks()).forDossier(d.code());
        assertThat(ledger).extracting(SyncLedger.Entry::state).containsExactly(SyncLedger.State.REJECTED, SyncLedger.State.ACKNOWLEDGED);
        assertThat(ledger.getFirst().answer()).contains("422");
        assertThat(portal.sent(d)).containsExactly("2:4");
    }

    @Test
    void a_rating_given_on_the_status_page_nudges_the_sync_which_owes_and_sends_its_record_once() throws Exception {
        var d = world.returned();
        sync().handle(d.code());
        int changes = portal.sent(d).size();
        var rating = world.wiring().citizenRating();
        var body = vn.motcua.edge.Json.object().put("score", 4);
        // the lookup writes the rating only, and nudges the sync (in memory: nothing listens, the test runs the sync)
        new vn.motcua.desk.CitizenRating(world.ports().dossiers(), world.ports().ratings(), clock, code -> { })
                .rate(d.code().value(), Rehearsal.LOOKUP_SECRET, body, "r-1");
        assertThat(owed(d)).as("the lookup writes no dossier").isEmpty();

        assertThat(sync().handle(d.code())).isEqualTo(1);
        assertThat(portal.took.getLast().rating()).isEqualTo(4);
        assertThat(portal.took.getLast().seq()).isEqualTo(changes + 1);
        assertThat(sync().handle(d.code())).as("answered: never owed again").isZero();
        assertThat(rating).isNotNull();
    }

    @Test
    void the_sweep_queues_again_what_is_still_owed_to_the_portal() throws Exception {
        var d = world.received();
        clock.advance(Duration.ofMinutes(6));
        var report = world.wiring().deadlineWatch().sweep();

        assertThat(report.owedRequeued()).isGreaterThanOrEqualTo(1);
        assertThat(world.ports().portalQueued()).anySatisfy(body -> assertThat(PortalChange.codeOf(body)).isEqualTo(d.code()));
        sync().handle(PortalChange.codeOf(world.ports().portalQueued().getLast()));
        assertThat(owed(d)).isEmpty();
    }

    @Test
    void a_rating_owes_the_number_after_the_last_change() throws Exception {
        var d = world.returned();
        var rating = new Rating(d.code(), d.agencyId(), 5, Optional.empty(), clock.instant());
        var work = PortalOwes.rating(world.ports().dossiers().find(d.code()).orElseThrow(), rating);
        var change = PortalChange.parse(work.payload());

        assertThat(change.seq()).isEqualTo(PortalOwes.count(world.ports().dossiers().find(d.code()).orElseThrow()) + 1);
        assertThat(change.rating()).contains(5);
        assertThat(change.status()).isEqualTo(10);
    }

    @Test
    void the_record_carries_the_codes_status_and_vietnam_times() throws Exception {
        var d = world.received();
        sync().handle(d.code());
        var record = portal.took.getFirst();
        assertThat(record.dossierCode()).isEqualTo(d.code().value());
        assertThat(record.agencyCode()).isEqualTo(d.code().value().substring(0, d.code().value().indexOf('-')));
        assertThat(record.procedureCode()).isEqualTo(Rehearsal.PROCEDURE);
        assertThat(record.changedAt()).isEqualTo("20200304090000"); // received 4 March 2020 at 9:00 in Vietnam
        assertThat(record.toJson()).contains("\"MaHoSo\":\"" + d.code().value() + "\"", "\"TrangThaiHoSo\":2", "\"KenhThucHien\":1");
    }

    @Test
    void a_rating_whose_nudge_was_lost_is_found_by_the_reconciliation_listed_after_the_grace_and_sent_once_nudged() throws Exception {
        var d = world.returned();
        sync().handle(d.code());
        int changes = portal.sent(d).size();
        // the lookup stored the rating and crashed before its nudge
        new vn.motcua.desk.CitizenRating(world.ports().dossiers(), world.ports().ratings(), clock, code -> { throw new IllegalStateException("lost"); })
                .rate(d.code().value(), Rehearsal.LOOKUP_SECRET, vn.motcua.edge.Json.object().put("score", 3), "r-2");
        var reconciliation = new PortalReconciliation(world.ports().dossiers(), new SyncLedger(world.ports().dossiers(), world.ports().portalAcks()),
                world.ports().ratings(), portal, () -> Rehearsal.referenceData().catalog(), clock, Duration.ofHours(1));
        var day = vn.motcua.domain.dossier.Dossier.localDate(d.receivedAt());

        var fresh = reconciliation.run(day, day);
        assertThat(fresh.ratingsNotOwed()).as("to nudge at once").containsExactly(d.code());
        assertThat(fresh.mismatches()).as("within its grace: not the office's concern yet").isEmpty();
        clock.advance(Duration.ofHours(2));
        var late = reconciliation.run(day, day);
        assertThat(late.mismatches()).extracting(m -> m.seq() + ":" + m.problem()).containsExactly((changes + 1) + ":RATING_NOT_OWED");

        // the daily run's nudge: the sync owes the rating's record and sends it; then nothing is left to find
        assertThat(sync().handle(d.code())).isEqualTo(1);
        assertThat(portal.took.getLast().rating()).isEqualTo(3);
        var after = reconciliation.run(day, day);
        assertThat(after.ratingsNotOwed()).isEmpty();
        assertThat(after.mismatches()).isEmpty();
    }

    @Test
    void the_reconciliation_lists_what_the_office_must_look_at_and_nothing_when_all_is_held() throws Exception {
        var good = world.inProcess();
        var refused = world.received();
        var unsynced = world.received();
        sync().handle(good.code());
        portal.mode = "reject";
        sync().handle(refused.code());
        portal.mode = "ok";
        var reconciliation = new PortalReconciliation(world.ports().dossiers(), new SyncLedger(world.ports().dossiers(), world.ports().portalAcks()),
                world.ports().ratings(), portal, () -> Rehearsal.referenceData().catalog(), clock, Duration.ofHours(1));
        var day = vn.motcua.domain.dossier.Dossier.localDate(good.receivedAt());

        var report = reconciliation.run(day, day);
        assertThat(report.dossiers()).isEqualTo(3);
        assertThat(report.mismatches()).extracting(m -> m.code().value() + ":" + m.seq() + ":" + m.problem()).containsExactlyInAnyOrder(
                refused.code().value() + ":1:REFUSED", unsynced.code().value() + ":1:NOT_SYNCED");

        // the portal loses a record it had acknowledged
        portal.took.removeIf(r -> r.dossierCode().equals(good.code().value()) && r.seq() == 2);
        assertThat(reconciliation.run(day, day).mismatches()).extracting(m -> m.seq() + ":" + m.problem())
                .contains("2:MISSING_AT_PORTAL");

        sync().handle(unsynced.code());
        var clean = new PortalReconciliation(world.ports().dossiers(), new SyncLedger(world.ports().dossiers(), world.ports().portalAcks()),
                world.ports().ratings(), portal, () -> Rehearsal.referenceData().catalog(), clock, Duration.ofHours(1));
        portal.took.add(PortalRecord.of(PortalChange.parse(PortalOwes.owedBy(null, good).get(1).payload()), true));
        assertThat(clean.run(day, day).mismatches()).extracting(m -> m.problem()).containsExactly(PortalReconciliation.Problem.REFUSED);
    }
}
