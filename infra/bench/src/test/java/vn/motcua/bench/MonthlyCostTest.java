package vn.motcua.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The monthly bill: its reference dossier against the measured flow, its arithmetic, its prices' sources. */
class MonthlyCostTest {

    static final Set<String> FLOW = Set.of("intake", "router", "dispatcher", "department-updates", "updates", "notifier");

    static double perDossier(String... ops) {
        var wanted = Set.of(ops);
        return MonthlyCost.REFERENCE_DOSSIER.stream().filter(u -> FLOW.contains(u.function()))
                .mapToDouble(u -> u.invocationsPerDossier() * u.callsPerInvocation().entrySet().stream()
                        .filter(e -> wanted.contains(e.getKey())).mapToDouble(Map.Entry::getValue).sum()).sum();
    }

    @Test
    void theReferenceDossierMakesTheCallsTheWholeFlowMeasured() {
        // docs/benchmarks.md, 2026-11-28: a dossier needs 15 DynamoDB writes, 12 reads, 8 SQS messages, 2 emails
        assertThat(perDossier("PutItem", "UpdateItem", "DeleteItem")).isCloseTo(15, within(1e-9));
        assertThat(perDossier("GetItem", "Query", "BatchGetItem")).isCloseTo(12, within(1e-9));
        assertThat(perDossier("SendMessage")).isCloseTo(8, within(1e-9));
        assertThat(perDossier("SES SendEmail")).isCloseTo(2, within(1e-9));
    }

    @Test
    void theReferenceDossierHasTheExpectedLifeOfEveryOtherFunction() {
        Costs.LIFE.forEach((function, runs) -> assertThat(MonthlyCost.REFERENCE_DOSSIER)
                .filteredOn(u -> u.function().equals(function)).singleElement()
                .satisfies(u -> assertThat(u.invocationsPerDossier()).isEqualTo(runs)));
    }

    @Test
    void eachFunctionRunsWithTheMemoryTheTemplateGivesIt() {
        var template = vn.motcua.local.template.Template.load(vn.motcua.local.stack.ProjectDirectory.find().resolve("template.yaml"));
        for (var f : vn.motcua.local.template.SamFunction.all(template)) {
            String name = Costs.shortName(f.name());
            MonthlyCost.REFERENCE_DOSSIER.stream().filter(u -> u.function().equals(name)).forEach(u ->
                    assertThat(u.memoryMb()).as(name).isEqualTo(((Number) f.get("MemorySize")).intValue()));
        }
    }

    @Test
    void everyPriceSaysWhereAndWhenItWasRead() {
        MonthlyCost.PRICES.forEach((key, p) -> {
            assertThat(p.source()).as(key).matches(".*(20\\d\\d|aws\\.amazon\\.com|not re-read).*");
            assertThat(p.usd()).as(key).isGreaterThanOrEqualTo(0);
        });
        assertThat(MonthlyCost.PRICES.get("dynamodb.writeUnit").usd() * 1e6).isEqualTo(0.71);
        assertThat(MonthlyCost.PRICES.get("cloudwatch.logsIngestGb").usd()).isEqualTo(0.70);
    }

    @Test
    void fixedCostsAreThereAtAnyVolumeAndTheVariableOnesGrowWithIt() {
        var small = MonthlyCost.month(300);
        var large = MonthlyCost.month(10_000);
        double kms = small.stream().filter(l -> l.item().startsWith("KMS")).findFirst().orElseThrow().listUsd();
        assertThat(kms).isEqualTo(1.00);
        double alarms = small.stream().filter(l -> l.item().equals("CloudWatch alarms")).findFirst().orElseThrow().listUsd();
        assertThat(alarms).isCloseTo(8 * 0.10, within(1e-9));
        assertThat(MonthlyCost.total(small, true)).as("always-free allowances lower the bill").isLessThan(MonthlyCost.total(small, false));
        assertThat(MonthlyCost.total(large, false)).isGreaterThan(MonthlyCost.total(small, false));
        // the variable part scales linearly: writes for 10,000 are 33.3 x those for 300
        double w300 = small.stream().filter(l -> l.item().equals("DynamoDB writes")).findFirst().orElseThrow().listUsd();
        double w10k = large.stream().filter(l -> l.item().equals("DynamoDB writes")).findFirst().orElseThrow().listUsd();
        assertThat(w10k / w300).isCloseTo(10_000 / 300.0, within(1e-9));
    }

    @Test
    void oneDossiersWritesCostWhatTheUnitsAndThePriceSay() {
        // the flow's 15 writes of small items: 1 unit each and one more for each of the 2 index copies (CostModel.GSI_COPIES),
        // a dossier item of ~2.5-4 KB: 3-4 units x 3; total per 1,000 dossiers at USD 0.71 per million units
        double units = MonthlyCost.REFERENCE_DOSSIER.stream().mapToDouble(u -> u.invocationsPerDossier() * u.callsPerInvocation().entrySet()
                .stream().filter(e -> CostModel.isDynamoWrite(e.getKey()))
                .mapToDouble(e -> e.getValue() * CostModel.writeUnits(u.requestBytes().getOrDefault(e.getKey(), 0.0))).sum()).sum();
        var model = CostModel.per1000(MonthlyCost.REFERENCE_DOSSIER, 0, 0, MonthlyCost.SINGAPORE);
        assertThat(model.get("DynamoDB writes")).isCloseTo(1000 * units * 0.71 / 1e6, within(1e-12));
    }

    @Test
    void theTableHasAColumnPerVolumeAndBothTotals() {
        String table = MonthlyCost.table(List.of(300, 1_000, 10_000));
        assertThat(table).startsWith("| USD per month, ap-southeast-1 | 300 dossiers | 1,000 dossiers | 10,000 dossiers |")
                .contains("| **total, list prices** |").contains("| **total after AWS's always-free allowances** |")
                .contains("| KMS key of the department secrets | 1.00 | 1.00 | 1.00 |");
        assertThat(MonthlyCost.sources()).contains("dynamodb.writeUnit: USD 0.00000071 per write request unit (an AWS bill's");
    }

    @Test
    void theDeployGuideShowsTheTableThisModelComputes() throws java.io.IOException {
        String guide = java.nio.file.Files.readString(vn.motcua.local.stack.ProjectDirectory.find().resolve("docs/deploy.md"));
        assertThat(guide).as("docs/deploy.md's monthly cost table: regenerate it with MonthlyCost's main")
                .contains(MonthlyCost.table(List.of(300, 1_000, 10_000)));
    }
}
