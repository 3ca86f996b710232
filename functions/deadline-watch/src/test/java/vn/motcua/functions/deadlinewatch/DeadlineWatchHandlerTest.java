package vn.motcua.functions.deadlinewatch;

import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.desk.Desk;
import vn.motcua.desk.DeskService;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.Delayed;
import vn.motcua.domain.dossier.DossierEvent.ResultReady;
import vn.motcua.domain.dossier.DossierEvent.SupplementRequested;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.SentEmail;
import vn.motcua.local.stack.TestStack;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.NoticeTemplates;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.store.DossierCodes;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.NoticeLedger;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The deadline watch through its schedule inputs (events/deadline-watch-*.json) against this class's
 * own table and queues and the local SES. March 2020: dossiers due Wednesday 18 March; the watch runs
 * at the times each test sets. Tests share the table, so each looks only at its own dossiers' codes.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlineWatchHandlerTest {

    private static final String KHCN = "1.000173";
    private static final String OFFICE = "vanphong@motcua-quangngai.invalid", DESK = "quay@motcua-quangngai.invalid";
    private static final String SENDER = "thongbao@motcua-quangngai.invalid";

    private TestStack aws;
    private ReferenceData reference;
    private DossierRepository repository;
    private Receipts receipts;
    private final AtomicInteger seq = new AtomicInteger(300);

    @BeforeAll
    void world(TestStack aws) {
        this.aws = aws;
        var tables = SeededTables.publish(aws);
        reference = tables.reference();
        repository = tables.dossiers();
        receipts = tables.receipts();
    }

    private DeadlineWatchHandler watchAt(Instant now) {
        var table = aws.table("DossierTable");
        var settings = new DeadlineWatch.Settings(2, 5, Duration.ofMinutes(5), OFFICE, DESK);
        return new DeadlineWatchHandler(new DeadlineWatch(repository, new NoticeLedger(aws.dynamoDb(), table), reference::current,
                RoutingQueue.sqs(aws.sqs(), aws.queueUrl("RoutingQueue")), NotificationQueue.sqs(aws.sqs(), aws.queueUrl("NotificationQueue")),
                new NoticeTemplates(), Mailer.ses(aws.sesV2(), SENDER, ""), Desk.QUANG_NGAI_POST, "https://motcua.example",
                settings, Clock.fixed(now, Dossier.ZONE)));
    }

    private static JsonNode run(DeadlineWatchHandler handler, String eventFile) {
        return LambdaEvents.invoke(handler, LambdaEvents.load(eventFile));
    }

    private List<String> drain(String queue) {
        var bodies = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var got = aws.sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl(queue)).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            got.forEach(m -> bodies.add(m.body()));
            if (got.isEmpty()) break;
        }
        return bodies;
    }

    private Dossier inProcess() {
        var d = receipts.receive(KHCN, seq.incrementAndGet(), vn(2020, 3, 4, 9, 0), LocalDate.of(2020, 3, 18));
        return receipts.apply(d, new Transferred(id(), ROUTER, vn(2020, 3, 4, 10, 0), d.agencyId()),
                new Accepted(id(), officerOf(d), vn(2020, 3, 4, 11, 0)));
    }

    private List<SentEmail> mailTo(String address) {
        return aws.sentEmails().stream().filter(m -> m.to().contains(address)).toList();
    }

    // ---- the sweep ------------------------------------------------------------------------------

    @Test
    void theSweepRecoversADossierWhoseRoutingJobWasLost_withIntakesJobId_andItsReceiptNotice() throws Exception {
        var received = vn(2020, 3, 4, 9, 0);
        var lostRouting = new DeskService(repository, new DossierCodes(aws.dynamoDb(), aws.table("DossierTable")), reference::current,
                job -> { throw new IllegalStateException("crash between storing the dossier and queuing it"); },
                job -> { throw new IllegalStateException("the notice was lost too"); }, Desk.QUANG_NGAI_POST, Clock.fixed(received, Dossier.ZONE));
        var body = Json.mapper().readTree(LambdaEvents.load("intake-post.json").path("body").asText());
        var result = (DeskService.Received) lostRouting.receive(new DeskService.Clerk("quay01", "Quầy 01"), body, Optional.empty(), "req-1");
        assertThat(result.routing()).isEqualTo(DeskService.Routing.PENDING);
        var code = new DossierCode(result.receipt().code());
        drain("RoutingQueue");
        drain("NotificationQueue");

        var tooSoon = run(watchAt(received.plus(Duration.ofMinutes(2))), "deadline-watch-sweep.json");
        assertThat(drain("RoutingQueue")).noneMatch(b -> b.contains(code.value()));
        assertThat(tooSoon.path("routingRequeued").asInt()).isZero();

        var answer = run(watchAt(received.plus(Duration.ofMinutes(10))), "deadline-watch-sweep.json");

        assertThat(answer.path("routingRequeued").asInt()).isGreaterThanOrEqualTo(1);
        var jobs = new ArrayList<RoutingJob>();
        for (var b : drain("RoutingQueue")) jobs.add(RoutingJob.parse(b));
        assertThat(jobs).filteredOn(j -> j.dossierCode().equals(code)).singleElement().satisfies(j -> {
            assertThat(j.jobId()).isEqualTo("route-" + code.value() + "-received");
            assertThat(j.reason()).isEqualTo(RoutingJob.Reason.SWEEP);
        });
        var notices = new ArrayList<NotificationJob>();
        for (var b : drain("NotificationQueue")) notices.add(NotificationJob.parse(b));
        assertThat(notices).filteredOn(j -> j.dossierCode().equals(code)).singleElement()
                .satisfies(j -> assertThat(j.eventId()).isEqualTo("receive-" + code.value()));
    }

    @Test
    void theSweepLeavesRoutedDossiersAlone() throws BadInput {
        var d = inProcess();
        run(watchAt(vn(2020, 3, 5, 9, 0)), "deadline-watch-sweep.json");
        assertThat(drain("RoutingQueue")).noneMatch(b -> b.contains(d.code().value()));
    }

    // ---- the daily run --------------------------------------------------------------------------

    @Test
    void theDayAfterTheDueDateTheDossierIsFlagged_theApplicantToldAndTheOfficeAlertedOnce() throws BadInput {
        var late = inProcess();
        var apologised = inProcess();
        receipts.apply(apologised, new Delayed(id(), officerOf(apologised), vn(2020, 3, 17, 9, 0), "Chờ kiểm định", LocalDate.of(2020, 3, 25)));
        var paused = inProcess();
        receipts.apply(paused, new SupplementRequested(id(), officerOf(paused), vn(2020, 3, 6, 9, 0), List.of("Biên bản kiểm định"), "Quá hạn"));
        drain("NotificationQueue");
        var thursday = vn(2020, 3, 19, 7, 0);

        var answer = run(watchAt(thursday), "deadline-watch-daily.json");
        run(watchAt(thursday.plus(Duration.ofMinutes(30))), "deadline-watch-daily.json"); // a retried run

        assertThat(answer.path("alertSent").asBoolean()).isTrue();
        assertThat(repository.find(late.code()).orElseThrow().overdue()).isTrue();
        assertThat(repository.find(apologised.code()).orElseThrow().overdue()).isFalse();
        assertThat(repository.find(paused.code()).orElseThrow().overdue()).isFalse();
        var jobs = new ArrayList<NotificationJob>();
        for (var b : drain("NotificationQueue")) jobs.add(NotificationJob.parse(b));
        assertThat(jobs).filteredOn(j -> j.dossierCode().equals(late.code())).isNotEmpty()
                .allSatisfy(j -> assertThat(j.eventKind()).isEqualTo(NotificationJob.Kind.OVERDUE))
                .extracting(NotificationJob::idempotencyKey).containsOnly(late.code().value() + "/overdue-" + late.code().value() + "-2020-03-18");

        var alerts = mailTo(OFFICE).stream().filter(m -> m.subject().contains("19/03/2020")).toList();
        assertThat(alerts).singleElement().satisfies(m -> {
            assertThat(m.subject()).startsWith("Cảnh báo:").contains("quá hạn chưa có văn bản xin lỗi");
            assertThat(m.text()).contains(late.code().value(), "hẹn 18/03/2020", "Sở Khoa học và Công nghệ")
                    .doesNotContain(apologised.code().value(), paused.code().value(), Receipts.NAME);
        });
        var digest = mailTo(DESK).stream().filter(m -> m.subject().contains("19/03/2020")).toList();
        assertThat(digest).singleElement().satisfies(m -> assertThat(m.text()).contains("Quá hạn", late.code().value()));
    }

    @Test
    void departmentsAreRemindedOfDossiersDueWithinTheLead_onceADay() {
        var soon = inProcess();
        var monday = vn(2020, 3, 16, 7, 0);

        var first = run(watchAt(monday), "deadline-watch-daily.json");
        run(watchAt(monday.plus(Duration.ofHours(1))), "deadline-watch-daily.json");

        assertThat(first.path("remindersSent").asInt()).isGreaterThanOrEqualTo(1);
        var contact = reference.current().catalog().agency(soon.agencyId()).orElseThrow().contactEmail();
        var reminders = mailTo(contact).stream().filter(m -> m.text().contains("16/03/2020")).toList();
        assertThat(reminders).singleElement().satisfies(m -> {
            assertThat(m.subject()).startsWith("Nhắc hạn:").contains("18/03/2020");
            assertThat(m.text()).contains(soon.code().value(), "hạn 18/03/2020", "Mẫu số 04").doesNotContain(Receipts.NAME);
        });
    }

    @Test
    void theDigestListsResultsWaitingTooLongForPickup() {
        var waiting = inProcess();
        receipts.apply(waiting, new ResultReady(id(), officerOf(waiting), vn(2020, 3, 5, 16, 0), new Outcome.Approved(List.of())));
        assertThat(repository.find(waiting.code()).orElseThrow().state()).isEqualTo(DossierState.RESULT_READY);

        var answer = run(watchAt(vn(2020, 3, 20, 7, 0)), "deadline-watch-daily.json"); // Friday: 11 working days later

        assertThat(answer.path("waiting").asInt()).isGreaterThanOrEqualTo(1);
        var digest = mailTo(DESK).stream().filter(m -> m.subject().contains("20/03/2020")).toList();
        assertThat(digest).singleElement().satisfies(m -> {
            assertThat(m.subject()).startsWith("Một Cửa ngày 20/03/2020:");
            assertThat(m.text()).contains("Kết quả chờ người dân đến nhận quá 5 ngày làm việc", waiting.code().value());
            assertThat(m.html()).contains("<td>" + waiting.code().value() + "</td>", "Đã có kết quả, chờ trả");
        });
    }

    @Test
    @org.junit.jupiter.api.DisplayName("60 days before a year whose holiday table is missing, the daily run tells the office once, naming the year")
    void theOfficeIsToldSixtyDaysAheadOfAYearWithoutAHolidayTable() {
        // the seed has 2020, 2026 and 2027: on 1 Oct 2020, 2021 is 92 days away; on 3 Nov 2020, 59 days
        var october = run(watchAt(vn(2020, 10, 1, 7, 0)), "deadline-watch-daily.json");
        assertThat(october.path("holidayTablesMissing")).isEmpty();
        var november = vn(2020, 11, 3, 7, 0);
        var answer = run(watchAt(november), "deadline-watch-daily.json");
        run(watchAt(november.plus(Duration.ofHours(1))), "deadline-watch-daily.json"); // a retried run
        run(watchAt(vn(2020, 11, 4, 7, 0)), "deadline-watch-daily.json"); // the next day: already told

        assertThat(answer.path("holidayTablesMissing").toString()).isEqualTo("[2021]");
        var alerts = mailTo(OFFICE).stream().filter(m -> m.subject().contains("năm 2021")).toList();
        assertThat(alerts).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Cần nạp lịch ngày nghỉ năm 2021: còn 59 ngày (03/11/2020)");
            assertThat(m.text()).contains("chưa có lịch ngày nghỉ năm 2021", "01/01/2021", "infra/seed/calendar/2021.json");
        });
    }

    @Test
    void anUnknownTaskFails() {
        var event = Json.object().put("task", "everything");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LambdaEvents.invoke(watchAt(Instant.now()), event))
                .hasMessageContaining("unknown deadline watch task");
    }
}
