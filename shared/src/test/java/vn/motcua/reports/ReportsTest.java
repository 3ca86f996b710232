package vn.motcua.reports;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.edge.BadInput;
import vn.motcua.wiring.Rehearsal;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The office's reports on in-memory ports: what the indexes give, laid out as JSON and as CSV for Excel. */
class ReportsTest {

    private final Rehearsal world = Rehearsal.create();
    private final Reports reports = world.wiring().reports();
    private static final Map<String, String> MARCH = Map.of("from", "2020-03-01", "to", "2020-03-31");

    @Test
    void the_statistics_count_each_agencys_dossiers_and_the_desks_refusals() throws Exception {
        world.inProcess();
        world.received();
        world.resultReadyByPost();
        var d = world.received();
        world.ports().dossiers().recordDeskRefusal(new DeskRefusal("refused-1", DeskRefusal.Kind.REFUSED, Rehearsal.PROCEDURE, Rehearsal.AGENCY,
                d.applicant(), List.of("Không thuộc thẩm quyền."), Rehearsal.CLERK, Rehearsal.NOW));

        var report = (Reports.Report.AsJson) reports.report(false, MARCH, "r-1");

        var agencies = report.body().path("agencies");
        assertThat(agencies).hasSize(world.ports().reference().get().catalog().agencies().size());
        var khcn = java.util.stream.StreamSupport.stream(agencies.spliterator(), false)
                .filter(a -> a.path("agency").path("id").asText().equals(Rehearsal.AGENCY)).findFirst().orElseThrow();
        assertThat(khcn.path("received").path("total").asInt()).isEqualTo(4);
        assertThat(khcn.path("atDesk").path("refused").asInt()).isEqualTo(1);
        assertThat(report.body().path("carriedOverLookBackFrom").asText()).isEqualTo("2019-03-01");
    }

    @Test
    void the_statistics_csv_counts_the_dossiers_withdrawn_and_stopped_in_their_own_column() throws Exception {
        var d = world.inProcess();
        var at = java.time.LocalDateTime.of(2020, 3, 9, 9, 0).atZone(vn.motcua.domain.dossier.Dossier.ZONE).toInstant();
        world.then(d, new vn.motcua.domain.dossier.DossierEvent.WithdrawalRequested("w-" + d.code().value(), Rehearsal.CLERK, at,
                        "Không còn nhu cầu"),
                new vn.motcua.domain.dossier.DossierEvent.Stopped("s-" + d.code().value(), vn.motcua.domain.dossier.Actor.department(d.agencyId()),
                        at.plusSeconds(3600), java.util.Optional.empty()));
        world.inProcess();

        var csv = (Reports.Report.AsCsv) reports.report(false, Map.of("from", "2020-03-01", "to", "2020-03-31", "format", "csv"), "r-1");

        var lines = List.of(csv.text().split("\r\n"));
        assertThat(lines.get(2)).endsWith(",Hướng dẫn bổ sung tại quầy,Từ chối tiếp nhận,Rút hồ sơ (dừng giải quyết)");
        var khcn = lines.stream().filter(l -> l.contains(",Sở Khoa học và Công nghệ tỉnh Quảng Ngãi,")).findFirst().orElseThrow();
        assertThat(khcn).as("2 received: 1 in process, 1 withdrawn").startsWith("000.00.92.H48,Sở Khoa học và Công nghệ tỉnh Quảng Ngãi,2,0,2,")
                .endsWith(",0,0,1");
        assertThat(lines.stream().filter(l -> l.startsWith(",Tổng cộng,")).findFirst().orElseThrow()).endsWith(",0,0,1");
    }

    @Test
    void the_tracking_book_as_csv_has_a_row_per_dossier_received_with_the_applicants_name() throws Exception {
        var d = world.inProcess();

        var report = (Reports.Report.AsCsv) reports.report(true, Map.of("from", "2020-03-01", "to", "2020-03-31", "format", "csv"), "r-1");

        assertThat(report.fileName()).isEqualTo("so-theo-doi-2020-03-01-2020-03-31.csv");
        var lines = report.text().split("\r\n");
        // issue 17: a title and the period, then form 06's columns with the sets, address and phone, and notes
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("\uFEFFSỔ THEO DÕI HỒ SƠ");
        assertThat(lines[1]).isEqualTo("Từ ngày 01/03/2020 đến ngày 31/03/2020");
        assertThat(lines[2]).startsWith("STT,Mã hồ sơ,Thủ tục hành chính,Số bộ hồ sơ,").endsWith(",Trả kết quả,Ghi chú");
        assertThat(lines[3]).startsWith("1," + d.code().value() + ",").contains("Nguyễn Văn An").contains("04/03/2020 09:00");
    }

    @Test
    void a_bad_period_or_an_unknown_agency_is_a_400_naming_the_parameter() {
        assertThatThrownBy(() -> reports.report(false, Map.of("from", "2020-03-31", "to", "2020-03-01"), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("PERIOD_REVERSED"));
        assertThatThrownBy(() -> reports.report(false, Map.of("from", "2020-03-01", "to", "2020-03-31", "agency", "so-khong-co"), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.fields()).extracting(BadInput.FieldError::field).containsExactly("agency"));
    }

    private void rated(String agency, int sequence, int score, java.time.LocalDateTime at) {
        var code = new vn.motcua.domain.dossier.DossierCode("000.00.92.H48-200304-" + String.format("%04d", sequence));
        assertThat(world.ports().ratings().add(new vn.motcua.domain.dossier.Rating(code, agency, score, java.util.Optional.empty(),
                at.atZone(vn.motcua.domain.dossier.Dossier.ZONE).toInstant()))).isTrue();
    }

    @Test
    void ratings_per_agency_and_month_with_a_vietnamese_decimal_comma_in_json_and_csv() throws Exception {
        rated(Rehearsal.AGENCY, 1, 5, java.time.LocalDateTime.of(2020, 3, 2, 9, 0));
        rated(Rehearsal.AGENCY, 2, 4, java.time.LocalDateTime.of(2020, 3, 31, 23, 30)); // still March in Vietnam
        rated(Rehearsal.AGENCY, 3, 4, java.time.LocalDateTime.of(2020, 4, 1, 0, 10));
        rated(Rehearsal.AGENCY, 4, 1, java.time.LocalDateTime.of(2020, 2, 28, 10, 0)); // before the period

        var march = (Reports.Report.AsJson) reports.report(false, MARCH, "r-1");
        assertThat(march.body().path("ratings")).singleElement().satisfies(r -> {
            assertThat(r.path("agency").path("id").asText()).isEqualTo(Rehearsal.AGENCY);
            assertThat(r.path("month").asText()).isEqualTo("2020-03");
            assertThat(r.path("count").asInt()).isEqualTo(2);
            assertThat(r.path("average").asDouble()).isEqualTo(4.5);
            assertThat(r.path("averageText").asText()).isEqualTo("4,5");
        });

        var csv = (Reports.Report.AsCsv) reports.report(false, Map.of("from", "2020-03-01", "to", "2020-04-30", "format", "csv"), "r-1");
        var lines = List.of(csv.text().split("\r\n"));
        int header = lines.indexOf("Mã cơ quan,Cơ quan giải quyết,Tháng,Số lượt đánh giá,Điểm trung bình (1-5)");
        assertThat(header).isPositive();
        assertThat(lines.get(header - 2)).isEmpty();
        // the department by its official code, as the statistics rows above (17b): 000.00.92.H48 for the Department of Science and Technology
        assertThat(lines.subList(header + 1, lines.size())).containsExactly(
                "000.00.92.H48,Sở Khoa học và Công nghệ tỉnh Quảng Ngãi,03/2020,2,\"4,5\"",
                "000.00.92.H48,Sở Khoa học và Công nghệ tỉnh Quảng Ngãi,04/2020,1,\"4,0\"");
        assertThat(csv.text().indexOf('\uFEFF', 1)).isEqualTo(-1);
    }
}
