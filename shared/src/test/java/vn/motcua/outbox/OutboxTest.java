package vn.motcua.outbox;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.notices.Notifier;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.TestClock;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox on in-memory ports: what a change owes is written with the change, the consumers settle it, and the
 * sweep sends again what is still owed after the sweep age (5 minutes in the in-memory settings), waiting longer
 * with every attempt. Finding 2 of issue 16: a result's notice lost on its way was owed by nothing.
 */
class OutboxTest {

    private final TestClock clock = new TestClock(Rehearsal.NOW);
    private final Rehearsal world = Rehearsal.create(clock);
    private final Map<String, String> fromKhcn = Map.of(DepartmentUpdate.AGENCY_ATTRIBUTE, Rehearsal.AGENCY,
            UpdatesQueue.RECEIVED_AT_ATTRIBUTE, Rehearsal.NOW.toString());

    private String resultReady(Dossier d) {
        return "{\"messageId\":\"m-result\",\"dossierCode\":\"" + d.code().value() + "\",\"sentAt\":\"2020-03-12T10:00:00+07:00\","
                + "\"resultReady\":{\"outcome\":\"approved\",\"documents\":[]}}";
    }

    @Test
    void a_result_notice_lost_after_the_change_is_owed_until_sent_and_the_sweep_queues_it_again() {
        var d = world.inProcess();
        world.wiring().updateApplier().apply(resultReady(d), fromKhcn, "q-1", 1);
        // the notification queue lost the message (a crash, an emulator that forgot it): nobody runs the notifier on it
        var dossiers = world.ports().dossiers();
        assertThat(dossiers.owed(d.code())).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(OwedWork.NOTICE);
            assertThat(NotificationJob.parse(w.payload()).eventKind()).isEqualTo(NotificationJob.Kind.RESULT_READY);
        });
        var watch = world.wiring().deadlineWatch();

        assertThat(watch.sweep().noticesRequeued()).as("younger than the sweep age: still on its way").isZero();
        clock.advance(Duration.ofMinutes(6));
        var report = watch.sweep();

        assertThat(report.noticesRequeued()).isEqualTo(1);
        var requeued = world.ports().notified().getLast();
        assertThat(requeued.eventKind()).isEqualTo(NotificationJob.Kind.RESULT_READY);
        assertThat(world.wiring().notifier().handle(requeued)).isEqualTo(Notifier.Result.SENT);
        assertThat(dossiers.owed(d.code())).as("settled by the notifier").isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(watch.sweep().owedRequeued()).isZero();
        assertThat(world.ports().mailed()).hasSize(1);
    }

    @Test
    void the_sweep_waits_longer_with_every_attempt_and_a_copy_delivered_twice_sends_one_email() {
        var d = world.inProcess();
        world.wiring().updateApplier().apply(resultReady(d), fromKhcn, "q-1", 1);
        var watch = world.wiring().deadlineWatch();

        clock.advance(Duration.ofMinutes(6));
        assertThat(watch.sweep().owedRequeued()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(watch.sweep().owedRequeued()).as("the second wait is twice the age").isZero();
        clock.advance(Duration.ofMinutes(5));
        assertThat(watch.sweep().owedRequeued()).isEqualTo(1);
        assertThat(world.ports().dossiers().owed(d.code())).singleElement().satisfies(w -> assertThat(w.attempts()).isEqualTo(2));

        var notifier = world.wiring().notifier();
        var copies = world.ports().notified();
        assertThat(copies).hasSize(3); // the fast path's and the sweep's two: all the same event
        assertThat(copies.stream().map(notifier::handle)).containsExactly(Notifier.Result.SENT, Notifier.Result.DUPLICATE,
                Notifier.Result.DUPLICATE);
        assertThat(world.ports().mailed()).hasSize(1);
    }

    @Test
    void a_transfer_owes_its_dispatch_and_settles_its_routing_job_and_a_delivered_callback_settles_the_dispatch() {
        var d = world.received();
        var job = new RoutingJob("route-" + d.code().value() + "-received", d.code(), RoutingJob.Reason.RECEIVED, Rehearsal.NOW);
        var dossiers = world.ports().dossiers();
        dossiers.settle(d.code(), OutboxChange.owing(OwedWork.route(job))); // as intake's create owes it

        world.wiring().router().route(job, Rehearsal.NOW);

        assertThat(dossiers.owed(d.code())).extracting(OwedWork::kind).containsExactly(OwedWork.DISPATCH);
        var dispatch = world.ports().dispatched().getFirst();
        assertThat(dossiers.owed(d.code()).getFirst().id()).isEqualTo(dispatch.dispatchId());

        world.wiring().delivery().deliver(dispatch, Rehearsal.AGENCY, 1, Rehearsal.NOW);

        assertThat(dossiers.owed(d.code())).isEmpty();
        assertThat(world.ports().delivered()).hasSize(1);
    }

    @Test
    void an_owed_dispatch_lost_with_its_queue_is_queued_again_with_the_same_dispatch_id() {
        var d = world.received();
        var job = new RoutingJob("route-" + d.code().value() + "-received", d.code(), RoutingJob.Reason.RECEIVED, Rehearsal.NOW);
        world.wiring().router().route(job, Rehearsal.NOW);
        var first = world.ports().dispatched().getFirst();

        clock.advance(Duration.ofMinutes(6));
        var report = world.wiring().deadlineWatch().sweep();

        assertThat(report.owedRequeued()).isEqualTo(1);
        assertThat(world.ports().dispatched()).hasSize(2).allSatisfy(x -> assertThat(x.dispatchId()).isEqualTo(first.dispatchId()));
    }

    @Test
    void an_unknown_kind_stays_owed_and_settling_twice_changes_nothing() {
        var d = world.inProcess();
        var dossiers = world.ports().dossiers();
        dossiers.settle(d.code(), OutboxChange.owing(OwedWork.of("portal-sync", "p-1", "{}", Rehearsal.NOW)));
        clock.advance(Duration.ofMinutes(6));

        assertThat(world.wiring().deadlineWatch().sweep().owedRequeued()).isZero();
        assertThat(dossiers.owed(d.code())).extracting(OwedWork::key).containsExactly("portal-sync#p-1");
        assertThat(dossiers.settle(d.code(), OutboxChange.settling("portal-sync#p-1"))).isTrue();
        assertThat(dossiers.settle(d.code(), OutboxChange.settling("portal-sync#p-1"))).isFalse();
    }
}
