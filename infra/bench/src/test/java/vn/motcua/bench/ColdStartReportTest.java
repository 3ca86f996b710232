package vn.motcua.bench;

import org.junit.jupiter.api.Test;
import vn.motcua.bench.ColdStart.Run;
import vn.motcua.bench.ColdStart.Variant;
import vn.motcua.edge.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cold-start table: medians of the runs that succeeded, the targets' ratios, a failed cell named and not timed. */
class ColdStartReportTest {

    private static final double NA = Double.NaN;

    private static Run cold(Variant v, double total, double init, double invoke) {
        return new Run(v == Variant.HELLO ? "hello-512" : "catalog", v, 512, total, init, invoke, NA, NA, NA, null);
    }

    private static Run primed(double first, double checkpoint, double restore, double warm) {
        return new Run("catalog", Variant.PRIMED, 512, first, NA, NA, checkpoint, restore, warm, null);
    }

    private static Report report(List<Run> runs) throws Exception {
        var target = new Targets.Target("CatalogFunction", "vn.motcua.functions.catalog.CatalogHandler::handleRequest",
                Path.of("function.zip"), 512, 20, Map.of(), "catalog.json", Json.mapper().readTree("{\"routeKey\":\"GET /catalog\"}"), null);
        var report = new Report(Path.of("."), Bench.Options.parse(new String[0]));
        report.coldStart(List.of(target), runs, Map.of("catalog/SIGNED", 2700, "catalog/COLD", 4000, "hello-512/HELLO", 1047), "(test)");
        return report;
    }

    private static String row(Report report) {
        return report.coldStartTables().lines().filter(l -> l.startsWith("| catalog ")).findFirst().orElseThrow();
    }

    @Test
    void the_row_gives_medians_with_the_report_split_and_the_targets_ratios() throws Exception {
        var runs = List.of(
                cold(Variant.HELLO, 100, 90, 1), cold(Variant.HELLO, 120, 110, 1), cold(Variant.HELLO, 110, 100, 1),
                cold(Variant.SIGNED, 400, 250, 150), cold(Variant.SIGNED, 500, 300, 200), cold(Variant.SIGNED, 450, 280, 170),
                cold(Variant.COLD, 600, 400, 200), cold(Variant.COLD, 700, 450, 250), cold(Variant.COLD, 500, 300, 200),
                primed(20, 1500, 4, 2), primed(30, 1700, 6, 3), primed(25, 1600, 5, 2.5));

        assertThat(row(report(runs))).isEqualTo("| catalog | 512 | 110 | 450 (280 + 170) | 600 (400 + 200) | 1.33 NOT met | 25.0 | 2.5"
                + " | 10.0x NOT met | 1600 | 5.0 | 2700 / 4000 / 1047 | none |");
    }

    @Test
    void a_failed_run_is_left_out_of_the_medians_and_named_in_the_row_and_the_failures() throws Exception {
        var runs = new ArrayList<>(List.of(
                cold(Variant.HELLO, 100, 90, 1),
                cold(Variant.SIGNED, 500, 300, 200),
                cold(Variant.COLD, 600, 400, 200), cold(Variant.COLD, 620, 400, 220),
                primed(4, 1500, 4, 2)));
        // an error path is fast: timed, it would flatter the cell
        runs.add(new Run("catalog", Variant.COLD, 512, 50, 40, 10, NA, NA, NA, "HTTP 500 (catalog-COLD.log)"));

        var report = report(runs);

        assertThat(row(report)).contains("| 610 (400 + 210) | 1.22 met |").endsWith("| cold FAILED 1x |");
        assertThat(report.failures()).containsExactly("catalog COLD: HTTP 500 (catalog-COLD.log)");
        assertThat(report.runsCsv().lines()).hasSize(1 + runs.size())
                .contains("catalog,cold,512,50.0,40.0,10.0,,,,\"HTTP 500 (catalog-COLD.log)\"", "catalog,primed,512,4.0,,,1500.0,4.0,2.0,");
    }

    @Test
    void the_primed_target_is_not_applied_to_a_function_that_http_does_not_call() throws Exception {
        var target = new Targets.Target("RouterFunction", "h", Path.of("function.zip"), 1024, 20, Map.of(), "sqs.json",
                Json.mapper().readTree("{\"Records\":[]}"), null);
        var report = new Report(Path.of("."), Bench.Options.parse(new String[0]));
        report.coldStart(List.of(target), List.of(new Run("router", Variant.PRIMED, 1024, 30, NA, NA, 900, 3, 10, null)), Map.of(), "(test)");

        assertThat(report.coldStartTables()).contains("| 3.0x (not HTTP) |");
    }
}
