package vn.motcua.departments;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.DepartmentUpdate;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.DepartmentRejection;
import vn.motcua.wiring.Rehearsal;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Department updates applied on in-memory ports: once per event id, refusals recorded, an early one retried. */
class UpdateApplierTest {

    private final Rehearsal world = Rehearsal.create();
    private final UpdateApplier applier = world.wiring().updateApplier();
    private static final Map<String, String> FROM_KHCN = Map.of(DepartmentUpdate.AGENCY_ATTRIBUTE, Rehearsal.AGENCY,
            UpdatesQueue.RECEIVED_AT_ATTRIBUTE, "2020-03-05T03:00:00Z");

    private static String update(String messageId, Dossier d, String answer) {
        return "{\"messageId\":\"" + messageId + "\",\"dossierCode\":\"" + d.code().value() + "\",\"sentAt\":\"2020-03-05T10:00:00+07:00\"," + answer + "}";
    }

    @Test
    void an_update_is_applied_once_and_its_notice_queued() {
        var d = world.inProcess();
        String body = update("m-1", d, "\"supplementRequired\":{\"items\":[\"Bản sao\"],\"reason\":\"Mờ\"}");

        assertThat(applier.apply(body, FROM_KHCN, "q-1", 1)).isEqualTo(UpdateApplier.Result.APPLIED);
        assertThat(applier.apply(body, FROM_KHCN, "q-2", 1)).isEqualTo(UpdateApplier.Result.DUPLICATE);

        var stored = world.ports().dossiers().find(d.code()).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.SUPPLEMENT_REQUESTED);
        assertThat(stored.history()).last().satisfies(h -> assertThat(h.at()).isEqualTo(java.time.Instant.parse("2020-03-05T03:00:00Z")));
        assertThat(world.ports().notified()).extracting(NotificationJob::eventKind).containsOnly(NotificationJob.Kind.SUPPLEMENT_REQUESTED);
    }

    @Test
    void an_illegal_move_is_tried_again_before_it_is_refused_and_recorded() {
        var d = world.received(); // not yet transferred: "result ready" cannot be applied yet
        String body = update("m-2", d, "\"resultReady\":{\"outcome\":\"approved\",\"documents\":[]}");

        assertThatThrownBy(() -> applier.apply(body, FROM_KHCN, "q-1", 1)).isInstanceOf(UpdateApplier.OutOfOrder.class);
        assertThat(applier.apply(body, FROM_KHCN, "q-1", UpdateApplier.OUT_OF_ORDER_ATTEMPTS)).isEqualTo(UpdateApplier.Result.REFUSED);

        assertThat(world.ports().rejections().find(UpdateApplier.rejectionId(Rehearsal.AGENCY, "m-2"))).hasValueSatisfying(r -> {
            assertThat(r.stage()).isEqualTo(DepartmentRejection.Stage.APPLY);
            assertThat(r.code()).isEqualTo("ILLEGAL_TRANSITION");
        });
        assertThat(world.ports().dossiers().find(d.code()).orElseThrow().version()).isEqualTo(d.version());
    }

    @Test
    void an_unknown_dossier_or_an_unreadable_body_is_refused_and_a_message_without_its_agency_fails() {
        var d = world.transferred();
        var unknown = update("m-3", d, "\"accepted\":{}").replace(d.code().value(), d.code().value().replaceAll("\\d{4}$", "0999"));

        assertThat(applier.apply(unknown, FROM_KHCN, "q-3", 1)).isEqualTo(UpdateApplier.Result.REFUSED);
        assertThat(applier.apply("{\"hello\":1}", FROM_KHCN, "q-4", 1)).isEqualTo(UpdateApplier.Result.REFUSED);
        assertThat(world.ports().rejections().all()).extracting(DepartmentRejection::code).containsExactly("UNKNOWN_DOSSIER", "SCHEMA_VIOLATION");
        assertThatThrownBy(() -> applier.apply(update("m-5", d, "\"accepted\":{}"), Map.of(), "q-5", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(DepartmentUpdate.AGENCY_ATTRIBUTE);
    }

    /** Issue 16, finding 5: the "update applied" line's event name was overwritten by the update's kind. */
    @Test
    void the_applied_line_keeps_its_event_name() throws Exception {
        var d = world.inProcess();
        var logs = new java.io.ByteArrayOutputStream();
        vn.motcua.edge.Log.redirect(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            applier.apply(update("m-log", d, "\"supplementRequired\":{\"items\":[\"Bản sao\"],\"reason\":\"Mờ\"}"), FROM_KHCN, "q-1", 1);
        } finally {
            vn.motcua.edge.Log.redirect(null);
        }
        var applied = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        for (String l : logs.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (l.contains("m-log")) applied.add(vn.motcua.edge.Json.parse(l));
        }
        assertThat(applied).singleElement().satisfies(line -> {
            assertThat(line.path("event").asText()).isEqualTo("department.update.applied");
            assertThat(line.path("updateKind").asText()).isEqualTo("SUPPLEMENT_REQUESTED");
        });
    }

    @Test
    void the_departments_acknowledgement_of_a_withdrawal_stops_the_dossier_and_the_applicant_is_told() {
        var d = world.then(world.inProcess(), new vn.motcua.domain.dossier.DossierEvent.WithdrawalRequested("w", Rehearsal.CLERK,
                java.time.Instant.parse("2020-03-05T02:00:00Z"), "Không còn nhu cầu"));
        String body = update("m-w", d, "\"withdrawalAcknowledged\":{\"note\":\"Đã dừng thẩm định.\"}");

        assertThat(applier.apply(body, FROM_KHCN, "q-w", 1)).isEqualTo(UpdateApplier.Result.APPLIED);

        var stored = world.ports().dossiers().find(d.code()).orElseThrow();
        assertThat(stored.state()).isEqualTo(DossierState.STOPPED);
        assertThat(stored.history()).last().satisfies(h -> assertThat(h.reason().orElseThrow()).contains("Đã dừng thẩm định."));
        assertThat(world.ports().notified()).extracting(NotificationJob::eventKind).containsOnly(NotificationJob.Kind.STOPPED);
        // an acknowledgement for a dossier nobody withdrew is refused
        var other = world.inProcess();
        assertThat(applier.apply(update("m-x", other, "\"withdrawalAcknowledged\":{}"), FROM_KHCN, "q-x", UpdateApplier.OUT_OF_ORDER_ATTEMPTS))
                .isEqualTo(UpdateApplier.Result.REFUSED);
        assertThat(world.ports().dossiers().find(other.code()).orElseThrow().state()).isEqualTo(DossierState.IN_PROCESS);
    }
}
