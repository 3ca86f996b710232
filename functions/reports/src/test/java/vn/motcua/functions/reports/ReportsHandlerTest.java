package vn.motcua.functions.reports;

import vn.motcua.portal.PortalAcks;
import vn.motcua.portal.PortalOwes;
import vn.motcua.portal.SyncLedger;
import vn.motcua.reports.Reports;
import vn.motcua.store.PortalAckItems;
import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.Delayed;
import vn.motcua.domain.dossier.DossierEvent.ResultReady;
import vn.motcua.domain.dossier.DossierEvent.ReturnedAtDesk;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.edge.Json;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.CLERK;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * GET /reports/statistics, /reports/tracking-book and /reports/scorecard through their events, on dynalite with the seed
 * catalog. March 2020, Sở Khoa học và Công nghệ (procedure 1.000173):
 * <pre>
 *        received          due              what happened                         counts as
 *   old  1 Feb 2019        20 Feb 2019      still in process                      carried over, overdue
 *   c1   27 Feb 2020       12 Mar           result at the desk 5 Mar              carried over, early
 *   t2   2 Mar             13 Mar           result 13 Mar, returned 16 Mar        new, on time
 *   l3   2 Mar             9 Mar -> 12 Mar  apology, result 11 Mar                new, late (new date met)
 *   o4   3 Mar             10 Mar           in process                            new, overdue
 *   w5   25 Mar            8 Apr            received                              new, within deadline
 *   a6   1 Apr             8 Apr            received                              not in March
 * </pre>
 * and at the desk in March one guidance (form 02) and one refusal (form 03).
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsHandlerTest {

    static final String KHCN = "so-khoa-hoc-cong-nghe", GDDT = "so-giao-duc-dao-tao";
    private static final Path PROJECT = ProjectDirectory.find();

    private ReportsHandler handler;
    private SeededTables tables;
    private Dossier old, c1, t2, l3, o4, w5, a6;

    @BeforeAll
    void world(TestStack aws) {
        tables = SeededTables.publish(aws);
        var acks = new PortalAckItems(aws.dynamoDb(), aws.table("DossierTable"));
        handler = new ReportsHandler(new Reports(tables.dossiers(), tables.reference()::current, tables.ratings(),
                new SyncLedger(tables.dossiers(), acks)::forDossier), () -> {
            throw new IllegalStateException("no portal in this test: PortalSyncFlowTest reconciles");
        });
        var receipts = tables.receipts();
        String p = "1.000173";

        old = inProcess(receipts, receipts.receive(p, 1, vn(2019, 2, 1, 9, 0), LocalDate.of(2019, 2, 20)));
        c1 = inProcess(receipts, receipts.receive(p, 1, vn(2020, 2, 27, 9, 0), LocalDate.of(2020, 3, 12)));
        c1 = receipts.apply(c1, ready(c1, vn(2020, 3, 5, 15, 0)));
        t2 = inProcess(receipts, receipts.receive(p, 1, vn(2020, 3, 2, 8, 0), LocalDate.of(2020, 3, 13)));
        t2 = receipts.apply(t2, ready(t2, vn(2020, 3, 13, 15, 0)),
                new ReturnedAtDesk(id(), CLERK, vn(2020, 3, 16, 8, 30), Optional.empty()));
        l3 = inProcess(receipts, receipts.receive(p, 2, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 9)));
        l3 = receipts.apply(l3, new Delayed(id(), officerOf(l3), vn(2020, 3, 6, 10, 0), "Cần kiểm tra thực tế thiết bị", LocalDate.of(2020, 3, 12)),
                ready(l3, vn(2020, 3, 11, 15, 0)));
        o4 = inProcess(receipts, receipts.receive(p, 1, vn(2020, 3, 3, 9, 0), LocalDate.of(2020, 3, 10)));
        w5 = receipts.receive(p, 1, vn(2020, 3, 25, 9, 0), LocalDate.of(2020, 4, 8));
        a6 = receipts.receive(p, 1, vn(2020, 4, 1, 9, 0), LocalDate.of(2020, 4, 8));

        tables.dossiers().recordDeskRefusal(new DeskRefusal(id(), DeskRefusal.Kind.GUIDED_TO_COMPLETE, p, KHCN, Receipts.applicant(),
                List.of("Thiếu giấy phép hoạt động"), CLERK, vn(2020, 3, 4, 10, 0)));
        tables.dossiers().recordDeskRefusal(new DeskRefusal(id(), DeskRefusal.Kind.REFUSED, p, KHCN, Receipts.applicant(),
                List.of("Không thuộc thẩm quyền"), CLERK, vn(2020, 3, 5, 10, 0)));
        tables.dossiers().recordDeskRefusal(new DeskRefusal(id(), DeskRefusal.Kind.REFUSED, p, KHCN, Receipts.applicant(),
                List.of("Không thuộc thẩm quyền"), CLERK, vn(2020, 4, 5, 10, 0)));

        // the portal's answers: t2's changes acknowledged within the hour, l3's two days late
        acknowledge(acks, t2, java.time.Duration.ofHours(1));
        acknowledge(acks, l3, java.time.Duration.ofDays(2));
    }

    private static void acknowledge(PortalAcks acks, Dossier d, java.time.Duration after) {
        for (var change : PortalOwes.changes(d)) {
            var at = change.changedAt().plus(after);
            var claim = (PortalAcks.Claim.Claimed) acks.claim(change, at, java.time.Duration.ofSeconds(60));
            acks.answer(change, claim.sentAt(), PortalAcks.Outcome.ACKNOWLEDGED, "ok", at);
        }
    }

    private static Dossier inProcess(Receipts receipts, Dossier d) {
        return receipts.apply(d, new Transferred(id(), ROUTER, d.receivedAt().plusSeconds(3600), d.agencyId()),
                new Accepted(id(), officerOf(d), d.receivedAt().plusSeconds(7200)));
    }

    private static ResultReady ready(Dossier d, java.time.Instant at) {
        return new ResultReady(id(), officerOf(d), at, new Outcome.Approved(List.of("results/" + d.code().value() + ".pdf")));
    }

    // ---- statistics ----------------------------------------------------------------------------

    @Test
    void the_event_file_counts_march_per_agency() {
        var answer = invoke(event("reports-statistics-get.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        var body = body(answer);
        assertThat(body.path("carriedOverLookBackFrom").asText()).isEqualTo("2019-03-01");
        var k = agency(body, KHCN);
        assertThat(k.path("agency").path("nameVi").asText()).isEqualTo("Sở Khoa học và Công nghệ tỉnh Quảng Ngãi");
        // old was received before the look-back, and is found because it is still open
        assertThat(k.path("received")).isEqualTo(Json.mapper().valueToTree(Map.of("total", 6, "carriedOver", 2, "new", 4,
                "inPerson", 4, "byPost", 0, "online", 0)));
        assertThat(k.path("finished")).isEqualTo(Json.mapper().valueToTree(Map.of("total", 3, "early", 1, "onTime", 1, "late", 1)));
        assertThat(k.path("inProcess")).isEqualTo(Json.mapper().valueToTree(Map.of("total", 3, "withinDeadline", 1, "overdue", 2)));
        assertThat(k.path("onTimeRate").asDouble()).isEqualTo(2.0 / 3);
        assertThat(k.path("atDesk")).isEqualTo(Json.mapper().valueToTree(Map.of("guidedToComplete", 1, "refused", 1)));
        var g = agency(body, GDDT);
        assertThat(g.path("finished").path("total").asInt()).isZero();
        assertThat(g.path("onTimeRate").isNull()).isTrue();
        // statistics carry no personal data
        assertThat(body.toString()).doesNotContain(Receipts.NAME, Receipts.ID_NUMBER);
    }

    @Test
    void one_agency_only() {
        var body = body(invoke(with("reports-statistics-get.json", Map.of("from", "2020-03-01", "to", "2020-03-31", "agency", GDDT))));
        assertThat(body.path("agencies")).hasSize(1);
        assertThat(body.path("agencies").get(0).path("agency").path("id").asText()).isEqualTo(GDDT);
    }

    @Test
    void the_csv_has_a_bom_vietnamese_headers_and_a_row_with_diacritics() {
        var answer = invoke(with("reports-statistics-get.json", Map.of("from", "2020-03-01", "to", "2020-03-31", "format", "csv")));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("content-type").asText()).isEqualTo("text/csv; charset=utf-8");
        var text = answer.path("body").asText();
        var lines = text.substring(1).split("\r\n");
        // issue 17: a title and the period above the header; the official agency code, not the catalog's slug;
        // the rate with the Vietnamese decimal comma (it was "66.7"); a total row
        assertThat(lines[0]).isEqualTo("THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH");
        assertThat(lines[1]).isEqualTo("Kỳ báo cáo: từ ngày 01/03/2020 đến ngày 31/03/2020");
        assertThat(lines[2]).startsWith("Mã cơ quan,Cơ quan giải quyết,Tổng số hồ sơ tiếp nhận,Kỳ trước chuyển sang,");
        assertThat(lines).contains("000.00.92.H48,Sở Khoa học và Công nghệ tỉnh Quảng Ngãi,6,2,4,4,0,0,3,1,1,1,3,1,2,\"66,7\",1,1,0");
        assertThat(text).doesNotContain(KHCN);
        // the statistics end with their total row; then, after a blank line, the citizens' ratings (issue 18)
        int ratings = List.of(lines).indexOf("Đánh giá của người dân về chất lượng phục vụ");
        assertThat(ratings).isPositive();
        assertThat(lines[ratings - 1]).isEmpty();
        assertThat(lines[ratings - 2]).startsWith(",Tổng cộng,");
    }

    // ---- scorecard (Decision 766) ---------------------------------------------------------------

    @Test
    void the_scorecard_of_march_per_agency_with_formulas_and_sources() {
        var answer = invoke(event("reports-scorecard-get.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        var body = body(answer);
        assertThat(body.path("month").asText()).isEqualTo("2020-03");
        var indicators = new java.util.HashMap<String, JsonNode>();
        body.path("indicators").forEach(i -> indicators.put(i.path("id").asText(), i));
        assertThat(indicators.get("on-time").path("formulaVi").asText()).isEqualTo("(Số hồ sơ giải quyết trước hạn + đúng hạn) / Số hồ sơ đã giải quyết trong tháng");
        assertThat(indicators.get("on-time").path("source").asText()).contains("766/QĐ-TTg", "Tiến độ, kết quả giải quyết");
        assertThat(indicators.get("synced-on-time").path("computable").asBoolean()).isTrue();
        assertThat(indicators.get("synced-on-time").path("formulaVi").asText()).contains("24 giờ");
        // c1 early, t2 on time, l3 late after its apology; o4 and old overdue; no scans; every result has its file
        var k = scores(agency(body, KHCN));
        assertThat(k.get("on-time").path("text").asText()).isEqualTo("66,7 %");
        assertThat(k.get("on-time").path("numerator").asInt()).isEqualTo(2);
        assertThat(k.get("on-time").path("denominator").asInt()).isEqualTo(3);
        assertThat(k.get("early").path("text").asText()).isEqualTo("33,3 %");
        assertThat(k.get("late-with-apology").path("text").asText()).isEqualTo("100,0 %");
        assertThat(k.get("apologies").path("count").asInt()).isEqualTo(1);
        assertThat(k.get("overdue").path("count").asInt()).isEqualTo(3);
        assertThat(k.get("supplement-twice").path("count").asInt()).isZero();
        assertThat(k.get("online").path("text").asText()).isEqualTo("0,0 %");
        assertThat(k.get("documents-digitised").path("text").asText()).isEqualTo("0,0 %");
        assertThat(k.get("results-digitised").path("text").asText()).isEqualTo("100,0 %");
        assertThat(k.get("satisfied").path("kind").asText()).isEqualTo("none");
        // read from the ledger: t2 acknowledged within the day, l3 two days late; the others have no record
        assertThat(k.get("synced-on-time").path("text").asText()).isEqualTo("50,0 %");
        assertThat(k.get("synced-on-time").path("denominator").asInt()).isEqualTo(2);
        var g = scores(agency(body, GDDT));
        assertThat(g.get("on-time").path("kind").asText()).isEqualTo("none");
        assertThat(g.get("on-time").path("text").asText()).isEqualTo("không có hồ sơ giải quyết xong trong tháng");
        assertThat(body.toString()).doesNotContain(Receipts.NAME, Receipts.ID_NUMBER, "NaN");
    }

    @Test
    void the_scorecard_csv_has_formula_and_source_columns() {
        var answer = invoke(with("reports-scorecard-get.json", Map.of("month", "2020-03", "agency", KHCN, "format", "csv")));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("content-disposition").asText()).contains("chi-so-phuc-vu-2020-03.csv");
        var lines = answer.path("body").asText().substring(1).split("\r\n");
        assertThat(lines[1]).isEqualTo("Tháng 03/2020");
        assertThat(lines[2]).isEqualTo("Mã cơ quan,Cơ quan giải quyết,Nhóm chỉ số,Chỉ số,Giá trị,Tử số,Mẫu số,Công thức,Nguồn");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("000.00.92.H48,Sở Khoa học và Công nghệ tỉnh Quảng Ngãi,"
                + "\"Tiến độ, kết quả giải quyết\",Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn,\"66,7 %\",2,3,"
                + "(Số hồ sơ giải quyết trước hạn + đúng hạn) / Số hồ sơ đã giải quyết trong tháng,\"Quyết định số 766/QĐ-TTg"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Chưa tính được: Danh mục thủ tục của hệ thống không ghi ngày công bố"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia đúng thời gian,\"50,0 %\",1,2,"));
    }

    @ParameterizedTest
    @CsvSource({"'',MISSING_PARAMETER", "2020-13,INVALID_MONTH", "03/2020,INVALID_MONTH"})
    void a_bad_month_is_400(String month, String code) {
        var query = new java.util.HashMap<String, String>();
        if (!month.isEmpty()) query.put("month", month);
        var answer = invoke(with("reports-scorecard-get.json", query));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo(code);
        assertThat(body(answer).path("error").path("fields").get(0).path("field").asText()).isEqualTo("month");
    }

    private static Map<String, JsonNode> scores(JsonNode agency) {
        var map = new java.util.HashMap<String, JsonNode>();
        agency.path("scores").forEach(s -> map.put(s.path("indicator").asText(), s));
        return map;
    }

    // ---- tracking book -------------------------------------------------------------------------

    @Test
    void the_tracking_book_lists_marchs_receipts_with_their_hand_overs() {
        tables.dossiers().keepReceipt(t2.code(), new vn.motcua.domain.dossier.ReceiptRecord(
                List.of(new vn.motcua.domain.dossier.ReceiptRecord.Line("Đơn đề nghị", "Bản chính", 1)), 2, "Nguyễn Thị Lan"));
        var answer = invoke(event("reports-tracking-book-get.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        var text = answer.path("body").asText();
        var lines = text.substring(1).split("\r\n");
        // issue 17: a title and the period, then form 06's columns: sets, address and phone, notes
        assertThat(lines[0]).isEqualTo("SỔ THEO DÕI HỒ SƠ");
        assertThat(lines[1]).isEqualTo("Từ ngày 01/03/2020 đến ngày 31/03/2020");
        assertThat(lines[2]).isEqualTo("STT,Mã hồ sơ,Thủ tục hành chính,Số bộ hồ sơ,\"Tên tổ chức, cá nhân\",\"Địa chỉ, số điện thoại\","
                + "Cơ quan giải quyết,\"Ngày, giờ nhận\",Ngày hẹn trả,Chuyển cơ quan giải quyết,Nhận kết quả từ cơ quan giải quyết,Trả kết quả,Ghi chú");
        assertThat(lines).hasSize(7); // title, period, header + t2, l3, o4, w5
        assertThat(lines[3]).startsWith("1," + t2.code().value() + ",")
                .contains(",2,Nguyễn Văn An,\"" + Receipts.ADDRESS + "; " + Receipts.PHONE + "\",Sở Khoa học và Công nghệ tỉnh Quảng Ngãi,"
                        + "02/03/2020 08:00,13/03/2020,02/03/2020 09:00,13/03/2020 15:00,16/03/2020 08:30");
        assertThat(text).doesNotContain(old.code().value(), c1.code().value(), a6.code().value());

        var json = body(invoke(with("reports-tracking-book-get.json", Map.of("from", "2020-03-01", "to", "2020-03-31"))));
        var first = json.path("items").get(0);
        assertThat(first.path("code").asText()).isEqualTo(t2.code().value());
        assertThat(first.path("applicantName").asText()).isEqualTo(Receipts.NAME);
        assertThat(first.path("returnedAt").asText()).isEqualTo("2020-03-16T08:30:00+07:00");
        assertThat(json.path("items").get(3).path("sentToAgencyAt").isNull()).isTrue();
    }

    // ---- bad parameters, who may read ----------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "'',2020-03-31,,MISSING_PARAMETER,from",
            "2020-02-30,2020-03-31,,INVALID_DATE,from",
            "2020-03-01,31/03/2020,,INVALID_DATE,to",
            "2020-03-31,2020-03-01,,PERIOD_REVERSED,to",
            "2020-01-01,2021-01-01,,PERIOD_TOO_LONG,to",
            "2020-03-01,2020-03-31,so-khong-co,UNKNOWN_AGENCY,agency",
    })
    void bad_parameters_are_400_in_vietnamese(String from, String to, String agency, String code, String field) {
        var query = new java.util.HashMap<String, String>();
        if (!from.isEmpty()) query.put("from", from);
        query.put("to", to);
        if (agency != null) query.put("agency", agency);
        for (var file : List.of("reports-statistics-get.json", "reports-tracking-book-get.json")) {
            var answer = invoke(with(file, query));
            assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
            var error = body(answer).path("error");
            assertThat(error.path("code").asText()).isEqualTo(code);
            assertThat(error.path("message").asText()).matches(".*[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđàáâãèéêìíòóôõùúýơư].*");
            assertThat(error.path("fields").get(0).path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void a_whole_leap_year_is_allowed() {
        var answer = invoke(with("reports-statistics-get.json", Map.of("from", "2020-01-01", "to", "2020-12-31")));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void without_a_token_it_is_401_and_for_the_desk_403() {
        for (var file : List.of("reports-statistics-get.json", "reports-tracking-book-get.json", "reports-scorecard-get.json")) {
            var none = event(file);
            ((ObjectNode) none.path("requestContext")).remove("authorizer");
            assertThat(invoke(none).path("statusCode").asInt()).isEqualTo(401);
            var desk = event(file);
            claims(desk).put("cognito:groups", "[desk]");
            var answer = invoke(desk);
            assertThat(answer.path("statusCode").asInt()).isEqualTo(403);
            assertThat(body(answer).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static JsonNode agency(JsonNode body, String id) {
        for (var a : body.path("agencies")) if (a.path("agency").path("id").asText().equals(id)) return a;
        throw new AssertionError("no row for " + id + " in " + body);
    }

    private static ObjectNode with(String file, Map<String, String> query) {
        var e = event(file);
        var q = e.putObject("queryStringParameters");
        query.forEach(q::put);
        e.put("rawQueryString", "");
        return e;
    }

    private static ObjectNode claims(ObjectNode event) {
        return (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
    }

    static ObjectNode event(String file) { return LambdaEvents.load(file); }

    private JsonNode invoke(JsonNode event) { return LambdaEvents.invoke(handler, event); }

    private static JsonNode body(JsonNode answer) { return LambdaEvents.body(answer); }
}
