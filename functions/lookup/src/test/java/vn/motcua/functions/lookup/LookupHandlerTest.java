package vn.motcua.functions.lookup;

import vn.motcua.desk.PublicLookup;
import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.Delayed;
import vn.motcua.domain.dossier.DossierEvent.Delivered;
import vn.motcua.domain.dossier.DossierEvent.FeeRequested;
import vn.motcua.domain.dossier.DossierEvent.HandedToPost;
import vn.motcua.domain.dossier.DossierEvent.ResultReady;
import vn.motcua.domain.dossier.DossierEvent.SupplementRequested;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.Json;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.CLERK;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * GET /public/dossiers/{code} through events/public-lookup-get.json (no authorizer), against this
 * class's own tables on dynalite with the seed catalog published.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupHandlerTest {

    private static final Path PROJECT = ProjectDirectory.find();
    /** The secret in the event file. */
    private static final String SECRET = "K7M2QXPA";

    private LookupHandler handler;
    private vn.motcua.store.RatingItems ratings;
    private Dossier inProcess, supplement, fee, posted, delayed, atDesk;

    @BeforeAll
    void world(TestStack aws) {
        var tables = SeededTables.publish(aws);
        ratings = tables.ratings();
        handler = new LookupHandler(new PublicLookup(tables.dossiers(), tables.reference()::current, tables.ratings()),
                new vn.motcua.desk.CitizenRating(tables.dossiers(), tables.ratings(), java.time.Clock.systemUTC()));
        var receipts = tables.receipts();

        // the event file's code: Khoa học và Công nghệ, 2 March 2020, first of the day
        inProcess = accepted(receipts, receipts.receive("1.000173", 1, vn(2020, 3, 2, 8, 0), LocalDate.of(2020, 3, 16)));
        supplement = accepted(receipts, receipts.receive("1.000173", 2, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16)));
        supplement = receipts.apply(supplement, new SupplementRequested(id(), officerOf(supplement), vn(2020, 3, 4, 9, 0),
                List.of("Biên bản kiểm định thiết bị X-quang", "Hợp đồng dịch vụ đo liều bức xạ cá nhân"), "Biên bản đã quá 12 tháng"));
        fee = accepted(receipts, receipts.receive("1.000173", 3, vn(2020, 3, 2, 10, 0), LocalDate.of(2020, 3, 16)));
        fee = receipts.apply(fee, new FeeRequested(id(), officerOf(fee), vn(2020, 3, 5, 9, 0), 200_000, Optional.of("Phí thẩm định")));
        posted = receipts.receive("2.001914", 1, vn(2020, 2, 28, 10, 0), LocalDate.of(2020, 3, 6),
                ResultReturn.byPost(Receipts.POSTAL_ADDRESS), "Q9R8T7W6");
        posted = accepted(receipts, posted);
        posted = receipts.apply(posted, new ResultReady(id(), officerOf(posted), vn(2020, 3, 5, 16, 0), new Outcome.Approved(List.of())),
                new HandedToPost(id(), CLERK, vn(2020, 3, 6, 9, 0), "EB123456789VN"),
                new Delivered(id(), CLERK, vn(2020, 3, 7, 11, 0)));
        delayed = accepted(receipts, receipts.receive("2.001914", 1, vn(2020, 3, 2, 14, 0), LocalDate.of(2020, 3, 9)));
        delayed = receipts.apply(delayed, new Delayed(id(), officerOf(delayed), vn(2020, 3, 6, 10, 0),
                "Cần xác minh sổ gốc tại trường", LocalDate.of(2020, 3, 12)));
        atDesk = accepted(receipts, receipts.receive("2.001914", 2, vn(2020, 3, 2, 15, 0), LocalDate.of(2020, 3, 9)));
        atDesk = receipts.apply(atDesk, new ResultReady(id(), officerOf(atDesk), vn(2020, 3, 5, 16, 0), new Outcome.Approved(List.of())));
    }

    private static Dossier accepted(Receipts receipts, Dossier d) {
        return receipts.apply(d, new Transferred(id(), ROUTER, d.receivedAt().plusSeconds(3600), d.agencyId()),
                new Accepted(id(), officerOf(d), d.receivedAt().plusSeconds(7200)));
    }

    @Test
    void the_right_secret_shows_the_state_the_dates_and_the_next_step_with_the_name_masked() {
        assertThat(inProcess.code().value()).isEqualTo("000.00.92.H48-200302-0001");
        var answer = invoke(event());
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        var body = body(answer);
        assertThat(body.path("code").asText()).isEqualTo(inProcess.code().value());
        assertThat(body.path("applicant").asText()).isEqualTo("Nguyễn V*** A***");
        assertThat(body.path("state").path("label").asText()).isEqualTo("Đang giải quyết");
        assertThat(body.path("procedure").asText()).isNotBlank().doesNotContain("1.000173");
        assertThat(body.path("receivedOn").asText()).isEqualTo("2020-03-02");
        assertThat(body.path("appointment").path("current").asText()).isEqualTo("2020-03-16");
        assertThat(body.path("appointment").has("original")).isFalse();
        assertThat(body.path("nextStep").asText()).isEqualTo(
                "Hồ sơ đang được giải quyết, ông/bà chưa cần làm gì thêm. Kết quả dự kiến có vào ngày 16/03/2020.");
        assertNoPersonalData(body);
    }

    @Test
    void the_next_step_names_the_supplement_items_the_fee_or_the_parcel() {
        var s = body(invoke(event(supplement.code().value(), SECRET)));
        assertThat(s.path("state").path("label").asText()).isEqualTo("Chờ bổ sung hồ sơ");
        assertThat(s.path("nextStep").asText()).contains("Biên bản kiểm định thiết bị X-quang; Hợp đồng dịch vụ đo liều bức xạ cá nhân")
                .contains("Biên bản đã quá 12 tháng");

        var f = body(invoke(event(fee.code().value(), SECRET)));
        assertThat(f.path("state").path("label").asText()).isEqualTo("Chờ nộp phí, lệ phí");
        assertThat(f.path("nextStep").asText()).contains("200.000 đồng");

        var p = body(invoke(event(posted.code().value(), "q9r8-t7w6"))); // as typed from paper: case and dash ignored
        assertThat(p.path("state").path("label").asText()).isEqualTo("Đã trả kết quả");
        assertThat(p.path("nextStep").asText()).contains("EB123456789VN", "06/03/2020", "07/03/2020");
        assertNoPersonalData(p);

        var r = body(invoke(event(atDesk.code().value(), SECRET)));
        assertThat(r.path("nextStep").asText()).startsWith("Đã có kết quả. Mời ông/bà đến Bộ phận Một cửa nhận kết quả");
    }

    @Test
    void a_date_moved_after_a_delay_shows_the_original_and_the_apology() {
        var body = body(invoke(event(delayed.code().value(), SECRET)));
        var appointment = body.path("appointment");
        assertThat(appointment.path("current").asText()).isEqualTo("2020-03-12");
        assertThat(appointment.path("original").asText()).isEqualTo("2020-03-09");
        assertThat(appointment.path("note").asText()).startsWith("Chúng tôi thành thật xin lỗi")
                .contains("Cần xác minh sổ gốc tại trường", "12/03/2020");
    }

    /** Issue 16, finding 5: the secret was accepted as {@code ?secret=}, and query strings end up in access logs. Changed on purpose. */
    @Test
    void the_secret_in_the_query_string_is_not_accepted() {
        var e = event();
        ((ObjectNode) e.path("headers")).remove("x-lookup-secret");
        e.putObject("queryStringParameters").put("secret", SECRET);
        assertThat(invoke(e).path("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void unknown_code_wrong_secret_malformed_code_and_no_secret_get_the_same_404() {
        var wrongSecret = invoke(event(inProcess.code().value(), "AAAAAAAA"));
        var otherDossiersSecret = invoke(event(inProcess.code().value(), "Q9R8T7W6"));
        var unknown = invoke(event("000.00.92.H48-200302-0999", SECRET));
        var malformed = invoke(event("<script>alert(1)</script>", SECRET));
        var noSecret = event();
        ((ObjectNode) noSecret.path("headers")).remove("x-lookup-secret");
        var missing = invoke(noSecret);
        var noCode = event();
        noCode.remove("pathParameters");
        var absent = invoke(noCode);

        for (var answer : List.of(wrongSecret, otherDossiersSecret, unknown, malformed, missing, absent)) {
            assertThat(answer.path("statusCode").asInt()).isEqualTo(404);
            assertThat(answer.path("body").asText()).isEqualTo(wrongSecret.path("body").asText());
            assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        }
        var error = body(wrongSecret).path("error");
        assertThat(error.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.path("message").asText()).startsWith("Không tìm thấy hồ sơ");
        assertThat(wrongSecret.path("body").asText()).doesNotContain(inProcess.code().value());
    }

    @Test
    void the_event_has_no_authorizer_and_needs_none() {
        assertThat(event().path("requestContext").has("authorizer")).isFalse();
        assertThat(event().path("headers").has("authorization")).isFalse();
    }

    private static void assertNoPersonalData(JsonNode body) {
        assertThat(body.toString()).doesNotContain(Receipts.NAME, Receipts.ID_NUMBER, Receipts.PHONE, Receipts.EMAIL,
                Receipts.ADDRESS, Receipts.POSTAL_ADDRESS, "Văn", "sha256");
    }

    private static ObjectNode event() {
        try {
            return (ObjectNode) Json.mapper().readTree(Files.readString(PROJECT.resolve("events/public-lookup-get.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode event(String code, String secret) {
        var e = event();
        e.putObject("pathParameters").put("code", code);
        e.put("rawPath", "/public/dossiers/" + code);
        ((ObjectNode) e.path("headers")).put("x-lookup-secret", secret);
        return e;
    }

    private JsonNode invoke(JsonNode event) { return LambdaEvents.invoke(handler, event); }

    private static JsonNode body(JsonNode answer) { return LambdaEvents.body(answer); }

    // ---- the citizen's rating: POST /public/dossiers/{code}/rating (events/public-rating-post.json) ----------

    private static JsonNode rating(String code, String secret, String body) {
        var e = (com.fasterxml.jackson.databind.node.ObjectNode) LambdaEvents.load("public-rating-post.json");
        e.put("rawPath", "/public/dossiers/" + code + "/rating");
        ((com.fasterxml.jackson.databind.node.ObjectNode) e.path("pathParameters")).put("code", code);
        ((com.fasterxml.jackson.databind.node.ObjectNode) e.path("headers")).put("x-lookup-secret", secret);
        if (body != null) e.put("body", body);
        return e;
    }

    @Test
    void a_returned_dossier_is_rated_once_through_the_public_route_and_the_status_page_then_says_so() {
        String code = posted.code().value();
        var before = body(invoke(event(code, "Q9R8T7W6"))).path("rating");
        assertThat(before.path("open").asBoolean()).isTrue();

        var first = invoke(rating(code, "Q9R8T7W6", null)); // the event file's body: 5 and a comment
        assertThat(first.path("statusCode").asInt()).as(first.toString()).isEqualTo(201);
        assertThat(body(first).path("message").asText()).isEqualTo("Cảm ơn Ông/Bà đã đánh giá chất lượng phục vụ.");

        var second = invoke(rating(code, "Q9R8T7W6", "{\"score\":1}"));
        assertThat(second.path("statusCode").asInt()).isEqualTo(409);
        assertThat(body(second).path("error").path("code").asText()).isEqualTo("ALREADY_RATED");
        assertThat(body(second).path("error").path("message").asText()).contains("mỗi hồ sơ chỉ được đánh giá một lần");

        assertThat(ratings.find(posted.code())).hasValueSatisfying(r -> {
            assertThat(r.score()).isEqualTo(5);
            assertThat(r.comment()).contains("Nhân viên hướng dẫn tận tình, trả kết quả đúng hẹn.");
        });
        var today = java.time.LocalDate.now(Dossier.ZONE);
        assertThat(ratings.givenBetween(posted.agencyId(), today.minusDays(1), today.plusDays(1))).extracting(r -> r.code().value()).contains(code);
        var after = body(invoke(event(code, "Q9R8T7W6"))).path("rating");
        assertThat(after.path("open").asBoolean()).isFalse();
        assertThat(after.path("given").path("score").asInt()).isEqualTo(5);
    }

    @Test
    void a_rating_before_the_return_with_a_wrong_secret_or_invalid_is_refused_and_nothing_stored() {
        var early = invoke(rating(inProcess.code().value(), SECRET, "{\"score\":5}"));
        assertThat(early.path("statusCode").asInt()).isEqualTo(409);
        assertThat(body(early).path("error").path("code").asText()).isEqualTo("NOT_RETURNED");

        var wrong = invoke(rating(atDesk.code().value(), "AAAAAAAA", "{\"score\":5}"));
        assertThat(wrong.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(wrong).toString()).isEqualTo(body(invoke(event("000.00.92.H48-200302-0999", SECRET))).toString());

        var html = invoke(rating(delayed.code().value(), SECRET, "{\"score\":3,\"comment\":\"<img src=x onerror=alert(1)>\"}"));
        assertThat(html.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(html).path("error").path("code").asText()).isEqualTo("INVALID_COMMENT");
        assertThat(ratings.find(inProcess.code())).isEmpty();
        assertThat(ratings.find(delayed.code())).isEmpty();
    }
}
