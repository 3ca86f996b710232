package vn.motcua.functions.notifier;

import vn.motcua.testing.SeededTables;
import vn.motcua.notices.Notifier;
import vn.motcua.notices.NoticeModel;
import vn.motcua.notices.NoticeTemplates;
import vn.motcua.desk.Desk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.desk.LookupSecret;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.Delayed;
import vn.motcua.domain.dossier.DossierEvent.FeeRequested;
import vn.motcua.domain.dossier.DossierEvent.HandedToPost;
import vn.motcua.domain.dossier.DossierEvent.ResultReady;
import vn.motcua.domain.dossier.DossierEvent.SupplementRequested;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.SentEmail;
import vn.motcua.local.stack.TestStack;
import vn.motcua.notices.Mailer;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.NoticeLedger;
import vn.motcua.store.NoticeRecord;
import vn.motcua.store.ReferenceData;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.CLERK;
import static vn.motcua.local.seed.Receipts.EMAIL;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * The notifier through events/notification-queue.json against this class's own table and the local
 * SES; every assertion on mail reads it back from the SES emulator's store. Dossiers are received on
 * Wednesday 4 March 2020 (due Wednesday 18 March) and moved on with the standard lifecycle.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierHandlerTest {

    private static final String KHCN = "1.000173", GDDT = "2.001914";
    private static final String SENDER = "thongbao@motcua-quangngai.invalid";
    private static final String LOOKUP = "https://motcua.quangngai.example";

    private TestStack aws;
    private ReferenceData reference;
    private DossierRepository repository;
    private NoticeLedger ledger;
    private Receipts receipts;
    private NotifierHandler handler;
    private final AtomicInteger seq = new AtomicInteger(200);

    @BeforeAll
    void world(TestStack aws) {
        this.aws = aws;
        var tables = SeededTables.publish(aws);
        reference = tables.reference();
        repository = tables.dossiers();
        ledger = tables.notices();
        receipts = tables.receipts();
        handler = handler(Mailer.ses(aws.sesV2(), SENDER, "motcua-test-notices"));
    }

    private NotifierHandler handler(Mailer mailer) {
        return new NotifierHandler(new Notifier(repository, ledger, () -> new NoticeModel(reference.current().catalog(), Desk.QUANG_NGAI_POST,
                LOOKUP), new NoticeTemplates(), mailer, Clock.systemUTC()));
    }

    // ---- the world ------------------------------------------------------------------------------

    private Dossier received(String procedure, ResultReturn ret) {
        return receipts.receive(procedure, seq.incrementAndGet(), vn(2020, 3, 4, 9, 30), LocalDate.of(2020, 3, 18), ret, "K7M2QXPA");
    }

    private Dossier inProcess(String procedure, ResultReturn ret) {
        var d = received(procedure, ret);
        return receipts.apply(d, new Transferred(id(), ROUTER, vn(2020, 3, 4, 10, 0), d.agencyId()),
                new Accepted(id(), officerOf(d), vn(2020, 3, 4, 11, 0)));
    }

    /** The job the function that applied {@code event} queued. */
    private static NotificationJob jobFor(Dossier d, DossierEvent event) {
        return NotificationJob.after(d.code(), event, event.at()).orElseThrow();
    }

    private static NotificationJob receiptJob(Dossier d) {
        return new NotificationJob(d.code(), NotificationJob.Kind.RECEIVED, d.history().get(0).eventId(), d.receivedAt());
    }

    /** One SQS batch of these jobs, as Lambda delivers it: returns the ids of the messages that failed. */
    private List<String> deliver(NotifierHandler h, NotificationJob... jobs) {
        ObjectNode event = LambdaEvents.load("notification-queue.json");
        var template = (ObjectNode) event.path("Records").get(0);
        var records = event.putArray("Records");
        int n = 0;
        for (var job : jobs) {
            var r = template.deepCopy();
            r.put("messageId", "msg-" + (++n) + "-" + id());
            r.put("body", job.toJson());
            records.add(r);
        }
        JsonNode answer = LambdaEvents.invoke(h, event);
        var failed = new ArrayList<String>();
        answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        return failed;
    }

    private List<String> deliver(NotificationJob... jobs) { return deliver(handler, jobs); }

    private List<SentEmail> mailAbout(DossierCode code) {
        return aws.sentEmails().stream().filter(m -> m.subject().contains(code.value())).toList();
    }

    private SentEmail onlyMailAbout(DossierCode code) {
        var mail = mailAbout(code);
        assertThat(mail).hasSize(1);
        return mail.get(0);
    }

    // ---- each notice ----------------------------------------------------------------------------

    @Test
    void theReceiptNoticeGoesToTheApplicantInVietnameseWithCodeDatesAndLink() {
        var d = received(KHCN, ResultReturn.atDesk());

        assertThat(deliver(receiptJob(d))).isEmpty();

        var mail = onlyMailAbout(d.code());
        assertThat(mail.from()).isEqualTo(SENDER);
        assertThat(mail.to()).containsExactly(EMAIL);
        assertThat(mail.subject()).isEqualTo("Đã tiếp nhận hồ sơ " + d.code().value());
        for (var body : List.of(mail.text(), mail.html())) {
            assertThat(body).contains("Kính gửi Ông/Bà Nguyễn Văn An", d.code().value(), "09:30 ngày 04/03/2020",
                    "Ngày hẹn trả kết quả", "18/03/2020", "Sở Khoa học và Công nghệ", "Mẫu số 01");
        }
        assertThat(mail.text()).contains(LOOKUP + "/#tra-cuu?ma=" + d.code().value());
        // Mustache escapes '=' too, which every mail client reads back as '='
        assertThat(mail.html()).contains("<strong>18/03/2020</strong>", "<a href=\"" + LOOKUP + "/#tra-cuu?ma&#61;" + d.code().value() + "\">");
        assertThat(mail.text()).doesNotContain("<p>", "&");
    }

    @Test
    void aSupplementRequestListsTheItemsAndWhereToBringThem_everyTypedValueEscapedInHtml() {
        var d = inProcess(KHCN, ResultReturn.atDesk());
        var event = new SupplementRequested(id(), officerOf(d), vn(2020, 3, 6, 9, 0),
                List.of("Biên bản kiểm định <b>X-quang</b>", "Bản sao \"chứng chỉ\" nhân viên bức xạ & giấy khám sức khỏe"),
                "Biên bản đã quá 12 tháng");
        receipts.apply(d, event);

        assertThat(deliver(jobFor(d, event))).isEmpty();

        var mail = onlyMailAbout(d.code());
        assertThat(mail.subject()).isEqualTo("Hồ sơ " + d.code().value() + " cần bổ sung giấy tờ");
        assertThat(mail.html()).contains("<li>Biên bản kiểm định &lt;b&gt;X-quang&lt;/b&gt;</li>",
                        "Bản sao &quot;chứng chỉ&quot; nhân viên bức xạ &amp; giấy khám sức khỏe", "Mẫu số 02", "06/03/2020",
                        "Lý do: Biên bản đã quá 12 tháng", "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi")
                .doesNotContain("<b>X-quang</b>");
        assertThat(mail.text()).contains("- Biên bản kiểm định <b>X-quang</b>",
                "- Bản sao \"chứng chỉ\" nhân viên bức xạ & giấy khám sức khỏe");
    }

    @Test
    void feeResultRefusalDelayAndPostEachSayWhatTheApplicantNeeds() {
        var fee = inProcess(KHCN, ResultReturn.atDesk());
        var feeEvent = new FeeRequested(id(), officerOf(fee), vn(2020, 3, 9, 9, 0), 2_500_000, Optional.of("Phí thẩm định cấp giấy phép"));
        receipts.apply(fee, feeEvent);

        var refused = inProcess(GDDT, ResultReturn.atDesk());
        var refusal = new ResultReady(id(), officerOf(refused), vn(2020, 3, 10, 15, 0),
                new Outcome.Refused(List.of("Văn bằng không có trong sổ gốc của trường"), List.of()));
        receipts.apply(refused, refusal);

        var late = inProcess(KHCN, ResultReturn.atDesk());
        var delay = new Delayed(id(), officerOf(late), vn(2020, 3, 16, 8, 0), "Chờ kết quả kiểm định thiết bị", LocalDate.of(2020, 3, 25));
        receipts.apply(late, delay);

        var post = inProcess(GDDT, ResultReturn.byPost(Receipts.POSTAL_ADDRESS));
        var ready = new ResultReady(id(), officerOf(post), vn(2020, 3, 11, 16, 0), new Outcome.Approved(List.of("results/x.pdf")));
        var handed = new HandedToPost(id(), CLERK, vn(2020, 3, 12, 9, 0), "EB123456789VN");
        receipts.apply(post, ready, handed);

        assertThat(deliver(jobFor(fee, feeEvent), jobFor(refused, refusal), jobFor(late, delay), jobFor(post, ready), jobFor(post, handed)))
                .isEmpty();

        assertThat(onlyMailAbout(fee.code()).text()).contains("Số tiền: 2.500.000 đồng", "Phí thẩm định cấp giấy phép", "09/03/2020");
        var refusedMail = onlyMailAbout(refused.code());
        assertThat(refusedMail.subject()).contains("không được giải quyết");
        assertThat(refusedMail.text()).contains("- Văn bằng không có trong sổ gốc của trường", "10/03/2020");
        var delayMail = onlyMailAbout(late.code());
        assertThat(delayMail.subject()).isEqualTo("Xin lỗi: hồ sơ " + late.code().value() + " được hẹn lại ngày trả kết quả 25/03/2020");
        assertThat(delayMail.text()).contains("Mẫu số 04", "Ngày hẹn trước đây: 18/03/2020", "Lý do chậm: Chờ kết quả kiểm định thiết bị",
                "Ngày hẹn trả kết quả mới: 25/03/2020");
        var postMail = mailAbout(post.code());
        assertThat(postMail).extracting(SentEmail::subject).containsExactly(
                "Hồ sơ " + post.code().value() + " đã có kết quả",
                "Kết quả hồ sơ " + post.code().value() + " đã gửi qua bưu điện, số hiệu EB123456789VN");
        assertThat(postMail.get(0).text()).contains("gửi qua dịch vụ bưu chính đến địa chỉ " + Receipts.POSTAL_ADDRESS);
        assertThat(postMail.get(1).html()).contains("<strong>EB123456789VN</strong>");
    }

    @Test
    void eventsTheApplicantDoesNotHearOfSendNothingAndSucceed() {
        var d = received(KHCN, ResultReturn.atDesk());
        var transferred = new Transferred(id(), ROUTER, vn(2020, 3, 4, 10, 0), d.agencyId());
        var accepted = new Accepted(id(), officerOf(d), vn(2020, 3, 4, 11, 0));
        receipts.apply(d, transferred, accepted);

        assertThat(deliver(jobFor(d, transferred), jobFor(d, accepted))).isEmpty();

        assertThat(mailAbout(d.code())).isEmpty();
    }

    // ---- once, and recorded ---------------------------------------------------------------------

    @Test
    void aJobDeliveredTwiceSendsOneEmail_inOneBatchAndAcrossBatches_andTheNoticeIsRecordedWithSesMessageId() {
        var d = received(KHCN, ResultReturn.atDesk());
        var job = receiptJob(d);

        assertThat(deliver(job, job)).isEmpty();
        assertThat(deliver(job)).isEmpty();

        var mail = onlyMailAbout(d.code());
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(ledger.of(stored)).singleElement().satisfies(r -> {
            assertThat(r.notice()).isEqualTo("received");
            assertThat(r.status()).isEqualTo(NoticeRecord.Status.SENT);
            assertThat(r.messageId()).contains(mail.messageId());
            assertThat(r.id()).isEqualTo(job.eventId());
        });
    }

    @Test
    void twoConcurrentDeliveriesOfOneJobSendOneEmail() throws Exception {
        var d = received(KHCN, ResultReturn.atDesk());
        var job = receiptJob(d);
        var barrier = new CyclicBarrier(4);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<List<String>>>();
            for (int i = 0; i < 4; i++) results.add(pool.submit(() -> { barrier.await(); return deliver(job); }));
            int failed = 0;
            for (var r : results) failed += r.get().size();
            // The losers see a live claim and fail their message, to be retried after the lease; the retry finds it sent.
            assertThat(failed).isLessThan(4);
            assertThat(deliver(job)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(mailAbout(d.code())).hasSize(1);
    }

    @Test
    void anApplicantWithoutEmailIsRecordedAsNotSent_withoutRetry() {
        var procedure = reference.current().catalog().procedure(KHCN).orElseThrow();
        var agency = reference.current().catalog().agencyOf(procedure);
        var code = DossierCode.of(agency.electronicId(), LocalDate.of(2020, 3, 4), seq.incrementAndGet());
        var noEmail = new Applicant(Receipts.NAME, Receipts.ID_NUMBER, Receipts.PHONE, Optional.empty(), Receipts.ADDRESS);
        var decision = Dossier.receive(new Dossier.Intake("receive-" + code.value(), code, procedure, Receipts.DESK, CLERK,
                vn(2020, 3, 4, 9, 0), LocalDate.of(2020, 3, 18), noEmail, Channel.IN_PERSON, ResultReturn.atDesk(),
                LookupSecret.hash(code, "K7M2QXPA")));
        var d = ((Decision.Applied) decision).dossier();
        repository.create(d);

        assertThat(deliver(receiptJob(d), receiptJob(d))).isEmpty();

        assertThat(mailAbout(d.code())).isEmpty();
        assertThat(ledger.find(d.code().value(), "receive-" + code.value())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(NoticeRecord.Status.NOT_SENT);
            assertThat(r.reason()).contains("NO_EMAIL");
        });
    }

    // ---- SES down -------------------------------------------------------------------------------

    @Test
    void whenSesDoesNotAnswerTheMessageFailsAndNothingIsRecorded_thenTheRetrySendsOnce() throws IOException {
        var d = received(KHCN, ResultReturn.atDesk());
        var job = receiptJob(d);
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var env = new HashMap<>(aws.awsEnvironment());
        env.put("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + closedPort);
        try (var deadSes = AwsClients.newSesV2(AwsSettings.from(env))) {
            var down = handler(Mailer.ses(deadSes, SENDER, ""));
            assertThat(deliver(down, job)).hasSize(1);
            assertThat(deliver(down, job)).hasSize(1);
        }
        assertThat(mailAbout(d.code())).isEmpty();
        assertThat(ledger.find(d.code().value(), job.eventId())).isEmpty();

        assertThat(deliver(job)).isEmpty();   // SES is back: the queue's next delivery

        assertThat(mailAbout(d.code())).hasSize(1);
        assertThat(ledger.find(d.code().value(), job.eventId())).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(NoticeRecord.Status.SENT));
    }

    @Test
    void aJobForAnUnknownDossierFailsSoTheQueueRetriesThenDeadLetters() {
        var job = new NotificationJob(new DossierCode("000.00.92.H48-200304-9999"), NotificationJob.Kind.RECEIVED,
                "receive-000.00.92.H48-200304-9999", vn(2020, 3, 4, 9, 0));
        assertThat(deliver(job)).hasSize(1);
    }

    @Test
    void aMalformedMessageFailsAlone() {
        var d = received(KHCN, ResultReturn.atDesk());
        ObjectNode event = LambdaEvents.load("notification-queue.json");
        var good = (ObjectNode) event.path("Records").get(0).deepCopy();
        good.put("messageId", "good").put("body", receiptJob(d).toJson());
        var bad = (ObjectNode) event.path("Records").get(0).deepCopy();
        bad.put("messageId", "bad").put("body", "{\"dossierCode\":42}");
        event.putArray("Records").add(bad).add(good);

        var answer = LambdaEvents.invoke(handler, event);

        assertThat(answer.path("batchItemFailures").findValuesAsText("itemIdentifier")).containsExactly("bad");
        assertThat(mailAbout(d.code())).hasSize(1);
    }
}
