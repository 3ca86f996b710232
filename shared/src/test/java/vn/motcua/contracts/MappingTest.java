package vn.motcua.contracts;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.catalog.Name;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.domain.dossier.RefusalCode;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.BadInput;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** From messages to the domain: department updates become dossier events, events become notices, dossiers become callbacks. */
class MappingTest {

    static final String AGENCY = "so-khoa-hoc-cong-nghe";
    static final Actor DEPARTMENT = Actor.department(AGENCY);
    static final Instant RECEIVED = Instant.parse("2020-03-05T03:20:01Z");
    static final DossierCode CODE = new DossierCode("000.00.92.H48-200302-0007");

    static DepartmentUpdate update(String sample) throws BadInput {
        return DepartmentUpdate.parse(Samples.read(Samples.events().resolve("messages").resolve(sample)));
    }

    static DossierEvent event(String sample) throws BadInput { return update(sample).toEvent(DEPARTMENT, RECEIVED); }

    static String id(String messageId) { return "department:" + AGENCY + ":" + messageId; }

    // ---- DepartmentUpdate -> DossierEvent, one kind at a time ----------------------------------------

    @Test
    void accepted() throws BadInput {
        assertThat(event("department-update-accepted.json"))
                .isEqualTo(new DossierEvent.Accepted(id("skhcn-2020-000398"), DEPARTMENT, RECEIVED));
    }

    @Test
    void supplement_required() throws BadInput {
        assertThat(event("department-update-supplement-required.json")).isEqualTo(new DossierEvent.SupplementRequested(
                id("skhcn-2020-000412"), DEPARTMENT, RECEIVED,
                List.of("Bản sao có chứng thực giấy chứng nhận đào tạo an toàn bức xạ"),
                "Giấy chứng nhận đào tạo an toàn bức xạ nộp kèm là bản chụp, chưa được chứng thực."));
    }

    @Test
    void fee_required() throws BadInput {
        var event = (DossierEvent.FeeRequested) event("department-update-fee-required.json");
        assertThat(event.eventId()).isEqualTo(id("skhcn-2020-000430"));
        assertThat(event.amountVnd()).isEqualTo(200_000);
        assertThat(event.note()).hasValueSatisfying(n -> assertThat(n).startsWith("Phí thẩm định"));
    }

    @Test
    void fee_required_without_a_note() throws BadInput {
        var update = new DepartmentUpdate("m-1", CODE, RECEIVED, new DepartmentUpdate.Answer.FeeRequired(50_000, Optional.empty()));
        var event = (DossierEvent.FeeRequested) DepartmentUpdate.parse(update.toJson()).toEvent(DEPARTMENT, RECEIVED);
        assertThat(event.note()).isEmpty();
    }

    @Test
    void result_approved() throws BadInput {
        assertThat(event("department-update-result-approved.json")).isEqualTo(new DossierEvent.ResultReady(
                id("skhcn-2020-000456"), DEPARTMENT, RECEIVED,
                Outcome.approved("dossiers/000.00.92.H48-200302-0007/result/chung-chi-nhan-vien-buc-xa.pdf")));
    }

    @Test
    void result_refused_keeps_its_reasons() throws BadInput {
        assertThat(event("department-update-result-refused.json")).isEqualTo(new DossierEvent.ResultReady(
                id("skhcn-2020-000455"), DEPARTMENT, RECEIVED,
                Outcome.refused(List.of("Người đề nghị chưa đủ thời gian làm việc trực tiếp với thiết bị X-quang theo quy định."),
                        "dossiers/000.00.92.H48-200302-0007/result/cong-van-tu-choi.pdf")));
    }

    @Test
    void result_without_documents() throws BadInput {
        var json = Samples.message("department-update-result-approved.json");
        json.with("resultReady").remove("documents");
        var event = (DossierEvent.ResultReady) DepartmentUpdate.parse(json.toString()).toEvent(DEPARTMENT, RECEIVED);
        assertThat(event.outcome()).isEqualTo(Outcome.approved());
    }

    @Test
    void delayed() throws BadInput {
        assertThat(event("department-update-delayed.json")).isEqualTo(new DossierEvent.Delayed(id("skhcn-2020-000441"), DEPARTMENT,
                RECEIVED, "Cần xác minh thời gian công tác của người đề nghị với cơ sở X-quang nơi làm việc.", LocalDate.of(2020, 3, 25)));
    }

    @Test
    void the_event_id_is_the_message_id_scoped_by_the_department_and_the_time_is_the_desks() throws BadInput {
        var update = update("department-update-accepted.json");
        assertThat(update.toEvent(DEPARTMENT, RECEIVED).eventId()).isEqualTo(update.toEvent(DEPARTMENT, RECEIVED.plusSeconds(60)).eventId());
        assertThat(update.toEvent(Actor.department("so-ngoai-vu"), RECEIVED).eventId()).isNotEqualTo(update.toEvent(DEPARTMENT, RECEIVED).eventId());
        assertThat(update.sentAt()).isEqualTo(Instant.parse("2020-03-02T08:10:00Z"));
        assertThat(update.toEvent(DEPARTMENT, RECEIVED).at()).isEqualTo(RECEIVED);
    }

    // ---- the samples, applied by the real lifecycle --------------------------------------------------

    @Test
    void the_sample_updates_drive_a_dossier_from_transfer_to_a_refused_result_with_a_notice_each() throws BadInput {
        var lifecycle = Lifecycle.standard();
        Dossier d = received();
        d = applied(lifecycle.apply(d, new DossierEvent.Transferred("route-1", Actor.system("router"), at("2020-03-02T02:00:02Z"), AGENCY)));
        var notices = new ArrayList<NotificationJob.Kind>();
        for (String[] step : new String[][] {
                {"department-update-accepted.json", "2020-03-02T08:10:01Z"},
                {"department-update-supplement-required.json", "2020-03-05T03:20:01Z"},
                {null, "2020-03-09T01:30:00Z"},
                {"department-update-fee-required.json", "2020-03-10T02:05:01Z"},
                {null, "2020-03-11T02:00:00Z"},
                {"department-update-delayed.json", "2020-03-13T09:30:01Z"},
                {"department-update-result-refused.json", "2020-03-24T07:00:01Z"}}) {
            DossierEvent event;
            if (step[0] != null) {
                event = update(step[0]).toEvent(DEPARTMENT, at(step[1]));
            } else if (d.state() == DossierState.SUPPLEMENT_REQUESTED) {
                event = new DossierEvent.SupplementReceived("desk-supplement", Actor.clerk("clerk.lan"), at(step[1]), LocalDate.of(2020, 3, 19));
            } else {
                event = new DossierEvent.FeePaid("desk-fee", Actor.clerk("clerk.lan"), at(step[1]));
            }
            d = applied(lifecycle.apply(d, event));
            NotificationJob.after(d.code(), event, event.at()).ifPresent(job -> notices.add(job.eventKind()));
        }
        assertThat(d.state()).isEqualTo(DossierState.RESULT_READY);
        assertThat(d.outcome()).containsInstanceOf(Outcome.Refused.class);
        assertThat(notices).containsExactly(NotificationJob.Kind.ACCEPTED, NotificationJob.Kind.SUPPLEMENT_REQUESTED,
                NotificationJob.Kind.SUPPLEMENT_RECEIVED, NotificationJob.Kind.FEE_REQUESTED, NotificationJob.Kind.FEE_PAID,
                NotificationJob.Kind.DELAYED, NotificationJob.Kind.REFUSED);

        // a replayed message changes nothing; another department's signature is refused
        var again = lifecycle.apply(d, update("department-update-result-refused.json").toEvent(DEPARTMENT, at("2020-03-24T07:05:00Z")));
        assertThat(again).isEqualTo(new Decision.Applied(d, true));
        var other = lifecycle.apply(d, update("department-update-result-refused.json").toEvent(Actor.department("so-ngoai-vu"), RECEIVED));
        assertThat(other).isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(RefusalCode.WRONG_AGENCY));
    }

    // ---- events -> notices ----------------------------------------------------------------------------

    @Test
    void notices_follow_the_event_a_refused_result_is_its_own_and_an_attached_document_is_none() {
        var who = Actor.clerk("clerk.lan");
        assertThat(NotificationJob.Kind.of(new DossierEvent.ResultReady("e", DEPARTMENT, RECEIVED, Outcome.approved())))
                .contains(NotificationJob.Kind.RESULT_READY);
        assertThat(NotificationJob.Kind.of(new DossierEvent.ResultReady("e", DEPARTMENT, RECEIVED, Outcome.refused(List.of("x")))))
                .contains(NotificationJob.Kind.REFUSED);
        assertThat(NotificationJob.Kind.of(new DossierEvent.WithdrawalRequested("e", who, RECEIVED, "rút"))).contains(NotificationJob.Kind.WITHDRAWN);
        assertThat(NotificationJob.Kind.of(new DossierEvent.ReturnedAtDesk("e", who, RECEIVED, Optional.empty()))).contains(NotificationJob.Kind.RETURNED);
        assertThat(NotificationJob.Kind.of(new DossierEvent.MarkedOverdue("e", Actor.system("deadline-watch"), RECEIVED))).contains(NotificationJob.Kind.OVERDUE);
        assertThat(NotificationJob.Kind.of(new DossierEvent.DocumentAttached("e", who, RECEIVED, document("a.pdf")))).isEmpty();
    }

    @Test
    void a_notice_is_keyed_by_dossier_and_event() throws BadInput {
        var job = NotificationJob.after(CODE, new DossierEvent.Accepted("department:x:1", DEPARTMENT, RECEIVED), RECEIVED).orElseThrow();
        assertThat(job.idempotencyKey()).isEqualTo("000.00.92.H48-200302-0007/department:x:1");
        assertThat(NotificationJob.parse(job.toJson())).isEqualTo(job);
    }

    // ---- dossier + dispatch -> callback ----------------------------------------------------------------

    @Test
    void the_callback_carries_the_dossier_the_applicant_and_fresh_links_and_is_a_valid_message() throws BadInput {
        Dossier d = withDocuments(received(), "don-de-nghi.pdf", "chung-nhan.pdf");
        var dispatch = DepartmentDispatch.first("dispatch-route-1", CODE, AGENCY, at("2020-03-02T02:00:02Z"));

        var callback = DepartmentCallback.of(dispatch, d, "Cấp chứng chỉ nhân viên bức xạ", at("2020-03-02T02:00:03Z"), MappingTest::link);

        assertThat(callback.idempotencyKey()).isEqualTo("dispatch-route-1");
        assertThat(callback.dossier().appointmentDate()).contains(LocalDate.of(2020, 3, 16));
        assertThat(callback.dossier().applicant()).isEqualTo(d.applicant());
        assertThat(callback.dossier().documents()).extracting(DepartmentCallback.Document::url)
                .containsExactly(URI.create("https://docs.example/dossiers/don-de-nghi.pdf?sig=1"), URI.create("https://docs.example/dossiers/chung-nhan.pdf?sig=1"));
        assertThat(callback.supplementDocuments()).isEmpty();
        assertThat(DepartmentCallback.parse(callback.toJson())).isEqualTo(callback);
    }

    @Test
    void a_resubmitted_callback_names_the_supplement_documents() throws BadInput {
        Dossier d = withDocuments(received(), "don-de-nghi.pdf", "chung-nhan-chung-thuc.pdf");
        var dispatch = DepartmentDispatch.resubmitted("dispatch-2", CODE, AGENCY, List.of("dossiers/chung-nhan-chung-thuc.pdf"), RECEIVED);

        var callback = DepartmentCallback.of(dispatch, d, "Cấp chứng chỉ nhân viên bức xạ", RECEIVED, MappingTest::link);

        assertThat(callback.reason()).isEqualTo(DepartmentDispatch.Reason.RESUBMITTED);
        assertThat(callback.supplementDocuments()).extracting(DepartmentCallback.Document::name).containsExactly("chung-nhan-chung-thuc.pdf");
        assertThat(DepartmentCallback.parse(callback.toJson())).isEqualTo(callback);
    }

    @Test
    void a_dispatch_for_another_dossier_or_a_missing_document_is_a_bug_not_a_callback() {
        Dossier d = withDocuments(received(), "a.pdf");
        var elsewhere = DepartmentDispatch.first("x", CODE, "so-ngoai-vu", RECEIVED);
        assertThatThrownBy(() -> DepartmentCallback.of(elsewhere, d, "T", RECEIVED, MappingTest::link)).isInstanceOf(IllegalArgumentException.class);
        var missing = DepartmentDispatch.resubmitted("x", CODE, AGENCY, List.of("dossiers/b.pdf"), RECEIVED);
        assertThatThrownBy(() -> DepartmentCallback.of(missing, d, "T", RECEIVED, MappingTest::link))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dossiers/b.pdf");
    }

    // ---- what the Java side will not write ---------------------------------------------------------------

    @Test
    void senders_cannot_build_a_message_a_reader_would_refuse() {
        assertThatThrownBy(() -> new RoutingJob("job 1", CODE, RoutingJob.Reason.RECEIVED, RECEIVED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DepartmentDispatch.resubmitted("d", CODE, AGENCY, List.of(), RECEIVED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DepartmentUpdate.Answer.ResultReady(Outcome.refused(List.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DepartmentUpdate.Answer.SupplementRequired(List.of(" "), "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DepartmentUpdate.Answer.FeeRequired(0, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DepartmentUpdate("m".repeat(101), CODE, RECEIVED, new DepartmentUpdate.Answer.Accepted()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- fixtures -----------------------------------------------------------------------------------------

    static Instant at(String iso) { return Instant.parse(iso); }

    static Dossier received() {
        var procedure = new Procedure("1.000173", false, new Name("Cấp chứng chỉ nhân viên bức xạ", "Radiation worker certificate"),
                AGENCY, TimeLimit.workingDays(10), List.of(new RequiredDocument("Đơn đề nghị", RequiredDocument.Form.ORIGINAL, 1, true)),
                Fee.none(), true, Optional.empty(), Optional.empty());
        var applicant = new Applicant("Nguyễn Văn An", "051090000123", "0905123456", Optional.of("an@example.vn"), "12 Hùng Vương, TP Quảng Ngãi");
        var intake = new Dossier.Intake("receipt-1", CODE, procedure, "buu-dien-quang-ngai", Actor.clerk("clerk.lan"),
                at("2020-03-02T02:00:00Z"), LocalDate.of(2020, 3, 16), applicant, Channel.IN_PERSON, ResultReturn.atDesk(), "K7M2QX");
        return applied(Dossier.receive(intake));
    }

    static Dossier withDocuments(Dossier d, String... names) {
        for (String name : names) {
            d = applied(Lifecycle.standard().apply(d, new DossierEvent.DocumentAttached("doc-" + name, Actor.clerk("clerk.lan"),
                    at("2020-03-02T02:00:00Z"), document(name))));
        }
        return d;
    }

    static DossierDocument document(String name) {
        return new DossierDocument(name, "dossiers/" + name, 1000, "sha256:" + "ab".repeat(32), Actor.clerk("clerk.lan"), at("2020-03-02T02:00:00Z"));
    }

    static DepartmentCallback.Document link(DossierDocument d) {
        return DepartmentCallback.Document.of(d, "application/pdf", URI.create("https://docs.example/" + d.key() + "?sig=1"), at("2020-03-02T02:15:00Z"));
    }

    static Dossier applied(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Applied.class);
        return ((Decision.Applied) decision).dossier();
    }
}
