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
}
