package vn.motcua.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatsAndCostTest {

    @Test
    void the_median_of_an_odd_sample_is_its_middle_value_and_of_an_even_one_the_mean_of_the_two_middles() {
        assertThat(Stats.median(List.of(5, 1, 3))).isEqualTo(3);
        assertThat(Stats.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void percentiles_use_the_nearest_rank() {
        var hundred = java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList();
        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50);
        assertThat(Stats.percentile(hundred, 95)).isEqualTo(95);
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(List.of(7, 3), 99)).isEqualTo(7);
        assertThat(Stats.percentile(List.of(7, 3), 1)).isEqualTo(3);
        assertThatThrownBy(() -> Stats.percentile(hundred, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capacity_units_round_up_per_kib_written_and_per_four_kib_read() {
        assertThat(CostModel.writeUnits(100)).isEqualTo(1 + CostModel.GSI_COPIES);
        assertThat(CostModel.writeUnits(1025)).isEqualTo(2 * (1 + CostModel.GSI_COPIES));
        assertThat(CostModel.readUnits(10)).isEqualTo(1);
        assertThat(CostModel.readUnits(4097)).isEqualTo(2);
    }

    @Test
    void one_thousand_dossiers_of_one_function_cost_what_the_prices_say() {
        var prices = new CostModel.Prices(0.0000166667, 0.20, 1.0, 1.0, 0.40, 0.10, 0.005, 0.0004, 0.023, 1.00, "test");
        // one run per dossier, 1024 MB for 100 ms, one 500-byte PutItem, one SQS send, one email
        var usage = new CostModel.Usage("intake", 1, true, 1024, 99.2, Map.of("PutItem", 1.0, "SendMessage", 1.0),
                Map.of("PutItem", 500.0), Map.of(), false);
        var lines = CostModel.per1000(List.of(usage), 1e6, 1, prices);
        assertThat(lines.get("Lambda compute (GB-s)")).isCloseTo(1000 * 0.1 * 0.0000166667, within(1e-12));
        assertThat(lines.get("Lambda requests")).isCloseTo(1000 * 0.20 / 1e6, within(1e-12));
        assertThat(lines.get("API Gateway HTTP API requests")).isCloseTo(0.001, within(1e-12));
        assertThat(lines.get("DynamoDB writes")).isCloseTo(1000 * (1 + CostModel.GSI_COPIES) / 1e6, within(1e-12));
        assertThat(lines.get("SQS requests")).isCloseTo(1000 * 0.40 / 1e6, within(1e-12));
        assertThat(lines.get("SES emails")).isCloseTo(0.1, within(1e-12));
        assertThat(lines.get("S3 storage (per month kept)")).isCloseTo(1.0 * 0.023, within(1e-12));
        assertThat(CostModel.table(lines)).contains("| **total** |").contains("SES emails");
    }

    @Test
    void a_dossier_s_calls_are_each_function_s_calls_per_invocation_times_its_invocations_per_dossier() {
        var router = new Costs.Flowing(new Flow.FunctionUse("router", "RouterFunction", 1024, false, 0.5, 100),
                Map.of("GetItem", 2.0, "SendMessage", 2.0), Map.of(), Map.of());
        var updates = new Costs.Flowing(new Flow.FunctionUse("updates", "UpdatesFunction", 1024, false, 2, 40),
                Map.of("GetItem", 1.0), Map.of(), Map.of());
        assertThat(PipelineReport.callsPerDossier(List.of(router, updates)))
                .containsEntry("GetItem", 3.0).containsEntry("SendMessage", 1.0).hasSize(2);
    }

    @Test
    void the_ceiling_is_set_by_the_slower_emulator_for_the_calls_of_one_dossier() {
        // DynamoDB: 10 writes at 100/s = 0.1 s; SQS: 2 messages at 100/s each for send, receive, delete = 0.06 s
        var c = new Pipeline.Ceiling(100, 1000, 100, 100, 100, 8);
        assertThat(PipelineReport.ceiling(c, 10, 0, 2)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void logical_ids_become_the_tables_function_names() {
        assertThat(Costs.shortName("IntakeFunction")).isEqualTo("intake");
        assertThat(Costs.shortName("DepartmentUpdatesFunction")).isEqualTo("department-updates");
    }
}
