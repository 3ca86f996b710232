package vn.motcua.functions.desk;

import vn.motcua.desk.DeskLookup;
import vn.motcua.testing.SeededTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent.Accepted;
import vn.motcua.domain.dossier.DossierEvent.Delayed;
import vn.motcua.domain.dossier.DossierEvent.HandedToPost;
import vn.motcua.domain.dossier.DossierEvent.FeeRequested;
import vn.motcua.domain.dossier.DossierEvent.ResultReady;
import vn.motcua.domain.dossier.DossierEvent.SupplementRequested;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.local.seed.Receipts;
import vn.motcua.local.stack.LambdaEvents;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.local.seed.Receipts.ROUTER;
import static vn.motcua.local.seed.Receipts.CLERK;
import static vn.motcua.local.seed.Receipts.id;
import static vn.motcua.local.seed.Receipts.officerOf;
import static vn.motcua.local.seed.Receipts.vn;

/**
 * GET /dossiers and GET /dossiers/{code} through their events in events/, against this class's
 * own tables on dynalite with the seed catalog published. The world, "today" being 13 March 2020:
 * <pre>
 *        agency (seed)           received (Vietnam)  due              state
 *   g1   Giáo dục và Đào tạo     28 Feb 10:00        6 Mar            RETURNED (by post)
 *   k1   Khoa học và Công nghệ    2 Mar 08:00        16 Mar           IN_PROCESS
 *   k2   Khoa học và Công nghệ    2 Mar 09:00        13 Mar           IN_PROCESS
 *   g2   Giáo dục và Đào tạo      2 Mar 14:00        9 Mar -> 12 Mar  IN_PROCESS (delayed, apology)
 *   k3   Khoa học và Công nghệ    3 Mar 10:00        17 Mar           RECEIVED
 *   k4   Khoa học và Công nghệ    4 Mar 09:00        18 Mar           SUPPLEMENT_REQUESTED (paused)
 *   n1   Ngoại vụ                 5 Mar 09:00        none fixed       RECEIVED
 *   g3   Giáo dục và Đào tạo      1 Apr 09:00        8 Apr            FEE_REQUESTED
 * </pre>
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskHandlerTest {

    static final String KHCN = "so-khoa-hoc-cong-nghe", GDDT = "so-giao-duc-dao-tao";
    private static final Path PROJECT = ProjectDirectory.find();

    private DeskHandler handler;
    private SeededTables tables;
    private Dossier g1, k1, k2, g2, k3, k4, n1, g3;

    @BeforeAll
    void world(TestStack aws) {
        tables = SeededTables.publish(aws);
        var clock = Clock.fixed(vn(2020, 3, 13, 10, 0), Dossier.ZONE);
        handler = new DeskHandler(new DeskLookup(tables.dossiers(), tables.reference()::current, clock),
                new vn.motcua.desk.PrintedForms(tables.dossiers(), tables.reference()::current, vn.motcua.desk.Desk.QUANG_NGAI_POST, clock));
        var receipts = tables.receipts();

        g1 = receipts.receive("2.001914", 1, vn(2020, 2, 28, 10, 0), LocalDate.of(2020, 3, 6),
                ResultReturn.byPost(Receipts.POSTAL_ADDRESS), "K7M2QXPA");
        g1 = receipts.apply(g1, new Transferred(id(), ROUTER, vn(2020, 2, 28, 14, 0), GDDT),
                new Accepted(id(), officerOf(g1), vn(2020, 3, 2, 8, 0)),
                new ResultReady(id(), officerOf(g1), vn(2020, 3, 5, 16, 0), new Outcome.Approved(List.of("results/g1.pdf"))),
                new HandedToPost(id(), CLERK, vn(2020, 3, 6, 9, 0), "EB123456789VN"));
        k1 = inProcess(receipts, receipts.receive("1.000173", 1, vn(2020, 3, 2, 8, 0), LocalDate.of(2020, 3, 16)));
        k2 = inProcess(receipts, receipts.receive("1.000173", 2, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 13)));
        g2 = inProcess(receipts, receipts.receive("2.001914", 1, vn(2020, 3, 2, 14, 0), LocalDate.of(2020, 3, 9)));
        g2 = receipts.apply(g2, new Delayed(id(), officerOf(g2), vn(2020, 3, 6, 10, 0), "Cần xác minh sổ gốc tại trường", LocalDate.of(2020, 3, 12)));
        k3 = receipts.receive("1.000173", 1, vn(2020, 3, 3, 10, 0), LocalDate.of(2020, 3, 17));
        k4 = inProcess(receipts, receipts.receive("1.000173", 1, vn(2020, 3, 4, 9, 0), LocalDate.of(2020, 3, 18)));
        k4 = receipts.apply(k4, new SupplementRequested(id(), officerOf(k4), vn(2020, 3, 6, 9, 0),
                List.of("Biên bản kiểm định thiết bị X-quang"), "Biên bản đã quá 12 tháng"));
        n1 = receipts.receive("PENDING.SNGV.HNHT", 1, vn(2020, 3, 5, 9, 0), null);
        g3 = inProcess(receipts, receipts.receive("2.001914", 1, vn(2020, 4, 1, 9, 0), LocalDate.of(2020, 4, 8)));
        g3 = receipts.apply(g3, new FeeRequested(id(), officerOf(g3), vn(2020, 4, 2, 9, 0), 50_000, Optional.empty()));
    }

    private static Dossier inProcess(Receipts receipts, Dossier d) {
        return receipts.apply(d, new Transferred(id(), ROUTER, d.receivedAt().plusSeconds(3600), d.agencyId()),
                new Accepted(id(), officerOf(d), d.receivedAt().plusSeconds(7200)));
    }

    // ---- lists ---------------------------------------------------------------------------------

    @Test
    void the_worklist_event_file_answers_every_list_of_the_desks_day() {
        var answer = invoke(event("desk-worklist-get.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        var w = body(answer);
        assertThat(w.path("today").asText()).isEqualTo("2020-03-13");
        assertThat(codes(w.path("dueToday"))).contains(k2.code().value()).doesNotContain(g2.code().value());
        assertThat(codes(w.path("overdue"))).contains(g2.code().value());
        assertThat(codes(w.path("waitingSupplement"))).contains(k4.code().value());
        assertThat(codes(w.path("waitingFee"))).contains(g3.code().value());
        assertThat(codes(w.path("inProcess"))).contains(k1.code().value(), k3.code().value(), n1.code().value())
                .doesNotContain(g1.code().value(), k4.code().value(), g3.code().value());
        for (var list : List.of("receivedToday", "resultReady", "withdrawalRequested")) assertThat(w.path(list).path("items").isArray()).isTrue();
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
    }

    @Test
    void the_search_finds_by_code_and_by_name_without_diacritics() {
        var byCode = body(invoke(list(Map.of("q", k1.code().value().toLowerCase(java.util.Locale.ROOT)))));
        assertThat(codes(byCode)).containsExactly(k1.code().value());
        var name = k1.applicant().name();
        var plain = vn.motcua.domain.dossier.SearchText.normalise(name);
        var byName = body(invoke(list(Map.of("q", plain, "limit", "100"))));
        assertThat(byName.path("items")).isNotEmpty().allSatisfy(i -> assertThat(i.path("applicantName").asText()).isEqualTo(name));
        var bad = invoke(list(Map.of("q", "12ab")));
        assertThat(bad.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(bad).path("error").path("code").asText()).isEqualTo("INVALID_SEARCH");
    }

    @Test
    void the_event_file_lists_a_departments_dossiers_in_one_state_by_due_date() {
        var answer = invoke(event("desk-list-get.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        JsonNode body = body(answer);
        assertThat(codes(body)).containsExactly(k2.code().value(), k1.code().value());
        JsonNode first = body.path("items").get(0);
        assertThat(first.path("procedure").path("code").asText()).isEqualTo("1.000173");
        assertThat(first.path("procedure").path("nameVi").asText()).isNotBlank().isNotEqualTo("1.000173");
        assertThat(first.path("agency").path("nameVi").asText()).isEqualTo("Sở Khoa học và Công nghệ tỉnh Quảng Ngãi");
        assertThat(first.path("state").path("code").asText()).isEqualTo("IN_PROCESS");
        assertThat(first.path("state").path("label").asText()).isEqualTo("Đang giải quyết");
        assertThat(first.path("receivedAt").asText()).isEqualTo("2020-03-02T09:00:00+07:00");
        assertThat(first.path("dueDate").asText()).isEqualTo("2020-03-13");
        assertThat(first.path("appointment").path("original").asText()).isEqualTo("2020-03-13");
        assertThat(first.path("overdue").asBoolean()).isFalse();
        assertThat(first.path("paused").asBoolean()).isFalse();
        assertThat(body.path("nextCursor").isNull()).isTrue();
        // a list row is not the dossier: no personal data
        assertThat(body.toString()).doesNotContain(Receipts.PHONE, Receipts.ID_NUMBER, Receipts.EMAIL, Receipts.ADDRESS);
    }

    @Test
    void by_agency_and_state_pages_with_the_cursor() {
        assertThat(allPages(Map.of("agency", KHCN, "state", "IN_PROCESS"), 1)).containsExactly(k2.code().value(), k1.code().value());
        assertThat(codes(body(invoke(list(Map.of("agency", KHCN, "state", "received")))))).containsExactly(k3.code().value());
        assertThat(codes(body(invoke(list(Map.of("agency", GDDT, "state", "RETURNED")))))).containsExactly(g1.code().value());
    }

    @Test
    void todays_board_lists_open_dossiers_due_by_the_day_earliest_first_with_the_overdue_flag() {
        var body = body(invoke(list(Map.of("dueBy", "2020-03-13"))));
        // g1 was due 6 Mar but is returned (closed); g2 moved to 12 Mar after its delay.
        assertThat(codes(body)).containsExactly(g2.code().value(), k2.code().value());
        assertThat(body.path("items").get(0).path("overdue").asBoolean()).isTrue();
        assertThat(body.path("items").get(0).path("appointment").path("rescheduled").asBoolean()).isTrue();
        assertThat(body.path("items").get(1).path("overdue").asBoolean()).isFalse();

        assertThat(allPages(Map.of("dueBy", "2020-03-31"), 2))
                .containsExactly(g2.code().value(), k2.code().value(), k1.code().value(), k3.code().value(), k4.code().value());
        var paused = body(invoke(list(Map.of("dueBy", "2020-03-18", "limit", "100")))).path("items").get(4);
        assertThat(paused.path("code").asText()).isEqualTo(k4.code().value());
        assertThat(paused.path("paused").asBoolean()).isTrue();
        assertThat(paused.path("state").path("label").asText()).isEqualTo("Chờ bổ sung hồ sơ");
    }

    @Test
    void by_receipt_date_in_order_of_receipt_across_months_and_pages() {
        assertThat(allPages(Map.of("receivedFrom", "2020-03-01", "receivedTo", "2020-03-31"), 2)).containsExactly(
                k1.code().value(), k2.code().value(), g2.code().value(), k3.code().value(), k4.code().value(), n1.code().value());
        assertThat(allPages(Map.of("receivedFrom", "2020-02-28", "receivedTo", "2020-04-01"), 3)).containsExactly(
                g1.code().value(), k1.code().value(), k2.code().value(), g2.code().value(), k3.code().value(),
                k4.code().value(), n1.code().value(), g3.code().value());
        var n1Row = body(invoke(list(Map.of("receivedFrom", "2020-03-05", "receivedTo", "2020-03-05")))).path("items").get(0);
        assertThat(n1Row.path("appointment").isNull()).isTrue();
        assertThat(n1Row.path("dueDate").isNull()).isTrue();
        assertThat(n1Row.path("overdue").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource(delimiter = '|', value = {
            "''                                          | MISSING_FILTER      | agency",
            "agency=so-khong-co&state=IN_PROCESS          | UNKNOWN_AGENCY      | agency",
            "agency=so-ngoai-vu&state=DONE                | UNKNOWN_STATE       | state",
            "agency=so-ngoai-vu&state=REFUSED_AT_DESK     | UNKNOWN_STATE       | state",
            "agency=so-ngoai-vu                           | MISSING_PARAMETER   | state",
            "state=RECEIVED                               | MISSING_PARAMETER   | agency",
            "dueBy=2020-13-01                             | INVALID_DATE        | dueBy",
            "dueBy=13/03/2020                             | INVALID_DATE        | dueBy",
            "dueBy=                                       | MISSING_PARAMETER   | dueBy",
            "receivedFrom=2020-03-01                      | MISSING_PARAMETER   | receivedTo",
            "receivedFrom=2020-03-31&receivedTo=2020-03-01 | INVALID_RANGE      | receivedFrom",
            "receivedFrom=2020-01-01&receivedTo=2021-01-01 | RANGE_TOO_LONG     | receivedTo",
            "receivedFrom=2020-02-30&receivedTo=2020-03-01 | INVALID_DATE       | receivedFrom",
            "dueBy=2020-03-13&agency=so-ngoai-vu          | CONFLICTING_FILTERS | dueBy",
            "dueBy=2020-03-13&limit=0                     | INVALID_LIMIT       | limit",
            "dueBy=2020-03-13&limit=101                   | INVALID_LIMIT       | limit",
            "dueBy=2020-03-13&limit=ten                   | INVALID_LIMIT       | limit",
            "dueBy=2020-03-13&cursor=bm90IGEgY3Vyc29y      | INVALID_CURSOR      | cursor",
            "dueBy=2020-03-13&cursor=%%%                  | INVALID_CURSOR      | cursor",
            "dueBy=2020-03-13&sort=code                   | UNKNOWN_PARAMETER   | sort",
    })
    void bad_parameters_are_refused_with_the_field_named(String query, String code, String field) {
        var params = new LinkedHashMap<String, String>();
        for (var pair : query.split("&")) {
            if (pair.isBlank()) continue;
            var kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        var answer = invoke(list(params));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        var error = body(answer).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("fields").get(0).path("field").asText()).isEqualTo(field);
    }

    @Test
    void a_year_including_29_february_is_allowed() {
        assertThat(invoke(list(Map.of("receivedFrom", "2020-01-01", "receivedTo", "2020-12-31"))).path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void a_cursor_from_another_list_is_refused() {
        var first = body(invoke(list(Map.of("dueBy", "2020-03-31", "limit", "1"))));
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        var other = invoke(list(Map.of("agency", KHCN, "state", "IN_PROCESS", "cursor", cursor)));
        assertThat(other.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(other).path("error").path("code").asText()).isEqualTo("INVALID_CURSOR");
        var otherAgency = body(invoke(list(Map.of("agency", KHCN, "state", "IN_PROCESS", "limit", "1"))));
        var crossed = invoke(list(Map.of("agency", GDDT, "state", "IN_PROCESS", "cursor", otherAgency.path("nextCursor").asText())));
        assertThat(body(crossed).path("error").path("code").asText()).isEqualTo("INVALID_CURSOR");
    }

    // ---- one dossier ---------------------------------------------------------------------------

    @Test
    void the_full_dossier_shows_its_timeline_the_process_control_slip_and_the_delivery() {
        // The event file asks for 000.00.92.H48-200302-0001: k1 in this world.
        assertThat(k1.code().value()).isEqualTo("000.00.92.H48-200302-0001");
        var answer = invoke(event("desk-dossier-get.json"));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(answer).path("code").asText()).isEqualTo(k1.code().value());
        assertThat(body(answer).path("applicant").path("phone").asText()).isEqualTo(Receipts.PHONE);

        var d = body(invoke(one(g1.code().value())));
        assertThat(d.path("state").path("code").asText()).isEqualTo("RETURNED");
        assertThat(d.path("resultReturn").path("method").asText()).isEqualTo("BY_POST");
        assertThat(d.path("delivery").path("trackingNumber").asText()).isEqualTo("EB123456789VN");
        assertThat(d.path("outcome").path("decision").asText()).isEqualTo("APPROVED");
        var timeline = d.path("timeline");
        assertThat(timeline).hasSize(5);
        assertThat(timeline.get(0).path("kind").asText()).isEqualTo("RECEIVED");
        assertThat(timeline.get(0).path("from").isNull()).isTrue();
        assertThat(timeline.get(0).path("actor").path("id").asText()).isEqualTo(CLERK.id());
        assertThat(timeline.get(1).path("kind").asText()).isEqualTo("TRANSFERRED");
        assertThat(timeline.get(1).path("from").path("code").asText()).isEqualTo("RECEIVED");
        assertThat(timeline.get(1).path("to").path("code").asText()).isEqualTo("TRANSFERRED");
        assertThat(timeline.get(1).path("action").asText()).isEqualTo("chuyển hồ sơ đến cơ quan giải quyết");
        assertThat(timeline.get(3).path("actor").path("label").asText()).isEqualTo("Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi");
        // issue 17: names, never internal ids ("Bộ phận Một cửa (<uuid>)", "Hệ thống (router)" before)
        assertThat(timeline.get(0).path("actor").path("label").asText()).isEqualTo("Bộ phận Một cửa");
        assertThat(timeline.get(1).path("actor").path("label").asText()).isEqualTo("Hệ thống (tự động chuyển hồ sơ)");
        timeline.forEach(t -> assertThat(t.path("actor").path("label").asText()).doesNotContain(CLERK.id(), "router", "("  + GDDT));
        assertThat(timeline.get(4).path("at").asText()).isEqualTo("2020-03-06T09:00:00+07:00");

        var slip = d.path("processControl");
        assertThat(slip).hasSize(3);
        assertThat(slip.get(0).path("giverName").asText()).isEqualTo("Bộ phận Một cửa");
        assertThat(slip.get(0).path("receiver").asText()).isEqualTo(GDDT);
        assertThat(slip.get(0).path("receivedAt").asText()).isEqualTo("2020-03-02T08:00:00+07:00");
        assertThat(slip.get(1).path("giver").asText()).isEqualTo(GDDT);
        assertThat(slip.get(1).path("timeliness").asText()).isEqualTo("EARLY");
        assertThat(slip.get(1).path("timelinessLabel").asText()).isEqualTo("Trước hạn");
        assertThat(slip.get(2).path("receiverName").asText()).isEqualTo("Dịch vụ bưu chính");
        assertThat(slip.get(2).path("notes").asText()).contains("EB123456789VN");
        assertThat(d.toString()).doesNotContain("sha256:", "appliedEvent");
    }

    @Test
    void the_full_dossier_shows_a_moved_appointment_with_its_apology_and_a_paused_clock() {
        var delayed = body(invoke(one(g2.code().value())));
        assertThat(delayed.path("appointment").path("original").asText()).isEqualTo("2020-03-09");
        assertThat(delayed.path("appointment").path("current").asText()).isEqualTo("2020-03-12");
        assertThat(delayed.path("appointment").path("delay").path("reason").asText()).isEqualTo("Cần xác minh sổ gốc tại trường");
        assertThat(delayed.path("overdue").asBoolean()).isTrue();

        var paused = body(invoke(one(k4.code().value())));
        assertThat(paused.path("paused").asBoolean()).isTrue();
        assertThat(paused.path("pausedSince").asText()).isEqualTo("2020-03-06T09:00:00+07:00");
        assertThat(paused.path("supplements").get(0).path("items").get(0).asText()).isEqualTo("Biên bản kiểm định thiết bị X-quang");

        var fee = body(invoke(one(g3.code().value())));
        assertThat(fee.path("fee").path("amountVnd").asLong()).isEqualTo(50_000);
        assertThat(fee.path("fee").path("text").asText()).isEqualTo("50.000 đồng");
    }

    @Test
    void an_unknown_code_is_404_and_a_malformed_one_400() {
        var unknown = invoke(one("000.00.92.H48-200302-0999"));
        assertThat(unknown.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(unknown).path("error").path("code").asText()).isEqualTo("DOSSIER_NOT_FOUND");
        assertThat(body(unknown).path("error").path("message").asText()).startsWith("Không tìm thấy hồ sơ");

        var malformed = invoke(one("../../etc/passwd"));
        assertThat(malformed.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(malformed).path("error").path("code").asText()).isEqualTo("INVALID_DOSSIER_CODE");
        assertThat(body(malformed).path("error").path("fields").get(0).path("field").asText()).isEqualTo("code");
    }

    // ---- who may read --------------------------------------------------------------------------

    @Test
    void without_a_token_it_is_401_and_outside_the_desk_and_office_groups_403() {
        for (var e : List.of(event("desk-list-get.json"), event("desk-dossier-get.json"))) {
            ((ObjectNode) e.path("requestContext")).remove("authorizer");
            assertThat(invoke(e).path("statusCode").asInt()).isEqualTo(401);
        }
        for (var e : List.of(event("desk-list-get.json"), event("desk-dossier-get.json"))) {
            claims(e).put("cognito:groups", "[department]");
            var answer = invoke(e);
            assertThat(answer.path("statusCode").asInt()).isEqualTo(403);
            assertThat(body(answer).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        }
        var office = event("desk-list-get.json");
        claims(office).put("cognito:groups", "[office]");
        assertThat(invoke(office).path("statusCode").asInt()).isEqualTo(200);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private List<String> allPages(Map<String, String> query, int limit) {
        var codes = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var params = new LinkedHashMap<>(query);
            params.put("limit", String.valueOf(limit));
            if (cursor != null) params.put("cursor", cursor);
            var answer = invoke(list(params));
            assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
            var body = body(answer);
            assertThat(body.path("items").size()).isLessThanOrEqualTo(limit);
            codes.addAll(codes(body));
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            assertThat(++pages).as("pages").isLessThan(20);
        } while (cursor != null);
        return codes;
    }

    private static List<String> codes(JsonNode body) {
        var codes = new ArrayList<String>();
        body.path("items").forEach(i -> codes.add(i.path("code").asText()));
        return codes;
    }

    private static ObjectNode list(Map<String, String> query) {
        var e = event("desk-list-get.json");
        var q = e.putObject("queryStringParameters");
        query.forEach(q::put);
        e.put("rawQueryString", "");
        return e;
    }

    // ---- forms printed again --------------------------------------------------------------------

    static final vn.motcua.domain.dossier.ReceiptRecord K1_RECEIPT = new vn.motcua.domain.dossier.ReceiptRecord(List.of(
            new vn.motcua.domain.dossier.ReceiptRecord.Line("Đơn đề nghị cấp giấy phép", "Bản chính", 1),
            new vn.motcua.domain.dossier.ReceiptRecord.Line("Bản sao giấy chứng nhận đăng ký doanh nghiệp", "Bản sao", 2)),
            2, "Nguyễn Thị Lan");

    @Test
    @org.junit.jupiter.api.DisplayName("form 01 printed again by the server from the stored dossier and its receipt record, after any sign-in"
            + " (before: it lived only in the browser's sessionStorage)")
    void the_receipt_is_printed_again_from_what_the_dossier_keeps() {
        tables.dossiers().keepReceipt(k1.code(), K1_RECEIPT);
        var answer = invoke(event("desk-form-get.json"));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        var form = body(answer);
        assertThat(form.path("form").asText()).isEqualTo("01");
        assertThat(form.path("legalBasis").asText()).as("received 2 March 2020: Circular 01/2018").isEqualTo("TT01-2018");
        assertThat(form.path("provisionalBasis").asBoolean()).isFalse();
        assertThat(form.path("citation").asText()).contains("Thông tư số 01/2018/TT-VPCP");
        String html = form.path("html").asText();
        assertThat(html).contains(
                "Mẫu số 01 ban hành kèm theo Thông tư số 01/2018/TT-VPCP",
                "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NGÃI",
                "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi tiếp nhận hồ sơ của",
                "Quảng Ngãi, ngày 02 tháng 03 năm 2020",
                "Bản sao giấy chứng nhận đăng ký doanh nghiệp", "2. Số lượng hồ sơ: 2 bộ",
                "13 giờ 30 phút, ngày 16 tháng 03 năm 2020",
                "Vào Sổ theo dõi hồ sơ, Quyển số",
                "(Bản in lại ngày 13/03/2020)",
                "Nguyễn Thị Lan</div>")
                .as("the reprint has no secret to print: no QR code, no secret box").doesNotContain("<svg", "Mã tra cứu:")
                .as("the clerk is named, never by email").doesNotContain("quay01@");
        assertThat(html.substring(html.indexOf("5. Thời gian trả kết quả"), html.indexOf("6. Đăng ký")))
                .as("no brackets inside brackets in item 5").doesNotContainPattern("\\([^)]*\\(");
        var full = body(invoke(one(k1.code().value())));
        assertThat(full.path("receivedBy").asText()).isEqualTo("Nguyễn Thị Lan");
        assertThat(full.path("timeline").get(0).path("actor").path("label").asText()).isEqualTo("Bộ phận Một cửa (Nguyễn Thị Lan)");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a dossier received from 1 July 2025 prints under Decree 118/2025, marked provisional")
    void a_dossier_received_under_decree_118_prints_its_basis() {
        var receipts = tables.receipts();
        var d = receipts.receive("2.001914", 7, vn(2026, 3, 2, 8, 0), LocalDate.of(2026, 3, 16));
        tables.dossiers().keepReceipt(d.code(), K1_RECEIPT);
        var form = body(invoke(form(d.code().value(), "01")));
        assertThat(form.path("legalBasis").asText()).isEqualTo("ND118-2025");
        assertThat(form.path("provisionalBasis").asBoolean()).isTrue();
        assertThat(form.path("html").asText()).contains("Căn cứ Nghị định số 118/2025/NĐ-CP", "Quảng Ngãi, ngày 02 tháng 03 năm 2026");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("form 04 once a department announced a delay, form 05 from the hand-overs, each citing its basis")
    void forms_04_and_05_are_printed_from_the_dossier() {
        var apology = body(invoke(form(g2.code().value(), "04")));
        assertThat(apology.path("title").asText()).isEqualTo("Phiếu xin lỗi và hẹn lại ngày trả kết quả");
        assertThat(apology.path("html").asText()).contains("Mẫu số 04 ban hành kèm theo Thông tư số 01/2018/TT-VPCP",
                "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Cần xác minh sổ gốc tại trường", "ngày 09 tháng 03 năm 2020",
                "ngày 12 tháng 03 năm 2020", "Quảng Ngãi, ngày 06 tháng 03 năm 2020", "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH QUẢNG NGÃI");
        var none = invoke(form(k1.code().value(), "04"));
        assertThat(none.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(none).path("error").path("message").asText()).contains("chưa báo chậm");

        var slip = body(invoke(form(g1.code().value(), "05")));
        assertThat(slip.path("legalBasis").asText()).isEqualTo("TT01-2018");
        assertThat(slip.path("html").asText()).contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "@page { size: A4 portrait;",
                "Giao: Bộ phận Một cửa<br>Nhận: Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "14:00 28/02/2020", "Trước hạn");
    }

    @Test
    void a_form_the_dossier_does_not_print_and_a_dossier_without_its_receipt_record_are_404_with_a_reason() {
        var other = invoke(form(k1.code().value(), "07"));
        assertThat(other.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(other).path("error").path("code").asText()).isEqualTo("FORM_NOT_AVAILABLE");
        var unkept = invoke(form(n1.code().value(), "01"));
        assertThat(unkept.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(unkept).path("error").path("code").asText()).isEqualTo("RECEIPT_NOT_KEPT");
        assertThat(body(unkept).path("error").path("message").asText()).contains(n1.code().value());
        var unknown = invoke(form("000.00.92.H48-200302-0999", "01"));
        assertThat(body(unknown).path("error").path("code").asText()).isEqualTo("DOSSIER_NOT_FOUND");
    }

    // ---- forms 02 and 03 of the desk's guidance and refusals ----------------------------------

    static final String GUIDED = "guided-3f1c0a9e5b7d42e8a6c4b2d0e8f61a7c", REFUSED = "refused-" + "0b9e".repeat(8);

    @Test
    @org.junit.jupiter.api.DisplayName("forms 02 and 03 are printed again from the desk's record after any sign-in, and today's are on the worklist"
            + " (before: only in the answer of the intake or the refusal)")
    void forms_02_and_03_are_printed_again_from_the_desks_record() {
        guided(GUIDED, vn(2020, 3, 13, 8, 30));
        refused(REFUSED, vn(2020, 3, 13, 9, 0));

        var answer = invoke(event("desk-refusal-form-get.json"));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        var guidance = body(answer);
        assertThat(guidance.path("form").asText()).isEqualTo("02");
        assertThat(guidance.path("legalBasis").asText()).isEqualTo("TT01-2018");
        assertThat(guidance.path("provisionalBasis").asBoolean()).isFalse();
        assertThat(guidance.path("citation").asText()).contains("Thông tư số 01/2018/TT-VPCP");
        assertThat(guidance.path("html").asText()).contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", Receipts.NAME,
                "Thiếu: Đơn đề nghị cấp giấy phép", "Quảng Ngãi, ngày 13 tháng 03 năm 2020", "(Bản in lại ngày 13/03/2020)",
                "Nguyễn Thị Lan</div>", "@page { size: A5 portrait;").doesNotContain("quay01");

        var refusal = body(invoke(refusalForm(REFUSED, "03")));
        assertThat(refusal.path("title").asText()).isEqualTo("Phiếu từ chối tiếp nhận giải quyết hồ sơ");
        assertThat(refusal.path("html").asText()).contains("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Không thuộc thẩm quyền tiếp nhận",
                "Trần Văn Hùng</div>");

        var today = body(invoke(event("desk-worklist-get.json"))).path("deskRefusalsToday");
        assertThat(today.path("items").findValuesAsText("id")).as("latest first").containsExactly(REFUSED, GUIDED);
        assertThat(today.path("items").get(1).path("form").asText()).isEqualTo("02");
        assertThat(today.path("items").get(1).path("applicantName").asText()).isEqualTo(Receipts.NAME);
        assertThat(today.path("items").get(0).path("procedure").path("nameVi").asText()).isNotEqualTo("2.001914");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("an earlier day's guidance and refusals are listed for that day, latest first, and not for today"
            + " (before: only today's, on the worklist)")
    void an_earlier_days_guidance_and_refusals_are_listed_for_that_day() {
        String morning = "guided-" + "12ab".repeat(8), afternoon = "refused-" + "34cd".repeat(8);
        guided(morning, vn(2020, 3, 12, 8, 15));
        refused(afternoon, vn(2020, 3, 12, 16, 45));

        var answer = invoke(event("desk-refusals-get.json")); // ?on=2020-03-12, the day before "today"
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        var yesterday = body(answer);
        assertThat(yesterday.path("on").asText()).isEqualTo("2020-03-12");
        assertThat(yesterday.path("items").findValuesAsText("id")).as("latest first").containsExactly(afternoon, morning);
        assertThat(yesterday.path("items").get(0).path("form").asText()).isEqualTo("03");
        assertThat(yesterday.path("items").get(1).path("form").asText()).isEqualTo("02");
        assertThat(yesterday.path("items").get(1).path("applicantName").asText()).isEqualTo(Receipts.NAME);
        assertThat(yesterday.path("items").get(1).path("clerkName").asText()).isEqualTo("Nguyễn Thị Lan");
        assertThat(yesterday.path("more").asBoolean()).isFalse();

        var today = body(invoke(refusalsOn(null)));
        assertThat(today.path("on").asText()).as("today without ?on").isEqualTo("2020-03-13");
        assertThat(today.path("items").findValuesAsText("id")).doesNotContain(afternoon, morning);
        assertThat(body(invoke(refusalsOn("2020-03-11"))).path("items").findValuesAsText("id")).doesNotContain(afternoon, morning);
        // the one printed again later, by the id from the list
        assertThat(body(invoke(refusalForm(morning, "02"))).path("html").asText()).contains("ngày 12 tháng 03 năm 2020");
    }

    @ParameterizedTest
    @CsvSource({
            "2020-13-01, INVALID_DATE, on, năm-tháng-ngày",
            "12/03/2020, INVALID_DATE, on, năm-tháng-ngày",
            "'', MISSING_PARAMETER, on, Cần nhập ngày",
            "2020-03-14, DATE_IN_FUTURE, on, chưa tới",
    })
    void a_bad_day_is_400_in_vietnamese(String on, String code, String field, String message) {
        var answer = invoke(refusalsOn(on));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(400);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo(code);
        assertThat(body(answer).path("error").path("message").asText()).contains(message);
        assertThat(body(answer).path("error").path("fields").findValuesAsText("field")).containsExactly(field);
    }

    @Test
    void another_parameter_of_the_days_list_is_400() {
        var e = refusalsOn("2020-03-12");
        ((ObjectNode) e.path("queryStringParameters")).put("name", "Nguyễn");
        var answer = invoke(e);
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(400);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo("UNKNOWN_PARAMETER");
    }

    /** The day's list with {@code ?on=} (null: without it). */
    private static ObjectNode refusalsOn(String on) {
        var e = event("desk-refusals-get.json");
        if (on == null) {
            e.remove("queryStringParameters");
            e.put("rawQueryString", "");
        } else {
            e.putObject("queryStringParameters").put("on", on);
            e.put("rawQueryString", "on=" + java.net.URLEncoder.encode(on, java.nio.charset.StandardCharsets.UTF_8));
        }
        return e;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "guided-3f1c0a9e5b7d42e8a6c4b2d0e8f61a7c, 03, 400, FORM_NOT_AVAILABLE, mẫu 02",
            "guided-3f1c0a9e5b7d42e8a6c4b2d0e8f61a7c, 05, 400, FORM_NOT_AVAILABLE, in được: 02, 03",
            "guided-ffffffffffffffffffffffffffffffff, 02, 404, REFUSAL_NOT_FOUND, Không tìm thấy phiếu",
            "REFUSAL#x, 02, 400, INVALID_REFUSAL_ID, không đúng dạng",
    })
    void a_wrong_form_is_400_and_an_unknown_record_404_in_vietnamese(String id, String form, int status, String code, String message) {
        guided(GUIDED, vn(2020, 3, 13, 8, 30));
        var answer = invoke(refusalForm(id, form));
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(status);
        assertThat(body(answer).path("error").path("code").asText()).isEqualTo(code);
        assertThat(body(answer).path("error").path("message").asText()).contains(message);
    }

    /** Guidance at the desk (form 02) for Receipts' applicant, given by "Nguyễn Thị Lan". */
    private void guided(String id, java.time.Instant at) {
        tables.dossiers().recordDeskRefusal(new vn.motcua.domain.dossier.DeskRefusal(id,
                vn.motcua.domain.dossier.DeskRefusal.Kind.GUIDED_TO_COMPLETE, "1.000173", KHCN, Receipts.applicant(),
                List.of("Thiếu: Đơn đề nghị cấp giấy phép"), CLERK, at, "Nguyễn Thị Lan"));
    }

    /** A refusal at the desk (form 03) for Receipts' applicant, given by "Trần Văn Hùng". */
    private void refused(String id, java.time.Instant at) {
        tables.dossiers().recordDeskRefusal(new vn.motcua.domain.dossier.DeskRefusal(id,
                vn.motcua.domain.dossier.DeskRefusal.Kind.REFUSED, "2.001914", GDDT, Receipts.applicant(),
                List.of("Không thuộc thẩm quyền tiếp nhận"), CLERK, at, "Trần Văn Hùng"));
    }

    private static ObjectNode refusalForm(String id, String form) {
        var e = event("desk-refusal-form-get.json");
        e.putObject("pathParameters").put("id", id).put("form", form);
        e.put("rawPath", "/dossiers/refusals/" + id + "/forms/" + form);
        return e;
    }

    private static ObjectNode form(String code, String form) {
        var e = event("desk-form-get.json");
        e.putObject("pathParameters").put("code", code).put("form", form);
        e.put("rawPath", "/dossiers/" + code + "/forms/" + form);
        return e;
    }

    private static ObjectNode one(String code) {
        var e = event("desk-dossier-get.json");
        e.putObject("pathParameters").put("code", code);
        e.put("rawPath", "/dossiers/" + code);
        return e;
    }

    private static ObjectNode claims(ObjectNode event) {
        return (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
    }

    static ObjectNode event(String file) { return LambdaEvents.load(file); }

    private JsonNode invoke(JsonNode event) { return LambdaEvents.invoke(handler, event); }

    private static JsonNode body(JsonNode answer) { return LambdaEvents.body(answer); }
}
