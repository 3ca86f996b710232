package vn.motcua.deploy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import vn.motcua.local.stack.MotoServer;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.template.SamFunction;
import vn.motcua.local.template.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The cold-start measurement's own part, on recorded log streams (test resources {@code report-lines/}: a
 * SnapStart restore with X-Ray, an on-demand init, a warm call written with spaces): the REPORT lines parsed,
 * found by request id in CloudWatch Logs (moto's), and docs/deploy.md's table. The Lambda calls themselves
 * (update, publish, invoke) need an AWS account: they are not run here.
 */
class ColdStartsOnAwsTest {

    static final Path LINES = ProjectDirectory.find().resolve("infra/src/test/resources/report-lines");

    static List<String> lines(String file) throws IOException {
        return Files.readAllLines(LINES.resolve(file));
    }

    static ReportLine report(String file) throws IOException {
        return lines(file).stream().map(ReportLine::parse).flatMap(java.util.Optional::stream).findFirst().orElseThrow();
    }

    @Test
    void aSnapStartRestoreIsRestoreDurationPlusDuration() throws IOException {
        var r = report("catalog-snapstart.log");
        assertThat(r.requestId()).isEqualTo("6f1c2a9e-8d4b-4c3e-9a1f-2b7d5e0c3a41");
        assertThat(r.durationMs()).isEqualTo(78.43);
        assertThat(r.billedDurationMs()).isEqualTo(266);
        assertThat(r.memoryMb()).isEqualTo(512);
        assertThat(r.maxMemoryUsedMb()).isEqualTo(141);
        assertThat(r.initMs()).isEmpty();
        assertThat(r.restoreMs()).hasValue(412.08);
        assertThat(r.billedRestoreMs()).hasValue(187);
        assertThat(r.cold()).isTrue();
        assertThat(r.coldStartMs()).isCloseTo(490.51, within(1e-9));
    }

    @Test
    void anOnDemandStartIsInitDurationPlusDuration() throws IOException {
        var r = report("intake-on-demand.log");
        assertThat(r.initMs()).hasValue(2317.65);
        assertThat(r.restoreMs()).isEmpty();
        assertThat(r.billedRestoreMs()).isEmpty();
        assertThat(r.coldStartMs()).isCloseTo(4121.86, within(1e-9));
    }

    @Test
    void aWarmCallHasNeitherAndSpacesSeparateFieldsAsWellAsTabs() throws IOException {
        var r = report("desk-warm-spaces.log");
        assertThat(r.cold()).isFalse();
        assertThat(r.durationMs()).isEqualTo(23.90);
        assertThat(r.billedDurationMs()).isEqualTo(24);
        assertThat(r.maxMemoryUsedMb()).isEqualTo(150);
        assertThat(r.coldStartMs()).isEqualTo(23.90);
    }

    @Test
    void otherLinesAreNotReports() throws IOException {
        assertThat(lines("catalog-snapstart.log").stream().filter(l -> ReportLine.parse(l).isPresent())).hasSize(1);
        assertThat(ReportLine.parse("RESTORE_REPORT Restore Duration: 412.08 ms")).isEmpty();
        assertThat(ReportLine.parse("REPORT RequestId: x\tDuration: 1.00 ms")).as("fields missing").isEmpty();
    }

    @Test
    void theTableIsTheReadmes() throws IOException {
        String table = ColdStartTable.render(List.of(
                new ColdStartTable.Row("Catalog", "7", report("catalog-snapstart.log"), "ok"),
                new ColdStartTable.Row("Intake", "12", report("intake-on-demand.log"), "function error (Unhandled)"),
                new ColdStartTable.Row("Desk", "7", report("desk-warm-spaces.log"), "ok")));
        assertThat(table).isEqualTo("""
                | function | memory MB | version | start | init or restore ms | billed restore ms | first invoke ms | cold start ms | max memory MB | answer |
                |---|---:|---:|---|---:|---:|---:|---:|---:|---|
                | Catalog | 512 | 7 | SnapStart restore | 412.1 | 187 | 78.4 | 490.5 | 141 | ok |
                | Intake | 1024 | 12 | init | 2317.7 | – | 1804.2 | 4121.9 | 196 | function error (Unhandled) |
                | Desk | 1024 | 7 | warm (no new environment) | – | – | 23.9 | 23.9 | 150 | ok |
                """);
    }

    @Test
    void functionsAreKnownByTheLogicalIdInTheirNameAndEachHasItsSampleEvent() {
        assertThat(ColdStartsOnAws.logicalId("motcua-dev", "motcua-dev-CatalogFunction-Ab12Cd34Ef56")).hasValue("CatalogFunction");
        assertThat(ColdStartsOnAws.logicalId("motcua-dev", "motcua-devx-CatalogFunction-Ab12")).isEmpty();
        assertThat(ColdStartsOnAws.logicalId("motcua-dev", "motcua-prod-CatalogFunction-Ab12")).isEmpty();
        var template = Template.load(ProjectDirectory.find().resolve("template.yaml"));
        var functions = SamFunction.all(template).stream().map(SamFunction::name).toList();
        assertThat(ColdStartsOnAws.EVENTS.keySet()).containsExactlyInAnyOrderElementsOf(functions);
        ColdStartsOnAws.EVENTS.values().forEach(f -> assertThat(ProjectDirectory.find().resolve("events").resolve(f)).isRegularFile());
    }

    @Test
    void theReportIsFoundByItsRequestIdInTheLogGroup() throws Exception {
        MotoServer.requiredByTest();
        try (var moto = MotoServer.start();
             var logs = CloudWatchLogsClient.builder().endpointOverride(moto.endpoint()).region(Region.AP_SOUTHEAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String group = "/aws/lambda/motcua-dev-Catalog";
            logs.createLogGroup(r -> r.logGroupName(group));
            logs.createLogStream(r -> r.logGroupName(group).logStreamName("2026/12/01/[7]0a1b2c3d4e5f"));
            long t = Instant.now().toEpochMilli();
            var events = new ArrayList<InputLogEvent>();
            // a warm call of another request first, then the restored one
            for (String line : lines("desk-warm-spaces.log")) events.add(InputLogEvent.builder().timestamp(t++).message(line).build());
            for (String line : lines("catalog-snapstart.log")) events.add(InputLogEvent.builder().timestamp(t++).message(line).build());
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName("2026/12/01/[7]0a1b2c3d4e5f").logEvents(events));

            var tool = new ColdStartsOnAws(null, logs, ProjectDirectory.find().resolve("events"));
            var report = tool.reportOf(group, "6f1c2a9e-8d4b-4c3e-9a1f-2b7d5e0c3a41", Instant.now().minusSeconds(60), Duration.ofSeconds(5));
            assertThat(report.restoreMs()).hasValue(412.08);
            assertThatThrownBy(() -> tool.reportOf(group, "00000000-0000-0000-0000-000000000000", Instant.now().minusSeconds(60), Duration.ZERO))
                    .hasMessageContaining("no REPORT line for request 00000000-0000-0000-0000-000000000000");
        }
    }
}
