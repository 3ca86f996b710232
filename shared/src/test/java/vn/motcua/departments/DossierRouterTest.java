package vn.motcua.departments;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.store.UnknownDossierException;
import vn.motcua.wiring.Rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing on in-memory ports: the transfer once per job, the dispatch to the agency's own queue every time. */
class DossierRouterTest {

    private final Rehearsal world = Rehearsal.create();
    private final DossierRouter router = world.wiring().router();

    @Test
    void a_received_dossier_is_transferred_once_and_dispatched_on_every_delivery_of_its_job() {
        var d = world.received();
        var job = new RoutingJob("route-" + d.code().value() + "-received", d.code(), RoutingJob.Reason.RECEIVED, Rehearsal.NOW);

        var first = router.route(job, Rehearsal.NOW);
        var again = router.route(job, Rehearsal.NOW);

        assertThat(first.outcome()).isEqualTo(DossierRouter.Outcome.ROUTED);
        assertThat(again.outcome()).isEqualTo(DossierRouter.Outcome.REPEATED);
        var stored = world.ports().dossiers().find(d.code()).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.TRANSFERRED);
        assertThat(stored.processControlSlip()).hasSize(1);
        assertThat(world.ports().dispatched()).hasSize(2).allSatisfy(dispatch -> {
            assertThat(dispatch.dispatchId()).isEqualTo("dispatch-" + job.jobId());
            assertThat(dispatch.agencyId()).isEqualTo(Rehearsal.AGENCY);
            assertThat(dispatch.reason()).isEqualTo(DepartmentDispatch.Reason.NEW);
        });
    }

    @Test
    void a_resubmission_dispatches_the_documents_added_since_form_02_without_a_second_transfer() {
        var d = world.supplementRequested();
        world.registered(d, "Đơn đề nghị.pdf"); // on 5 March, before form 02
        String added = world.uploaded(d, "Phiếu khám sức khỏe mới.pdf");
        var document = new DossierDocument("Phiếu khám sức khỏe mới.pdf", added, 2_048, "sha256:" + "cd".repeat(32), Rehearsal.CLERK,
                Rehearsal.NOW.minusSeconds(600));
        d = world.then(d, new DossierEvent.DocumentAttached("s3-new", Rehearsal.CLERK, document.addedAt(), document),
                new DossierEvent.SupplementReceived("desk-supplement", Rehearsal.CLERK, Rehearsal.NOW, d.appointment().orElseThrow().current()));
        var job = new RoutingJob("route-" + d.code().value() + "-resubmitted-1", d.code(), RoutingJob.Reason.RESUBMITTED, Rehearsal.NOW);

        var result = router.route(job, Rehearsal.NOW);

        assertThat(result.outcome()).isEqualTo(DossierRouter.Outcome.ROUTED);
        assertThat(world.ports().dispatched()).singleElement().satisfies(dispatch -> {
            assertThat(dispatch.reason()).isEqualTo(DepartmentDispatch.Reason.RESUBMITTED);
            assertThat(dispatch.supplementDocumentKeys()).containsExactly(added);
        });
        assertThat(world.ports().dossiers().find(d.code()).orElseThrow().processControlSlip()).hasSize(1);
    }

    @Test
    void a_withdrawn_dossier_is_skipped_and_an_unknown_one_is_retried() {
        var d = world.received();
        world.then(d, new DossierEvent.WithdrawalRequested("w", Rehearsal.CLERK, Rehearsal.NOW, "Không còn nhu cầu"));
        var job = new RoutingJob("route-" + d.code().value() + "-received", d.code(), RoutingJob.Reason.RECEIVED, Rehearsal.NOW);

        assertThat(router.route(job, Rehearsal.NOW).outcome()).isEqualTo(DossierRouter.Outcome.SKIPPED);
        assertThat(world.ports().dispatched()).isEmpty();
        var unknown = new RoutingJob("route-x", new vn.motcua.domain.dossier.DossierCode(d.code().value().replaceAll("\\d{4}$", "0999")),
                RoutingJob.Reason.RECEIVED, Rehearsal.NOW);
        assertThatThrownBy(() -> router.route(unknown, Rehearsal.NOW)).isInstanceOf(UnknownDossierException.class);
    }

    @Test
    void a_withdrawal_goes_to_the_department_that_holds_the_dossier_and_one_no_department_holds_stops_at_once() {
        var held = world.inProcess();
        world.then(held, new DossierEvent.WithdrawalRequested("w1", Rehearsal.CLERK, Rehearsal.NOW, "Không còn nhu cầu"));
        var job = new RoutingJob("route-" + held.code().value() + "-withdrawn", held.code(), RoutingJob.Reason.WITHDRAWN, Rehearsal.NOW);

        assertThat(router.route(job, Rehearsal.NOW).outcome()).isEqualTo(DossierRouter.Outcome.ROUTED);
        assertThat(world.ports().dispatched()).singleElement().satisfies(dispatch -> {
            assertThat(dispatch.reason()).isEqualTo(DepartmentDispatch.Reason.WITHDRAWN);
            assertThat(dispatch.dispatchId()).isEqualTo("dispatch-" + job.jobId());
        });
        assertThat(world.ports().dossiers().find(held.code()).orElseThrow().state()).isEqualTo(DossierState.WITHDRAWAL_REQUESTED);

        var fresh = world.received();
        world.then(fresh, new DossierEvent.WithdrawalRequested("w2", Rehearsal.CLERK, Rehearsal.NOW, "Nộp nhầm thủ tục"));
        var now = new RoutingJob("route-" + fresh.code().value() + "-withdrawn", fresh.code(), RoutingJob.Reason.WITHDRAWN, Rehearsal.NOW);
        assertThat(router.route(now, Rehearsal.NOW).outcome()).isEqualTo(DossierRouter.Outcome.ROUTED);
        assertThat(router.route(now, Rehearsal.NOW).outcome()).as("a duplicate job").isIn(DossierRouter.Outcome.REPEATED, DossierRouter.Outcome.SKIPPED);
        var stopped = world.ports().dossiers().find(fresh.code()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(DossierState.STOPPED);
        assertThat(stopped.state().portalNumber()).isEqualTo(8);
        assertThat(world.ports().dispatched()).hasSize(1);
        assertThat(world.ports().notified()).anySatisfy(n -> {
            assertThat(n.dossierCode()).isEqualTo(fresh.code());
            assertThat(n.eventKind()).isEqualTo(vn.motcua.contracts.NotificationJob.Kind.STOPPED);
        });
    }

    /** Issues 16 and 17 together: a withdrawal's routing job is owed in the request's own write and settled by the router. */
    @Test
    void a_withdrawal_owes_its_routing_job_until_the_router_turns_it_into_an_owed_withdrawal_dispatch() throws Exception {
        var held = world.inProcess();
        var actions = world.wiring().deskActions();
        actions.act("quay01", held.code(), "withdrawal", () -> vn.motcua.edge.Json.parse("{\"reason\":\"Không còn nhu cầu\"}"),
                java.util.Optional.of("k-w"), "r-1");
        String routeKey = vn.motcua.outbox.OwedWork.key(vn.motcua.outbox.OwedWork.ROUTE, "route-" + held.code().value() + "-withdrawn");
        assertThat(world.ports().dossiers().owed(held.code())).extracting(vn.motcua.outbox.OwedWork::key).contains(routeKey);

        var job = new RoutingJob("route-" + held.code().value() + "-withdrawn", held.code(), RoutingJob.Reason.WITHDRAWN, Rehearsal.NOW);
        assertThat(router.route(job, Rehearsal.NOW).outcome()).isEqualTo(DossierRouter.Outcome.ROUTED);

        assertThat(world.ports().dossiers().owed(held.code())).extracting(vn.motcua.outbox.OwedWork::key)
                .doesNotContain(routeKey)
                .contains(vn.motcua.outbox.OwedWork.key(vn.motcua.outbox.OwedWork.DISPATCH, "dispatch-" + job.jobId()));
    }
}
