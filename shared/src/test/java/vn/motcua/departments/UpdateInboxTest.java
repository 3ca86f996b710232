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
        assertThat(world.ports().rejections().all()).extracting(DepartmentRejection::code).containsExactly("BAD_SIGNATURE", "WRONG_AGENCY");
        assertThat(world.ports().rejections().all()).allSatisfy(r -> assertThat(r.stage()).isEqualTo(DepartmentRejection.Stage.ENDPOINT));
        assertThat(world.ports().updatesQueued()).isEmpty();
    }
}
