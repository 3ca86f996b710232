package vn.motcua.deadlines;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.notices.Email;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.TestClock;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline watch on in-memory ports. The world's dossiers are received on Wednesday 4 March 2020 for a
 * procedure of 10 working days: due Wednesday 18 March.
 */
class DeadlineWatchTest {

    private final TestClock clock = new TestClock(Rehearsal.NOW);
    private final Rehearsal world = Rehearsal.create(clock);
    private final DeadlineWatch watch = world.wiring().deadlineWatch();

    private void at(int day, int hour) {
        clock.set(LocalDateTime.of(2020, 3, day, hour, 0).atZone(Dossier.ZONE).toInstant());
    }

    @Test
    void the_sweep_queues_a_dossier_still_received_again_with_intakes_job_id_and_its_receipt_notice() {
        var stuck = world.received();
        world.inProcess();

        var report = watch.sweep();

        assertThat(report.routingRequeued()).isEqualTo(1);
        assertThat(report.noticesRequeued()).isEqualTo(1);
        assertThat(world.ports().routed()).singleElement().satisfies(job -> {
            assertThat(job.jobId()).isEqualTo("route-" + stuck.code().value() + "-received");
            assertThat(job.reason()).isEqualTo(RoutingJob.Reason.SWEEP);
        });
        assertThat(world.ports().notified()).extracting(NotificationJob::eventKind).containsExactly(NotificationJob.Kind.RECEIVED);
    }

    @Test
    void past_their_date_dossiers_are_flagged_once_and_the_office_hears_of_those_without_an_apology() {
        var late = world.inProcess();
        var due = late.appointment().orElseThrow().current();
        clock.set(due.plusDays(2).atTime(8, 0).atZone(Dossier.ZONE).toInstant());

        var first = watch.markOverdue();
        var again = watch.markOverdue();

        assertThat(first.flagged()).isEqualTo(1);
        assertThat(first.alertSent()).isTrue();
        assertThat(again.flagged()).isZero();
        assertThat(again.alertSent()).as("once per day").isFalse();
        assertThat(world.ports().dossiers().find(late.code()).orElseThrow().overdue()).isTrue();
        assertThat(world.ports().mailed()).extracting(Email::to).containsExactly("van-phong@motcua.invalid");
        assertThat(world.ports().notified()).extracting(NotificationJob::eventKind).containsExactly(NotificationJob.Kind.OVERDUE);
    }

    @Test
    void departments_are_reminded_of_dossiers_due_soon_and_the_desk_gets_its_digest_on_working_days_only() {
        world.inProcess();
        world.resultReadyByPost();
        at(16, 7); // Monday: the due date, 18 March, is within two working days

        assertThat(watch.remind()).isEqualTo(1);
        var digest = watch.digest();

        assertThat(digest.sent()).isTrue();
        assertThat(world.ports().mailed()).extracting(Email::to).containsExactly("so-khoa-hoc-cong-nghe@motcua.invalid", "quay@motcua.invalid");
        at(21, 7); // a Saturday
        assertThat(watch.remind()).isZero();
        assertThat(watch.digest().sent()).isFalse();
    }

    @Test
    void a_withdrawal_left_unacknowledged_for_the_catalogs_working_days_stops_the_dossier_once() {
        // requested on Thursday 5 March; 3 working days (the seed's period): Friday 6, Monday 9, Tuesday 10
        var d = world.then(world.inProcess(), new vn.motcua.domain.dossier.DossierEvent.WithdrawalRequested("w",
                Rehearsal.CLERK, java.time.LocalDateTime.of(2020, 3, 5, 9, 0).atZone(vn.motcua.domain.dossier.Dossier.ZONE).toInstant(),
                "Không còn nhu cầu"));
        at(9, 7);
        assertThat(watch.stopUnacknowledgedWithdrawals()).isZero();
        assertThat(world.ports().dossiers().find(d.code()).orElseThrow().state()).isEqualTo(vn.motcua.domain.dossier.DossierState.WITHDRAWAL_REQUESTED);

        at(10, 7);
        assertThat(watch.stopUnacknowledgedWithdrawals()).isEqualTo(1);
        assertThat(watch.stopUnacknowledgedWithdrawals()).isZero();
        var stopped = world.ports().dossiers().find(d.code()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(vn.motcua.domain.dossier.DossierState.STOPPED);
        assertThat(stopped.history()).last().satisfies(h -> {
            assertThat(h.actor()).isEqualTo(DeadlineWatch.WATCH);
            assertThat(h.reason().orElseThrow()).contains("3 ngày làm việc");
        });
        assertThat(world.ports().notified()).extracting(vn.motcua.contracts.NotificationJob::eventKind)
                .contains(vn.motcua.contracts.NotificationJob.Kind.STOPPED);
    }
}
