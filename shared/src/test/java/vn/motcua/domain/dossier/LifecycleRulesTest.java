package vn.motcua.domain.dossier;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.DossierEvent.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.domain.dossier.Journey.*;

class LifecycleRulesTest {

    private final Journey journey = new Journey();
    private final Lifecycle lifecycle = journey.lifecycle;

    private Refusal refused(Dossier d, DossierEvent e) {
        var decision = lifecycle.apply(d, e);
        assertThat(decision).isInstanceOf(Refusal.class);
        return (Refusal) decision;
    }

    @Nested
    class Receipt {
        @Test
        void starts_the_dossier_received_with_its_appointment_and_one_history_entry() {
            var d = received();
            assertThat(d.state()).isEqualTo(DossierState.RECEIVED);
            assertThat(d.code().value()).isEqualTo("000.00.92.H48-200302-0007");
            assertThat(d.agencyId()).isEqualTo(AGENCY);
            assertThat(d.appointment()).contains(Appointment.on(DUE));
            assertThat(d.history()).singleElement().satisfies(h -> {
                assertThat(h.kind()).isEqualTo(EventKind.RECEIVED);
                assertThat(h.from()).isEmpty();
                assertThat(h.actor()).isEqualTo(CLERK);
            });
            assertThat(d.version()).isEqualTo(1);
            assertThat(d.overdue()).isFalse();
        }

        @Test
        void refuses_the_result_by_post_when_the_procedure_does_not_allow_it() {
            var deskOnly = procedure("2.002131", false, vn.motcua.domain.calendar.TimeLimit.workingDays(5));
            var decision = Dossier.receive(intake(deskOnly, ResultReturn.byPost("12 Hùng Vương")));
            assertThat(decision).isEqualTo(new Refusal(RefusalCode.RESULT_BY_POST_NOT_ALLOWED,
                    "Thủ tục 2.002131 không cho phép trả kết quả qua dịch vụ bưu chính; người nộp cần nhận kết quả tại quầy."));
        }

        @Test
        void a_procedure_without_time_limit_has_no_appointment_and_a_caller_mismatch_is_a_bug() {
            assertThat(received(NO_LIMIT).appointment()).isEmpty();
            var i = intake(PROCEDURE, ResultReturn.atDesk());
            var withoutDate = new Dossier.Intake(i.eventId(), i.code(), i.procedure(), i.deskId(), i.clerk(), i.receivedAt(),
                    null, i.applicant(), i.channel(), i.resultReturn(), i.lookupSecret());
            assertThatThrownBy(() -> Dossier.receive(withoutDate)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_desk_refusal_is_a_record_with_reasons_not_a_dossier() {
            assertThat(DeskRefusal.missingReason(DeskRefusal.Kind.REFUSED, List.of(" ")))
                    .contains(new Refusal(RefusalCode.REASON_REQUIRED, "Cần ghi rõ lý do từ chối tiếp nhận hồ sơ."));
            var refusal = new DeskRefusal("dr-1", DeskRefusal.Kind.REFUSED, "1.000173", AGENCY, applicant(),
                    List.of("Hồ sơ không thuộc thẩm quyền giải quyết của Sở"), CLERK, day(2));
            assertThat(refusal.portalState()).isEqualTo(DossierState.REFUSED_AT_DESK);
            assertThatThrownBy(() -> new DeskRefusal("dr-2", DeskRefusal.Kind.REFUSED, "1.000173", AGENCY, applicant(),
                    List.of(), CLERK, day(2))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Idempotency {
        @Test
        void an_event_already_applied_returns_the_same_dossier_and_says_so() {
            var event = new Transferred("routing-msg-1", WATCH, day(2), AGENCY);
            var once = ((Decision.Applied) lifecycle.apply(received(), event)).dossier();

            var again = lifecycle.apply(once, event);

            assertThat(again).isEqualTo(new Decision.Applied(once, true));
        }

        @Test
        void the_same_id_with_another_kind_is_still_a_duplicate() {
            var once = journey.apply(received(), new Transferred("msg-7", WATCH, day(2), AGENCY));
            assertThat(lifecycle.apply(once, new Accepted("msg-7", DEPARTMENT, day(3))))
                    .isEqualTo(new Decision.Applied(once, true));
        }

        @Test
        void the_receipt_event_id_counts_as_applied() {
            var d = received();
            var receiptId = d.history().get(0).eventId();
            assertThat(lifecycle.apply(d, new Transferred(receiptId, WATCH, day(2), AGENCY))).isEqualTo(new Decision.Applied(d, true));
        }

        @Test
        void a_refusal_changes_nothing() {
            var d = journey.in(DossierState.IN_PROCESS);
            var copy = d;
            refused(d, new WithdrawalRequested(id(), CLERK, day(5), "  "));
            assertThat(d).isEqualTo(copy);
            assertThat(d.wasApplied("x")).isFalse();
        }
    }

    @Nested
    class WhoMayDoWhat {
        @Test
        void another_department_cannot_touch_the_dossier() {
            var d = journey.in(DossierState.TRANSFERRED);
            assertThat(refused(d, new Accepted(id(), Actor.department("so-ngoai-vu"), day(3))))
                    .isEqualTo(new Refusal(RefusalCode.WRONG_AGENCY, "Hồ sơ 000.00.92.H48-200302-0007 thuộc thẩm quyền giải quyết"
                            + " của cơ quan so-khoa-hoc-cong-nghe; cơ quan so-ngoai-vu không được thao tác trên hồ sơ này."));
        }

        @Test
        void another_department_replaying_an_applied_id_learns_nothing() {
            var d = journey.in(DossierState.IN_PROCESS);
            var acceptedId = d.history().get(d.history().size() - 1).eventId();
            assertThat(refused(d, new Accepted(acceptedId, Actor.department("so-ngoai-vu"), day(3))).code())
                    .isEqualTo(RefusalCode.WRONG_AGENCY);
        }

        @Test
        void the_dossier_goes_only_to_its_competent_agency() {
            assertThat(refused(received(), new Transferred(id(), WATCH, day(2), "so-ngoai-vu")).code())
                    .isEqualTo(RefusalCode.WRONG_AGENCY);
        }

        @Test
        void the_desk_cannot_record_a_department_decision_nor_a_department_a_desk_action() {
            var inProcess = journey.in(DossierState.IN_PROCESS);
            assertThat(refused(inProcess, new ResultReady(id(), CLERK, day(12), Outcome.approved())))
                    .isEqualTo(new Refusal(RefusalCode.WRONG_ACTOR,
                            "Chỉ cơ quan giải quyết hồ sơ mới được chuyển kết quả giải quyết về Bộ phận Một cửa."));
            var ready = journey.in(DossierState.RESULT_READY);
            assertThat(refused(ready, new ReturnedAtDesk(id(), DEPARTMENT, day(13), Optional.empty())))
                    .isEqualTo(new Refusal(RefusalCode.WRONG_ACTOR, "Chỉ Bộ phận Một cửa mới được trả kết quả tại quầy."));
        }
    }

    @Nested
    class Supplements {
        @Test
        void a_request_pauses_the_clock_and_the_supplement_resumes_it_until_the_new_due_date() {
            var paused = journey.in(DossierState.SUPPLEMENT_REQUESTED);
            assertThat(paused.pausedSince()).contains(day(4));
            assertThat(paused.supplements()).singleElement().satisfies(s -> {
                assertThat(s.items()).containsExactly("Phiếu khám sức khỏe");
                assertThat(s.agencyId()).isEqualTo(AGENCY);
            });

            var resumed = journey.apply(paused, new SupplementReceived(id(), CLERK, day(9), LocalDate.of(2020, 3, 19)));

            assertThat(resumed.state()).isEqualTo(DossierState.IN_PROCESS);
            assertThat(resumed.pausedSince()).isEmpty();
            assertThat(resumed.appointment().orElseThrow().current()).isEqualTo(LocalDate.of(2020, 3, 19));
            assertThat(resumed.appointment().orElseThrow().original()).isEqualTo(DUE);
            assertThat(resumed.appointment().orElseThrow().rescheduled()).isFalse();
            assertThat(resumed.supplementRequestCount()).isEqualTo(1);
        }

        @Test
        void a_department_may_ask_only_once() {
            var d = journey.apply(journey.in(DossierState.SUPPLEMENT_REQUESTED),
                    new SupplementReceived(id(), CLERK, day(9), LocalDate.of(2020, 3, 19)));
            assertThat(refused(d, supplementRequested())).isEqualTo(new Refusal(RefusalCode.SECOND_SUPPLEMENT,
                    "Hồ sơ 000.00.92.H48-200302-0007 đã được yêu cầu bổ sung một lần; theo quy định, cơ quan giải quyết"
                            + " chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần."));
        }

        @Test
        void the_limit_is_a_setting() {
            var twice = new Lifecycle(new Lifecycle.Policy(2, 1));
            var d = journey.apply(journey.in(DossierState.SUPPLEMENT_REQUESTED),
                    new SupplementReceived(id(), CLERK, day(9), LocalDate.of(2020, 3, 19)));
            assertThat(twice.apply(d, supplementRequested()).applied()).isTrue();
        }

        @Test
        void a_request_names_the_items_and_the_reason() {
            var d = journey.in(DossierState.IN_PROCESS);
            assertThat(refused(d, new SupplementRequested(id(), DEPARTMENT, day(4), List.of(" "), "Thiếu giấy tờ")))
                    .isEqualTo(new Refusal(RefusalCode.ITEMS_REQUIRED, "Cần liệt kê các giấy tờ phải bổ sung, hoàn thiện."));
            assertThat(refused(d, new SupplementRequested(id(), DEPARTMENT, day(4), List.of("Ảnh 3x4"), "")))
                    .isEqualTo(new Refusal(RefusalCode.REASON_REQUIRED, "Cần ghi rõ lý do yêu cầu bổ sung hồ sơ."));
        }

        @Test
        void the_resumed_due_date_is_required_and_never_earlier() {
            var paused = journey.in(DossierState.SUPPLEMENT_REQUESTED);
            assertThat(refused(paused, new SupplementReceived(id(), CLERK, day(9), null)).code())
                    .isEqualTo(RefusalCode.DUE_DATE_REQUIRED);
            assertThat(refused(paused, new SupplementReceived(id(), CLERK, day(9), LocalDate.of(2020, 3, 13))))
                    .isEqualTo(new Refusal(RefusalCode.DUE_DATE_EARLIER,
                            "Ngày hẹn sau khi bổ sung (13/03/2020) không được sớm hơn ngày hẹn hiện tại (16/03/2020)."));
        }

        @Test
        void without_a_time_limit_there_is_no_due_date_to_resume() {
            var paused = journey.in(received(NO_LIMIT), DossierState.SUPPLEMENT_REQUESTED);
            assertThat(journey.apply(paused, new SupplementReceived(id(), CLERK, day(9), null)).appointment()).isEmpty();
        }
    }

    @Nested
    class Delays {
        private final Dossier inProcess = journey.in(DossierState.IN_PROCESS);

        @Test
        void an_apology_before_the_due_date_sets_one_new_later_date() {
            var d = journey.apply(inProcess, new Delayed(id(), DEPARTMENT, day(13), "Chờ ý kiến thẩm định", LocalDate.of(2020, 3, 23)));

            var a = d.appointment().orElseThrow();
            assertThat(a.original()).isEqualTo(DUE);
            assertThat(a.current()).isEqualTo(LocalDate.of(2020, 3, 23));
            assertThat(a.rescheduled()).isTrue();
            assertThat(a.delay().orElseThrow().reason()).isEqualTo("Chờ ý kiến thẩm định");
            assertThat(a.delay().orElseThrow().previous()).isEqualTo(DUE);
            assertThat(d.history().get(d.history().size() - 1).reason()).contains("Chờ ý kiến thẩm định");
        }

        @Test
        void only_one_new_date() {
            var d = journey.apply(inProcess, new Delayed(id(), DEPARTMENT, day(10), "Chờ ý kiến", LocalDate.of(2020, 3, 23)));
            assertThat(refused(d, new Delayed(id(), DEPARTMENT, day(18), "Vẫn chờ", LocalDate.of(2020, 3, 30))))
                    .isEqualTo(new Refusal(RefusalCode.SECOND_DELAY, "Hồ sơ 000.00.92.H48-200302-0007 đã được hẹn lại ngày"
                            + " trả kết quả một lần (sang ngày 23/03/2020); không được hẹn lại lần thứ hai."));
        }

        @Test
        void the_new_date_must_be_later() {
            assertThat(refused(inProcess, new Delayed(id(), DEPARTMENT, day(10), "Chờ ý kiến", DUE)))
                    .isEqualTo(new Refusal(RefusalCode.DELAY_NOT_LATER,
                            "Ngày hẹn mới (16/03/2020) phải sau ngày hẹn trả kết quả hiện tại (16/03/2020)."));
        }

        @Test
        void it_must_be_announced_before_the_due_date_now_being_the_event_time() {
            assertThat(refused(inProcess, new Delayed(id(), DEPARTMENT, day(16), "Chờ ý kiến", LocalDate.of(2020, 3, 23))))
                    .isEqualTo(new Refusal(RefusalCode.DELAY_AFTER_DUE, "Phải thông báo chậm trễ và hẹn lại chậm nhất vào ngày"
                            + " 15/03/2020, trước ngày hẹn trả kết quả (16/03/2020); hôm nay đã là ngày 16/03/2020."));
            // 23:30 in Vietnam on the 15th is 16:30 UTC: still the day before, so still in time
            var lateEvening = Journey.at(LocalDate.of(2020, 3, 15), 23).plusSeconds(1800);
            assertThat(lifecycle.apply(inProcess, new Delayed(id(), DEPARTMENT, lateEvening, "Chờ ý kiến", LocalDate.of(2020, 3, 23))).applied())
                    .isTrue();
        }

        @Test
        void it_needs_a_reason_and_an_appointment_to_move() {
            assertThat(refused(inProcess, new Delayed(id(), DEPARTMENT, day(10), " ", LocalDate.of(2020, 3, 23))))
                    .isEqualTo(new Refusal(RefusalCode.REASON_REQUIRED, "Cần ghi rõ lý do chậm trả kết quả."));
            var noLimit = journey.in(received(NO_LIMIT), DossierState.IN_PROCESS);
            assertThat(refused(noLimit, new Delayed(id(), DEPARTMENT, day(10), "Chờ", LocalDate.of(2020, 3, 23))).code())
                    .isEqualTo(RefusalCode.NO_APPOINTMENT);
        }
    }

    @Nested
    class Results {
        @Test
        void a_refusal_after_review_is_a_result_and_states_its_reasons() {
            var d = journey.in(DossierState.IN_PROCESS);
            assertThat(refused(d, new ResultReady(id(), DEPARTMENT, day(12), Outcome.refused(List.of(" ")))))
                    .isEqualTo(new Refusal(RefusalCode.REASON_REQUIRED, "Cần ghi rõ lý do từ chối giải quyết hồ sơ."));

            var ready = journey.apply(d, new ResultReady(id(), DEPARTMENT, day(12),
                    Outcome.refused(List.of("Phòng X-quang chưa đạt yêu cầu che chắn"), "results/van-ban-tra-loi.pdf")));

            assertThat(ready.state()).isEqualTo(DossierState.RESULT_READY);
            assertThat(ready.outcome()).containsInstanceOf(Outcome.Refused.class);
            assertThat(ready.history().get(ready.history().size() - 1).reason()).contains("Phòng X-quang chưa đạt yêu cầu che chắn");
        }

        @Test
        void a_fee_is_requested_with_a_positive_amount_and_paid_before_the_result() {
            var d = journey.in(DossierState.IN_PROCESS);
            assertThat(refused(d, new FeeRequested(id(), DEPARTMENT, day(5), 0, Optional.empty())))
                    .isEqualTo(new Refusal(RefusalCode.FEE_INVALID, "Số tiền phí, lệ phí phải lớn hơn 0 đồng."));
            var due = journey.in(DossierState.FEE_REQUESTED);
            assertThat(due.fee().orElseThrow().paid()).isFalse();
            assertThat(refused(due, Journey.validEvent(EventKind.RESULT_READY)).code()).isEqualTo(RefusalCode.ILLEGAL_TRANSITION);

            var paid = journey.apply(due, new FeePaid(id(), CLERK, day(6)));

            assertThat(paid.fee().orElseThrow().paid()).isTrue();
            assertThat(paid.fee().orElseThrow().amountVnd()).isEqualTo(2_000_000);
            assertThat(paid.state()).isEqualTo(DossierState.IN_PROCESS);
        }

        @Test
        void by_post_the_result_is_returned_when_handed_over_with_a_tracking_number_then_delivered() {
            var ready = journey.in(DossierState.RESULT_READY);
            assertThat(refused(ready, new HandedToPost(id(), CLERK, day(13), " ")))
                    .isEqualTo(new Refusal(RefusalCode.TRACKING_REQUIRED, "Cần nhập số hiệu bưu gửi."));

            var handed = journey.apply(ready, new HandedToPost(id(), CLERK, day(13), "EA123456789VN"));
            assertThat(handed.state()).isEqualTo(DossierState.RETURNED);
            assertThat(handed.delivery().orElseThrow().delivered()).isFalse();

            var delivered = journey.apply(handed, new Delivered(id(), Actor.system("vnpost-tracking"), day(14)));
            assertThat(delivered.state()).isEqualTo(DossierState.RETURNED);
            assertThat(delivered.delivery().orElseThrow().deliveredAt()).contains(day(14));
            assertThat(refused(delivered, new Delivered(id(), Actor.system("vnpost-tracking"), day(15))))
                    .isEqualTo(new Refusal(RefusalCode.ALREADY_DELIVERED,
                            "Bưu chính đã phát kết quả của hồ sơ 000.00.92.H48-200302-0007 (ngày 14/03/2020)."));
        }

        @Test
        void a_result_chosen_at_the_desk_does_not_go_by_post() {
            var atDesk = ((Decision.Applied) Dossier.receive(intake(PROCEDURE, ResultReturn.atDesk()))).dossier();
            var ready = journey.in(atDesk, DossierState.RESULT_READY);
            assertThat(refused(ready, new HandedToPost(id(), CLERK, day(13), "EA1")).code()).isEqualTo(RefusalCode.NOT_BY_POST);
            var returned = journey.apply(ready, new ReturnedAtDesk(id(), CLERK, day(13), Optional.of("Người được ủy quyền nhận")));
            assertThat(refused(returned, new Delivered(id(), WATCH, day(14))))
                    .isEqualTo(new Refusal(RefusalCode.NOT_BY_POST,
                            "Kết quả của hồ sơ 000.00.92.H48-200302-0007 chưa được chuyển qua dịch vụ bưu chính."));
        }
    }

    @Nested
    class WithdrawalAndOverdue {
        @Test
        void a_withdrawal_states_its_reason_then_processing_stops() {
            var d = journey.in(DossierState.SUPPLEMENT_REQUESTED);
            assertThat(refused(d, new WithdrawalRequested(id(), CLERK, day(5), "")))
                    .isEqualTo(new Refusal(RefusalCode.REASON_REQUIRED, "Cần ghi rõ lý do rút hồ sơ."));
            var withdrawn = journey.apply(d, new WithdrawalRequested(id(), CLERK, day(5), "Doanh nghiệp không còn nhu cầu"));
            var stopped = journey.apply(withdrawn, new Stopped(id(), DEPARTMENT, day(6), Optional.empty()));
            assertThat(stopped.state()).isEqualTo(DossierState.STOPPED);
        }

        @Test
        void overdue_is_a_flag_set_once_after_the_due_date() {
            var d = journey.in(DossierState.IN_PROCESS);
            assertThat(refused(d, new MarkedOverdue(id(), WATCH, day(16))))
                    .isEqualTo(new Refusal(RefusalCode.NOT_YET_DUE,
                            "Hồ sơ 000.00.92.H48-200302-0007 chưa quá hạn: ngày hẹn trả kết quả là 16/03/2020."));

            var overdue = journey.apply(d, new MarkedOverdue(id(), WATCH, day(17)));

            assertThat(overdue.overdue()).isTrue();
            assertThat(overdue.state()).isEqualTo(DossierState.IN_PROCESS);
            assertThat(refused(overdue, new MarkedOverdue(id(), WATCH, day(18))).code()).isEqualTo(RefusalCode.ALREADY_OVERDUE);
            // and it can still finish, late
            var ready = journey.apply(overdue, new ResultReady(id(), DEPARTMENT, day(18), Outcome.approved()));
            assertThat(ready.finished()).contains(Timeliness.LATE);
        }

        @Test
        void the_clock_does_not_run_while_a_supplement_is_awaited() {
            var paused = journey.in(DossierState.SUPPLEMENT_REQUESTED);
            assertThat(refused(paused, new MarkedOverdue(id(), WATCH, day(20))).code()).isEqualTo(RefusalCode.ILLEGAL_TRANSITION);
        }
    }

    @Nested
    class ProcessControl {
        @Test
        void hand_overs_make_the_rows_of_form_05() {
            var d = journey.in(DossierState.RETURNED);

            var slip = d.processControlSlip();

            assertThat(slip).extracting(HandOver::giver, HandOver::receiver).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(DESK, AGENCY),
                    org.assertj.core.groups.Tuple.tuple(AGENCY, DESK),
                    org.assertj.core.groups.Tuple.tuple(DESK, HandOver.POSTAL_SERVICE));
            assertThat(slip.get(0).givenAt()).isEqualTo(day(2));
            assertThat(slip.get(0).receivedAt()).as("received when the department accepted").contains(day(3));
            assertThat(slip.get(1).timeliness()).isEqualTo(Timeliness.EARLY);
            assertThat(slip.get(2).notes()).contains("Số hiệu bưu gửi EA123456789VN");
            assertThat(d.finished()).contains(Timeliness.EARLY);
        }

        @Test
        void finishing_on_the_appointment_is_on_time_and_after_a_new_date_is_late() {
            var inProcess = journey.in(DossierState.IN_PROCESS);
            var onTheDay = journey.apply(inProcess, new ResultReady(id(), DEPARTMENT, day(16), Outcome.approved()));
            assertThat(onTheDay.finished()).contains(Timeliness.ON_TIME);

            var delayed = journey.apply(inProcess, new Delayed(id(), DEPARTMENT, day(10), "Chờ ý kiến", LocalDate.of(2020, 3, 23)));
            var beforeNewDate = journey.apply(delayed, new ResultReady(id(), DEPARTMENT, day(20), Outcome.approved()));
            assertThat(beforeNewDate.finished()).contains(Timeliness.LATE);
        }

        @Test
        void a_procedure_without_time_limit_finishes_on_time() {
            var d = journey.in(received(NO_LIMIT), DossierState.RESULT_READY);
            assertThat(d.finished()).contains(Timeliness.ON_TIME);
        }

        @Test
        void by_date_before_on_and_after_the_appointment_with_the_words_of_form_05() {
            var d = journey.in(DossierState.IN_PROCESS);
            assertThat(d.classify(DUE.minusDays(1))).isEqualTo(Timeliness.EARLY);
            assertThat(d.classify(DUE)).isEqualTo(Timeliness.ON_TIME);
            assertThat(d.classify(DUE.plusDays(1))).isEqualTo(Timeliness.LATE);
            assertThat(List.of(Timeliness.values())).extracting(Timeliness::label)
                    .containsExactly("Trước hạn", "Đúng hạn", "Trễ hạn");
        }

        @Test
        void one_supplement_request_is_normal_and_more_than_one_counts_late_even_without_a_time_limit() {
            var twice = new Lifecycle(new Lifecycle.Policy(2, 1));
            for (var start : List.of(received(), received(NO_LIMIT))) {
                var paused = journey.in(start, DossierState.SUPPLEMENT_REQUESTED);
                var resumed = journey.apply(paused, new SupplementReceived(id(), CLERK, day(9),
                        start.appointment().isPresent() ? DUE : null));
                assertThat(resumed.classify(DUE)).as("one request, %s", start.procedureCode()).isEqualTo(Timeliness.ON_TIME);
                var second = ((Decision.Applied) twice.apply(resumed, supplementRequested())).dossier();
                assertThat(second.classify(DUE.minusDays(5))).as("two requests, %s", start.procedureCode())
                        .isEqualTo(Timeliness.LATE);
            }
        }
    }

    @Nested
    class Documents {
        @Test
        void attaching_records_the_document_and_a_new_upload_with_the_same_key_replaces_it() {
            var d = journey.apply(received(), new DocumentAttached(id(), CLERK, day(2), document("Đơn đề nghị", "d/1.pdf")));
            d = journey.apply(d, new DocumentAttached(id(), CLERK, day(2), document("Bản sao văn bằng", "d/2.pdf")));
            d = journey.apply(d, new DocumentAttached(id(), CLERK, day(3), document("Đơn đề nghị (bản ký lại)", "d/1.pdf")));

            assertThat(d.documents()).extracting(DossierDocument::key).containsExactly("d/2.pdf", "d/1.pdf");
            assertThat(d.documents().get(1).name()).isEqualTo("Đơn đề nghị (bản ký lại)");
            assertThat(d.history()).hasSize(4);
            assertThat(d.state()).isEqualTo(DossierState.RECEIVED);
        }

        @Test
        void a_rejected_upload_is_recorded_with_its_reason_and_changes_nothing_else() {
            var before = journey.apply(received(), new DocumentAttached(id(), CLERK, day(2), document("Đơn đề nghị", "d/1.pdf")));
            var rejected = new DocumentRejected(id(), Actor.system("document-received"), day(2), "Bản sao CCCD.pdf",
                    DocumentRejection.TYPE_MISMATCH);

            var d = journey.apply(before, rejected);

            assertThat(d.documents()).isEqualTo(before.documents());
            assertThat(d.state()).isEqualTo(before.state());
            var entry = d.history().get(d.history().size() - 1);
            assertThat(entry.kind()).isEqualTo(EventKind.DOCUMENT_REJECTED);
            assertThat(entry.reason()).contains("TYPE_MISMATCH: «Bản sao CCCD.pdf» có nội dung không khớp với loại tệp đã khai báo");
            assertThat(journey.lifecycle.apply(d, rejected)).isEqualTo(new Decision.Applied(d, true));
        }

        @Test
        void a_closed_dossier_refuses_attachments_but_records_rejections() {
            var stopped = journey.in(DossierState.STOPPED);
            assertThat(journey.lifecycle.apply(stopped, new DocumentAttached(id(), CLERK, day(6), document("Muộn", "d/9.pdf"))))
                    .isInstanceOf(Refusal.class);

            var d = journey.apply(stopped, new DocumentRejected(id(), Actor.system("document-received"), day(6), "muon.pdf",
                    DocumentRejection.DOSSIER_CLOSED));

            assertThat(d.state()).isEqualTo(DossierState.STOPPED);
            assertThat(d.history().get(d.history().size() - 1).reason().orElseThrow()).startsWith("DOSSIER_CLOSED");
        }

        @Test
        void a_rejection_needs_the_file_and_the_reason() {
            assertThatThrownBy(() -> new DocumentRejected(id(), CLERK, day(2), " ", DocumentRejection.EMPTY))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new DocumentRejected(id(), CLERK, day(2), "a.pdf", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    
        @Test
        void a_refused_callback_is_recorded_for_the_desk_without_moving_the_dossier_and_only_once() {
            var transferred = journey.in(DossierState.TRANSFERRED);
            var failed = new DossierEvent.DeliveryFailed(id(), Actor.system("dispatcher"), day(2), transferred.agencyId(), 422,
                    "unknown procedure code");

            var d = journey.apply(transferred, failed);

            assertThat(d.state()).isEqualTo(DossierState.TRANSFERRED);
            var entry = d.history().get(d.history().size() - 1);
            assertThat(entry.kind()).isEqualTo(EventKind.DELIVERY_FAILED);
            assertThat(entry.reason().orElseThrow()).contains("HTTP 422").contains("unknown procedure code")
                    .contains("liên hệ cơ quan");
            assertThat(journey.lifecycle.apply(d, failed)).isEqualTo(new Decision.Applied(d, true));
            // once the dossier is closed nobody needs to hear of a callback
            assertThat(journey.lifecycle.apply(journey.in(DossierState.STOPPED), new DossierEvent.DeliveryFailed(id(),
                    Actor.system("dispatcher"), day(6), transferred.agencyId(), 400, ""))).isInstanceOf(Refusal.class);
        }
}
}
