package vn.motcua.departments;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.edge.BadInput;
import vn.motcua.store.DepartmentRejection;
import vn.motcua.wiring.Rehearsal;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The updates endpoint's checks on in-memory ports: signature, body, whose dossier, the message id; each refusal recorded. */
class UpdateInboxTest {

    private final Rehearsal world = Rehearsal.create();
    private final UpdateInbox inbox = world.wiring().updateInbox();

    private static String accepted(String messageId, Dossier d) {
        return "{\"messageId\":\"" + messageId + "\",\"dossierCode\":\"" + d.code().value() + "\",\"sentAt\":\"2020-03-12T09:55:00+07:00\",\"accepted\":{}}";
    }

    private static UpdateInbox.Call signed(String agency, String body) {
        long now = Rehearsal.NOW.getEpochSecond();
        return new UpdateInbox.Call(agency, Long.toString(now),
                RequestSignature.sign(Rehearsal.DEPARTMENT_SECRET.getBytes(StandardCharsets.UTF_8), now, body.getBytes(StandardCharsets.UTF_8)),
                body, "req-" + body.hashCode());
    }

    @Test
    void a_signed_update_about_the_departments_own_dossier_is_queued_as_signed_once() throws Exception {
        var d = world.transferred();
        String body = accepted("m-1", d);

        var queued = inbox.receive(signed(Rehearsal.AGENCY, body));

        assertThat(queued.messageId()).isEqualTo("m-1");
        assertThat(queued.receivedAt()).isEqualTo(Rehearsal.NOW);
        assertThat(world.ports().updatesQueued()).singleElement().satisfies(u -> {
            assertThat(u.agencyId()).isEqualTo(Rehearsal.AGENCY);
            assertThat(u.body()).isEqualTo(body);
        });
        assertThat(world.ports().seenMessages().find(Rehearsal.AGENCY, "m-1").orElseThrow().queuedAt()).contains(Rehearsal.NOW);
        assertThatThrownBy(() -> inbox.receive(signed(Rehearsal.AGENCY, body)))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_MESSAGE"));
        assertThatThrownBy(() -> inbox.receive(signed(Rehearsal.AGENCY, body.replace("2020-03-12T09:55", "2020-03-12T09:56"))))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("MESSAGE_ID_REUSED"));
        assertThat(world.ports().updatesQueued()).hasSize(1);
        var status = inbox.status(signed(Rehearsal.AGENCY, ""), "m-1");
        assertThat(status.state()).isEqualTo(UpdateInbox.Status.State.QUEUED);
    }

    @Test
    void an_unsigned_call_and_another_departments_dossier_are_refused_and_recorded() {
        var d = world.transferred();
        var tampered = signed(Rehearsal.AGENCY, accepted("m-2", d));
        var forged = new UpdateInbox.Call(tampered.agencyId(), tampered.timestamp(), tampered.signature(), accepted("m-3", d), "req-forged");

        assertThatThrownBy(() -> inbox.receive(forged)).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("BAD_SIGNATURE");
        });
        assertThatThrownBy(() -> inbox.receive(signed("so-giao-duc-dao-tao", accepted("m-4", d))))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.status()).isEqualTo(403));
        // issue 16 (finding 4): an unsigned or forged call writes nothing; a signed one refused is recorded
        assertThat(world.ports().rejections().all()).extracting(DepartmentRejection::code).containsExactly("WRONG_AGENCY");
        assertThat(world.ports().rejections().all()).allSatisfy(r -> assertThat(r.stage()).isEqualTo(DepartmentRejection.Stage.ENDPOINT));
        assertThat(world.ports().updatesQueued()).isEmpty();
    }

    /** Finding 4 of issue 16: refused calls nobody signed wrote a permanent record each; now a metric and a log line only. */
    @Test
    void unsigned_unknown_agency_and_forged_calls_write_nothing_but_a_metric_and_a_log_line() {
        var d = world.transferred();
        var logs = new java.io.ByteArrayOutputStream();
        vn.motcua.edge.Log.redirect(new java.io.PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            var unsigned = new UpdateInbox.Call(Rehearsal.AGENCY, null, null, accepted("m-5", d), "req-unsigned");
            var unknown = signed("so-khong-ton-tai", accepted("m-6", d));
            var invalidPath = signed("../../etc", accepted("m-7", d));
            for (var call : java.util.List.of(unsigned, unknown, invalidPath)) {
                assertThatThrownBy(() -> inbox.receive(call)).isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.status()).isEqualTo(401));
            }
        } finally {
            vn.motcua.edge.Log.redirect(null);
        }
        assertThat(world.ports().rejections().all()).isEmpty();
        var lines = logs.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).filteredOn(l -> l.contains("\"CloudWatchMetrics\"")).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("\"UnauthenticatedDepartmentCalls\":1").doesNotContain("so-khong-ton-tai"));
        assertThat(lines).filteredOn(l -> l.contains("department.update.unauthenticated")).hasSize(3);
    }

    @Test
    void a_signed_call_refused_is_recorded_with_an_expiry() {
        var d = world.transferred();
        assertThatThrownBy(() -> inbox.receive(signed(Rehearsal.AGENCY, "{\"messageId\":1}"))).isInstanceOf(BadInput.class);

        assertThat(world.ports().rejections().all()).singleElement()
                .satisfies(r -> assertThat(r.expiresAt()).isEqualTo(Rehearsal.NOW.plus(DepartmentRejection.RETENTION)));
    }

    /** Finding 5: 403 WRONG_AGENCY named the department that owns the dossier to whoever asked. */
    @Test
    void another_departments_dossier_is_refused_without_naming_its_department() {
        var d = world.transferred();
        assertThatThrownBy(() -> inbox.receive(signed("so-giao-duc-dao-tao", accepted("m-8", d))))
                .isInstanceOfSatisfying(BadInput.class, e -> {
                    assertThat(e.code()).isEqualTo("WRONG_AGENCY");
                    assertThat(e.getMessage()).doesNotContain(Rehearsal.AGENCY);
                });
        assertThat(world.ports().rejections().all()).singleElement().satisfies(r -> assertThat(r.message()).doesNotContain(Rehearsal.AGENCY));
    }

    /** Finding 5: a correctly signed body that is not UTF-8 was answered BAD_SIGNATURE (its bytes were decoded before the check). */
    @Test
    void a_signed_body_that_is_not_utf8_is_a_400_not_a_bad_signature() {
        byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        long now = Rehearsal.NOW.getEpochSecond();
        var call = new UpdateInbox.Call(Rehearsal.AGENCY, Long.toString(now),
                RequestSignature.sign(Rehearsal.DEPARTMENT_SECRET.getBytes(StandardCharsets.UTF_8), now, body),
                new String(body, StandardCharsets.UTF_8), "req-utf8", body);

        assertThatThrownBy(() -> inbox.receive(call)).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("INVALID_ENCODING");
        });
    }
}
