package vn.motcua.notices;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.store.NoticeRecord;
import vn.motcua.wiring.Rehearsal;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The applicant's notices on in-memory ports: one email per dossier and event, every outcome recorded. */
class NotifierTest {

    private final Rehearsal world = Rehearsal.create();

    private static NotificationJob receipt(Dossier d) {
        return new NotificationJob(d.code(), NotificationJob.Kind.RECEIVED, d.history().get(0).eventId(), Rehearsal.NOW);
    }

    private Notifier with(Mailer mailer) {
        var ports = world.ports();
        return new Notifier(ports.dossiers(), ports.sentNotices(), () -> new NoticeModel(ports.reference().get().catalog(),
                vn.motcua.desk.Desk.QUANG_NGAI_POST, ports.publicLookupUrl()), new NoticeTemplates(), mailer, ports.clock());
    }

    @Test
    void the_receipt_notice_is_sent_once_in_vietnamese_and_recorded() {
        var d = world.received();
        var notifier = world.wiring().notifier();

        assertThat(notifier.handle(receipt(d))).isEqualTo(Notifier.Result.SENT);
        assertThat(notifier.handle(receipt(d))).isEqualTo(Notifier.Result.DUPLICATE);

        assertThat(world.ports().mailed()).singleElement().satisfies(mail -> {
            assertThat(mail.to()).isEqualTo("nguyenvanan@example.invalid");
            assertThat(mail.text()).contains(d.code().value()).contains("https://motcua.invalid/#tra-cuu?ma=" + d.code().value());
            assertThat(mail.text()).doesNotContain(Rehearsal.LOOKUP_SECRET);
        });
        assertThat(world.ports().sentNotices().find(d.code().value(), d.history().get(0).eventId()))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(NoticeRecord.Status.SENT));
    }

    @Test
    void no_notice_for_what_the_applicant_does_not_hear_of_and_a_refused_message_is_recorded_not_sent() {
        var d = world.transferred();
        var transferred = new NotificationJob(d.code(), NotificationJob.Kind.TRANSFERRED, d.history().get(1).eventId(), Rehearsal.NOW);
        var refusing = with(mail -> { throw new Mailer.Rejected("MESSAGE_REJECTED", null); });

        assertThat(world.wiring().notifier().handle(transferred)).isEqualTo(Notifier.Result.NO_NOTICE);
        assertThat(refusing.handle(receipt(d))).isEqualTo(Notifier.Result.NOT_SENT);

        assertThat(world.ports().sentNotices().all()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(NoticeRecord.Status.NOT_SENT);
            assertThat(r.reason()).contains("MESSAGE_REJECTED");
        });
    }

    @Test
    void a_mail_service_that_is_down_releases_the_claim_so_the_queues_retry_sends() {
        var d = world.received();
        var down = with(mail -> { throw new IllegalStateException("SES throttled"); });

        assertThatThrownBy(() -> down.handle(receipt(d))).hasMessageContaining("SES throttled");
        assertThat(world.ports().sentNotices().find(d.code().value(), d.history().get(0).eventId())).isEmpty();
        assertThat(world.wiring().notifier().handle(receipt(d))).isEqualTo(Notifier.Result.SENT);
    }

    @Test
    void an_event_missing_from_the_history_is_a_bug_upstream() {
        var d = world.received();
        world.then(d, new DossierEvent.Transferred("router:x", Rehearsal.CLERK, Rehearsal.NOW, d.agencyId()));
        var ghost = new NotificationJob(d.code(), NotificationJob.Kind.RECEIVED, "no-such-event", Rehearsal.NOW);

        assertThatThrownBy(() -> world.wiring().notifier().handle(ghost)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-event");
        assertThat(world.ports().mailed()).isEmpty();
    }
}
