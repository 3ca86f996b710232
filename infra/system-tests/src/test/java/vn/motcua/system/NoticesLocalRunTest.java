package vn.motcua.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.LocalRun;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.SentEmail;
import vn.motcua.local.stack.SentSms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run on the real template and artifacts: a clerk receives a dossier and records the
 * citizen's withdrawal through the API; the notifier, fed by the notification queue's poller, sends
 * each email, which shows up in the SES emulator's mailbox, and, with the applicant's consent, each SMS, which
 * shows up in moto's SNS. The whole life goes through every function:
 * routed and delivered to the simulated department, which answers through the signed API.
 */
class NoticesLocalRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    private static LocalRun run;

    @BeforeAll
    static void start() {
        run = LocalRun.start(LocalRun.Options.ephemeral(ProjectDirectory.find(), data).build());
    }

    @AfterAll
    static void stop() {
        if (run != null) run.close();
    }

    @Test
    void aReceivedThenWithdrawnDossierMailsItsApplicantThreeTimesThroughTheQueue() throws Exception {
        String token = signIn();
        String body = LambdaEvents.load("intake-post.json").path("body").asText();
        var receive = HTTP.send(HttpRequest.newBuilder(api("/dossiers")).header("Authorization", "Bearer " + token)
                .header("content-type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(receive.statusCode()).as(receive.body()).isEqualTo(201);
        String code = JSON.readTree(receive.body()).path("code").asText();
        String email = JSON.readTree(body).path("applicant").path("email").asText();

        var receipt = awaitMail(code, 1);
        assertThat(receipt.get(0).to()).containsExactly(email);
        assertThat(receipt.get(0).subject()).isEqualTo("Đã tiếp nhận hồ sơ " + code);

        var withdraw = HTTP.send(HttpRequest.newBuilder(api("/dossiers/" + code + "/withdrawal")).header("Authorization", "Bearer " + token)
                .header("content-type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"Không còn nhu cầu\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withdraw.statusCode()).as(withdraw.body()).isEqualTo(200);

        // the withdrawal recorded, then completed: stopped by the router (never transferred) or on the department's acknowledgement
        var all = awaitMail(code, 3);
        assertThat(all.get(0).subject()).isEqualTo("Đã tiếp nhận hồ sơ " + code);
        assertThat(all).extracting(SentEmail::subject).containsExactlyInAnyOrder("Đã tiếp nhận hồ sơ " + code,
                "Đã ghi nhận đề nghị rút hồ sơ " + code, "Hồ sơ " + code + " đã dừng xử lý theo đề nghị rút hồ sơ");
        assertThat(all).filteredOn(m -> m.subject().startsWith("Đã ghi nhận")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("Lý do rút hồ sơ: Không còn nhu cầu"));
    }

    @Test
    void aDossiersWholeLifeMailsAndTextsItsApplicantOncePerNoticeAndChannel() throws Exception {
        String token = signIn();
        var request = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(LambdaEvents.load("intake-post.json").path("body").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) request.path("applicant")).put("smsConsent", true); // SMS too, with consent
        String body = request.toString();
        var receive = post(token, "/dossiers", body);
        assertThat(receive.statusCode()).as(receive.body()).isEqualTo(201);
        String code = JSON.readTree(receive.body()).path("code").asText();
        String email = JSON.readTree(body).path("applicant").path("email").asText();

        // the router and the dispatcher deliver it to the simulated department
        String agency = JSON.readTree(get(token, "/dossiers/" + code).body()).path("agency").path("id").asText();
        assertThat(awaitCallback(agency, code, Duration.ofSeconds(60))).as("the department received " + code).isTrue();

        answer(agency, code, "{\"accepted\":{}}");
        answer(agency, code, "{\"feeRequired\":{\"amountVnd\":50000,\"note\":\"Lệ phí cấp giấy phép\"}}");
        assertThat(post(token, "/dossiers/" + code + "/fee-paid", "{\"amountVnd\":50000,\"receiptNumber\":\"0001234\"}").statusCode()).isEqualTo(200);
        String due = JSON.readTree(get(token, "/dossiers/" + code).body()).path("dueDate").asText();
        String later = java.time.LocalDate.parse(due).plusDays(7).toString();
        answer(agency, code, "{\"delayed\":{\"reason\":\"Cần xác minh thêm với cơ quan liên quan\",\"newAppointment\":\"" + later + "\"}}");
        answer(agency, code, "{\"resultReady\":{\"outcome\":\"approved\",\"documents\":[\"SIM/ket-qua.pdf\"]}}");
        var returned = post(token, "/dossiers/" + code + "/returned",
                "{\"method\":\"at_desk\",\"collector\":{\"name\":\"Nguyễn Văn An\",\"idNumber\":\"051190001234\"}}");
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);

        var all = awaitMail(code, 5);
        assertThat(all).extracting(SentEmail::subject).containsExactlyInAnyOrder(
                "Đã tiếp nhận hồ sơ " + code,
                "Hồ sơ " + code + ": đề nghị nộp phí, lệ phí",
                "Xin lỗi: hồ sơ " + code + " được hẹn lại ngày trả kết quả "
                        + java.time.LocalDate.parse(later).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                "Hồ sơ " + code + " đã có kết quả",
                "Đã trả kết quả hồ sơ " + code);
        assertThat(all).allSatisfy(m -> assertThat(m.to()).containsExactly(email));

        // the same notices by SMS, read back from moto's SNS: one per event, to the number in E.164
        var link = "#tra-cuu?ma=" + code; // the public page on the API's own origin (17b)
        var sms = awaitSms(code, 5);
        assertThat(sms).allSatisfy(m -> {
            assertThat(m.to()).isEqualTo("+84905123456");
            assertThat(m.text()).contains(code, link);
            assertThat(vn.motcua.notices.SmsSegments.count(m.text()).segments()).isLessThanOrEqualTo(2);
        });
        assertThat(sms).extracting(SentSms::text).satisfiesExactlyInAnyOrder(
                t -> assertThat(t).startsWith("Đã nhận HS " + code),
                t -> assertThat(t).startsWith("HS " + code + ": nộp 50.000 đồng tại quầy"),
                t -> assertThat(t).startsWith("Xin lỗi! HS " + code + " hẹn lại "),
                t -> assertThat(t).startsWith("HS " + code + " đã có kết quả, gửi bưu điện"), // the intake sample returns by post
                t -> assertThat(t).startsWith("HS " + code + " đã trả kết quả, mời đánh giá: "));

        Thread.sleep(2_000); // nothing more comes: transfer, acceptance and the fee paid are no news
        assertThat(run.stack().sentEmails().stream().filter(m -> m.subject().contains(code))).hasSize(5);
        assertThat(run.stack().sentSms().stream().filter(m -> m.text().contains(code))).hasSize(5);
    }

    private static List<SentSms> awaitSms(String code, int count) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<SentSms> sms;
        do {
            Thread.sleep(250);
            sms = run.stack().sentSms().stream().filter(m -> m.text().contains(code)).toList();
        } while (sms.size() < count && Instant.now().isBefore(deadline));
        assertThat(sms).hasSize(count);
        return sms;
    }

    private static boolean awaitCallback(String agency, String code, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        do {
            if (run.simulator().received(agency).stream().anyMatch(r -> r.dossierCode().equals(code))) return true;
            try { Thread.sleep(200); } catch (InterruptedException e) { Thread.currentThread().interrupt(); return false; }
        } while (System.nanoTime() < end);
        return false;
    }

    private static void answer(String agency, String code, String answer) throws Exception {
        var response = run.simulator().answer(agency, code, JSON.readTree(answer));
        assertThat(response.status()).as(answer + " -> " + response.body()).isEqualTo(202);
    }

    private static HttpResponse<String> post(String token, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token)
                .header("content-type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<SentEmail> awaitMail(String code, int count) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<SentEmail> mail;
        do {
            Thread.sleep(250);
            mail = run.stack().sentEmails().stream().filter(m -> m.subject().contains(code)).toList();
        } while (mail.size() < count && Instant.now().isBefore(deadline));
        assertThat(mail).hasSize(count);
        return mail;
    }

    /** A desk clerk signed in through the local Cognito (USER_PASSWORD_AUTH, as the web app signs in). */
    private static String signIn() {
        return run.idToken("quay01@buudien.quangngai.vn");
    }

    private static URI api(String path) { return run.apiUrl().resolve(path); }
}
