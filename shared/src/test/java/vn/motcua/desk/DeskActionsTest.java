package vn.motcua.desk;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desk's actions on in-memory ports, "now" Thursday 12 March 2020, 10:00. */
class DeskActionsTest {

    private static final String CLERK = "quay01";

    private final Rehearsal world = Rehearsal.create();
    private final DeskActions actions = world.wiring().deskActions();

    private static DeskActions.Body body(String json) {
        return () -> Json.parse(json);
    }

    private static final DeskActions.Body NONE = () -> { throw new AssertionError("this action reads no body"); };

    @Test
    void a_result_handed_to_the_post_is_stored_and_its_notice_queued_once_per_key() throws Exception {
        var d = world.resultReadyByPost();
        var post = body("{\"method\":\"by_post\",\"trackingNumber\":\"EB123456789VN\"}");

        var done = actions.act(CLERK, d.code(), "returned", post, Optional.of("k-1"), "r-1");
        var again = actions.act(CLERK, d.code(), "returned", post, Optional.of("k-1"), "r-2");

        assertThat(done.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(done.routing()).isEmpty();
        assertThat(done.dossier().path("state").path("code").asText()).isEqualTo("RETURNED");
        assertThat(world.ports().dossiers().find(d.code()).orElseThrow().state()).isEqualTo(DossierState.RETURNED);
        // the replay queues the same job again: the notifier sends once per event id
        assertThat(world.ports().notified()).extracting(NotificationJob::eventId).containsOnly("desk:" + d.code().value() + ":returned:k-1");
    }

    @Test
    void the_supplement_resumes_the_due_date_and_sends_the_dossier_back_to_its_department() throws Exception {
        var d = world.supplementRequested();
        var dueBefore = d.appointment().orElseThrow().current();

        var done = actions.act(CLERK, d.code(), "supplement-received", NONE, Optional.of("k-s"), "r-1");

        assertThat(done.routing()).contains("queued");
        var stored = world.ports().dossiers().find(d.code()).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.IN_PROCESS);
        // paused from Friday 6 to Thursday 12 March: four working days more
        assertThat(stored.appointment().orElseThrow().current()).isAfter(dueBefore);
        assertThat(world.ports().routed()).extracting(RoutingJob::reason).containsExactly(RoutingJob.Reason.RESUBMITTED);
    }

    @Test
    void a_routing_queue_that_fails_keeps_the_change_and_says_pending() throws Exception {
        var ports = world.ports();
        var failing = new DeskActions(ports.dossiers(), ports.reference(), job -> { throw new IllegalStateException("down"); },
                ports.notificationQueue(), ports.clock());
        var d = world.supplementRequested();

        var done = failing.act(CLERK, d.code(), "supplement-received", NONE, Optional.empty(), "r-1");

        assertThat(done.routing()).contains("pending");
        assertThat(ports.dossiers().find(d.code()).orElseThrow().state()).isEqualTo(DossierState.IN_PROCESS);
    }

    @Test
    void a_move_the_lifecycle_refuses_is_a_409_with_its_code_and_nothing_changes() throws Exception {
        var d = world.inProcess();

        assertThatThrownBy(() -> actions.act(CLERK, d.code(), "delivered", body("{\"deliveredOn\":\"2020-03-12\"}"), Optional.empty(), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(world.ports().dossiers().find(d.code()).orElseThrow().version()).isEqualTo(d.version());
        assertThat(world.ports().notified()).isEmpty();
    }

    @Test
    void an_unknown_dossier_an_unknown_action_and_bad_fields_are_refused_with_their_codes() throws Exception {
        var d = world.resultReadyByPost();
        var unknown = DossierCode.of(world.ports().reference().get().catalog().agency(Rehearsal.AGENCY).orElseThrow().electronicId(),
                LocalDate.of(2020, 3, 1), 99);

        assertThatThrownBy(() -> actions.act(CLERK, unknown, "fee-paid", NONE, Optional.empty(), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("DOSSIER_NOT_FOUND"));
        assertThatThrownBy(() -> actions.act(CLERK, d.code(), "archive", NONE, Optional.empty(), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo(BadInput.NO_SUCH_ROUTE));
        assertThatThrownBy(() -> actions.act(CLERK, d.code(), "returned", body("{\"method\":\"by_post\",\"trackingNumber\":\"EB 1\"}"),
                Optional.empty(), "r-1")).isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_TRACKING_NUMBER"));
        assertThatThrownBy(() -> actions.act(CLERK, d.code(), "withdrawal", body("{\"reason\":\" \"}"), Optional.empty(), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("REASON_REQUIRED"));
        assertThatThrownBy(() -> actions.act(CLERK, d.code(), "fee-paid", NONE, Optional.of("x".repeat(201)), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY"));
    }
}
