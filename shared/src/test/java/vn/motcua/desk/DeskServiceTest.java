package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Intake on in-memory ports: receive, guide, refuse, and what an Idempotency-Key does to a retry. */
class DeskServiceTest {

    private static final DeskService.Clerk CLERK = new DeskService.Clerk("quay01", "Quầy 01");

    private final Rehearsal world = Rehearsal.create();
    private final DeskService desk = world.wiring().deskService();

    /** The sample intake of events/intake-post.json: a complete X-ray declaration (one document), result by post. */
    static ObjectNode intake() throws IOException {
        return (ObjectNode) Json.tree("{\"applicant\": {\"name\": \"Nguyễn Thị Thu Hà\", \"idNumber\": \"051190001234\", \"phone\": \"0905 123 456\","
                + " \"email\": \"thuha@example.vn\", \"address\": \"Số 12 Hùng Vương, TP Quảng Ngãi\"}, \"procedureCode\": \"2.002131\","
                + " \"documents\": [{\"index\": 0, \"form\": \"original\", \"count\": 1}], \"sets\": 1,"
                + " \"resultReturn\": {\"method\": \"at_desk\"}, \"channel\": \"in_person\"}");
    }

    @Test
    void a_complete_dossier_is_received_stored_routed_and_its_notice_queued() throws Exception {
        var received = (DeskService.Received) desk.receive(CLERK, intake(), Optional.empty(), "r-1");

        var code = new DossierCode(received.receipt().code());
        assertThat(received.routing()).isEqualTo(DeskService.Routing.QUEUED);
        assertThat(received.replayed()).isFalse();
        var stored = world.ports().dossiers().find(code).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.RECEIVED);
        assertThat(stored.receivedAt()).isEqualTo(Rehearsal.NOW);
        assertThat(stored.appointment()).isPresent();
        assertThat(world.ports().routed()).extracting(RoutingJob::jobId).containsExactly("route-" + code.value() + "-received");
        assertThat(world.ports().notified()).extracting(NotificationJob::eventKind).containsExactly(NotificationJob.Kind.RECEIVED);
        // the day's counter of the agency numbers it: the first of 12 March 2020
        assertThat(code.value()).endsWith("-200312-0001");
    }

    @Test
    void the_same_key_and_body_is_answered_with_the_same_receipt_and_another_body_is_refused() throws Exception {
        var first = (DeskService.Received) desk.receive(CLERK, intake(), Optional.of("key-1"), "r-1");
        var again = (DeskService.Received) desk.receive(CLERK, intake(), Optional.of("key-1"), "r-2");

        assertThat(again.replayed()).isTrue();
        assertThat(again.receipt().code()).isEqualTo(first.receipt().code());
        assertThat(again.receipt().toJson().path("lookupSecret")).isEqualTo(first.receipt().toJson().path("lookupSecret"));
        var other = intake();
        ((ObjectNode) other.get("applicant")).put("name", "Trần Văn Bình");
        assertThatThrownBy(() -> desk.receive(CLERK, other, Optional.of("key-1"), "r-3"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(world.ports().dossiers().receivedBetween(LocalDate.of(2020, 3, 12), LocalDate.of(2020, 3, 12), Optional.empty(), 10)
                .items()).hasSize(1);
    }

    @Test
    void a_routing_queue_that_fails_keeps_the_dossier_and_says_pending() throws Exception {
        var ports = world.ports();
        var failing = new DeskService(ports.dossiers(), ports.codeCounters(), ports.reference(),
                job -> { throw new IllegalStateException("queue down"); }, ports.notificationQueue(), Desk.QUANG_NGAI_POST, ports.clock());

        var received = (DeskService.Received) failing.receive(CLERK, intake(), Optional.empty(), "r-1");

        assertThat(received.routing()).isEqualTo(DeskService.Routing.PENDING);
        assertThat(ports.dossiers().find(new DossierCode(received.receipt().code()))).isPresent();
    }

    @Test
    void an_incomplete_dossier_is_guided_recorded_for_statistics_and_not_stored() throws Exception {
        var body = intake();
        body.putArray("documents");

        var incomplete = (DeskService.Incomplete) desk.receive(CLERK, body, Optional.empty(), "r-1");

        assertThat(incomplete.missing()).isNotEmpty();
        assertThat(incomplete.guidance().path("form").asText()).isEqualTo("02");
        var refusals = world.ports().dossiers().deskRefusalsBetween(LocalDate.of(2020, 3, 12), LocalDate.of(2020, 3, 12), Optional.empty(), 10);
        assertThat(refusals.items()).singleElement().satisfies(r -> assertThat(r.applicant().email()).isEmpty());
        assertThat(world.ports().routed()).isEmpty();
    }

    @Test
    void a_refusal_is_recorded_once_per_key_with_its_slip() throws Exception {
        JsonNode body = Json.tree("{\"applicant\": {\"name\": \"Trần Văn Bình\", \"idNumber\": \"051085004321\", \"phone\": \"0255 3822 123\","
                + " \"address\": \"Thôn An Phú, TP Quảng Ngãi\"}, \"procedureCode\": \"2.002131\", \"reasons\": [\"Không thuộc thẩm quyền.\"]}");

        var first = desk.refuse(CLERK, body, Optional.of("refusal-1"), "r-1");
        var again = desk.refuse(CLERK, body, Optional.of("refusal-1"), "r-2");

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.refusalId()).isEqualTo(first.refusalId());
        assertThat(first.slip().path("form").asText()).isEqualTo("03");
        assertThat(first.slip().path("reasons").get(0).asText()).isEqualTo("Không thuộc thẩm quyền.");
    }

    @Test
    void a_key_that_is_not_visible_ascii_is_a_400_naming_it() {
        assertThatThrownBy(() -> desk.receive(CLERK, intake(), Optional.of("bad key"), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
                    assertThat(e.fields()).extracting(BadInput.FieldError::field).containsExactly("Idempotency-Key");
                });
    }
}
