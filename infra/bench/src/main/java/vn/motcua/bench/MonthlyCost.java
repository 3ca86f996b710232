package vn.motcua.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the deployed stack costs per month in ap-southeast-1 (Singapore, the region nearest to Quảng Ngãi),
 * for a number of dossiers a month: the dossiers' own calls priced by {@link CostModel#per1000}, plus what
 * runs whatever the volume (the KMS key, the alarms, the deadline watch every five minutes, the logs kept
 * LogRetentionDays, the documents and dossiers kept, Cognito, SSM, SNS). Two totals: at list prices, and
 * with AWS's always-free allowances (those that do not end after the first year).
 *
 * <p>Every price carries where and when it was read ({@link #PRICES}). The volumes of one dossier are the
 * measured whole flow's (2026-11-28: 15 DynamoDB writes, 12 reads, 8 SQS messages, 2 emails, README
 * "Numbers") and the expected life of {@link Costs#LIFE}; what was not measured is stated as an assumption
 * beside it ({@link #REFERENCE_DOSSIER}, {@link Assumptions}).
 */
final class MonthlyCost {

    /** One list price: USD per unit, and its source with the date it was read. */
    record Price(double usd, String unit, String source) {}

    static final String PRICE_LIST_2026_08 = "AWS Price List API, ap-southeast-1, as quoted 2026-08-12 in a public cost review";
    static final String PRICE_LIST_2026_07 = "AWS Price List API, ap-southeast-1, as quoted July 2026 in a public cost analysis";
    static final String BILL_2025_05 = "an AWS bill's Asia Pacific (Singapore) line items, May 2025, printed 2025-06-01";
    static final String US_EAST_1_2025 = "us-east-1 list price taken 2025-06-01 (CostModel); the Singapore rate was not found offline: check it";
    static final String US_LIST_UNCHECKED = "AWS's published us-east-1 list price, not re-read here, nor found for Singapore offline: check it";

    /** ap-southeast-1 list prices, USD; read 2026-12-02 from the sources named (the search tool's stored copies). */
    static final Map<String, Price> PRICES = new LinkedHashMap<>();
    static {
        PRICES.put("lambda.gbSecond", new Price(0.0000166667, "GB-second (x86)", PRICE_LIST_2026_08));
        PRICES.put("lambda.request", new Price(0.20 / 1e6, "request", PRICE_LIST_2026_08));
        PRICES.put("dynamodb.writeUnit", new Price(0.71 / 1e6, "write request unit", BILL_2025_05));
        PRICES.put("dynamodb.readUnit", new Price(0.1425 / 1e6, "read request unit", BILL_2025_05));
        PRICES.put("dynamodb.storageGbMonth", new Price(0.25, "GB-month", US_EAST_1_2025));
        PRICES.put("dynamodb.pitrGbMonth", new Price(0.20, "GB-month", US_EAST_1_2025));
        PRICES.put("s3.storageGbMonth", new Price(0.025, "GB-month (Standard, first 50 TB)", PRICE_LIST_2026_07));
        PRICES.put("s3.put", new Price(0.005 / 1000, "PUT/COPY/POST/LIST", PRICE_LIST_2026_07));
        PRICES.put("s3.get", new Price(0.0004 / 1000, "GET and others", PRICE_LIST_2026_07));
        PRICES.put("sqs.request", new Price(0.40 / 1e6, "request", US_EAST_1_2025 + "; Singapore's first 1 M requests free: " + BILL_2025_05));
        PRICES.put("ses.email", new Price(0.10 / 1000, "email", US_EAST_1_2025));
        PRICES.put("apigateway.httpRequest", new Price(1.00 / 1e6, "HTTP API request", US_EAST_1_2025));
        PRICES.put("kms.keyMonth", new Price(1.00, "customer managed key-month (+1 after each yearly rotation, 2 at most)",
                "aws.amazon.com/kms/pricing, the same in every region, read 2026-12-02"));
        PRICES.put("kms.request", new Price(0.03 / 10000, "request", "aws.amazon.com/kms/pricing, read 2026-12-02"));
        PRICES.put("cloudwatch.alarmMonth", new Price(0.10, "standard alarm-month", PRICE_LIST_2026_08));
        PRICES.put("cloudwatch.logsIngestGb", new Price(0.70, "GB ingested (Standard class)", PRICE_LIST_2026_08 + "; " + BILL_2025_05));
        PRICES.put("cloudwatch.logsStorageGbMonth", new Price(0.03, "GB-month stored", PRICE_LIST_2026_08));
        PRICES.put("xray.trace", new Price(5.00 / 1e6, "trace recorded", US_LIST_UNCHECKED));
        PRICES.put("dataTransfer.outGb", new Price(0.12, "GB out to the internet (first 10 TB)", PRICE_LIST_2026_08));
        PRICES.put("cognito.mau", new Price(0.0, "monthly active user within the 10,000 free on the Lite and Essentials plans",
                "aws.amazon.com/cognito/pricing via c3x.dev, read 2026-12-02"));
        PRICES.put("ssm.standardParameter", new Price(0.0, "standard parameter (and standard throughput)",
                "no charge for standard parameters, aws.amazon.com/systems-manager/pricing, not re-read here"));
        PRICES.put("sns.emailNotification", new Price(2.00 / 100000, "email notification", US_LIST_UNCHECKED
                + "; Singapore's first 1,000 free: " + BILL_2025_05));
    }

    /** The same prices in the shape of {@link CostModel.Prices}, for the dossiers' own calls. */
    static final CostModel.Prices SINGAPORE = new CostModel.Prices(
            usd("lambda.gbSecond"), usd("lambda.request") * 1e6, usd("dynamodb.writeUnit") * 1e6, usd("dynamodb.readUnit") * 1e6,
            usd("sqs.request") * 1e6, usd("ses.email") * 1000, usd("s3.put") * 1000, usd("s3.get") * 1000, usd("s3.storageGbMonth"),
            usd("apigateway.httpRequest") * 1e6, "ap-southeast-1 list prices read 2026-12-02, sources in MonthlyCost.PRICES");

    static double usd(String key) {
        Price p = PRICES.get(key);
        if (p == null) throw new IllegalArgumentException("no price " + key);
        return p.usd();
    }

    /**
     * One dossier's calls, function by function: invocations from its life (Costs.LIFE, the whole flow's
     * measured counts), memory from template.yaml, billed milliseconds ASSUMED (warm p50 of the measured stage
     * times where there is one, 100 ms otherwise, plus 200 ms of billed SnapStart restore: at these volumes
     * nearly every invocation finds no warm environment), and calls per invocation from the code (the flow's
     * chosen so that one dossier makes the measured 15 writes, 12 reads and 8 SQS messages, 2 emails).
     */
    static final List<CostModel.Usage> REFERENCE_DOSSIER = List.of(
            usage("catalog", life("catalog"), true, 512, 100, Map.of("GetItem", 1.0), Map.of("GetItem", 300.0)),
            usage("intake", life("intake"), true, 1024, 300, Map.of("PutItem", 2.0, "UpdateItem", 2.0, "GetItem", 1.0, "SendMessage", 2.0),
                    Map.of("PutItem", 2500.0, "UpdateItem", 300.0, "GetItem", 300.0)),
            usage("documents", life("documents"), true, 512, 100, Map.of("GetItem", 1.0), Map.of("GetItem", 3000.0)),
            usage("document-received", life("document-received"), false, 1024, 150, Map.of("S3 GET", 1.0, "S3 HEAD", 1.0, "GetItem", 1.0, "PutItem", 1.0),
                    Map.of("GetItem", 3000.0, "PutItem", 3000.0)),
            usage("desk", life("desk"), true, 1024, 100, Map.of("GetItem", 1.0), Map.of("GetItem", 4000.0)),
            usage("desk-actions", life("desk-actions"), true, 1024, 150, Map.of("GetItem", 1.0, "PutItem", 1.0, "SendMessage", 1.0),
                    Map.of("GetItem", 4000.0, "PutItem", 4000.0)),
            usage("lookup", life("lookup"), true, 512, 100, Map.of("GetItem", 1.0), Map.of("GetItem", 4000.0)),
            usage("reports", life("reports"), true, 1024, 2000, Map.of("Query", 10.0), Map.of("Query", 40000.0)),
            // the page and its files, revalidated (304) on each visit: about six requests a dossier (assumed)
            usage("web-app", 6, true, 256, 10, Map.of(), Map.of()),
            // the flow: router, dispatcher, department answers (accepted, result; about one status check), notices
            usage("router", 1, false, 1024, 110, Map.of("GetItem", 1.0, "PutItem", 1.0, "SendMessage", 2.0), Map.of("GetItem", 3000.0, "PutItem", 3000.0)),
            usage("dispatcher", 1, false, 1024, 100, Map.of("GetItem", 2.0), Map.of("GetItem", 3000.0)),
            usage("department-updates", 3, true, 1024, 80, Map.of("GetItem", 4.0 / 3, "PutItem", 2.0 / 3, "UpdateItem", 2.0 / 3, "SendMessage", 2.0 / 3),
                    Map.of("GetItem", 3000.0, "PutItem", 500.0, "UpdateItem", 300.0)),
            usage("updates", 2, false, 1024, 80, Map.of("GetItem", 1.0, "PutItem", 1.0, "SendMessage", 1.0), Map.of("GetItem", 3500.0, "PutItem", 3500.0)),
            usage("notifier", 2, false, 1024, 400, Map.of("GetItem", 1.0, "PutItem", 1.0, "UpdateItem", 1.0, "SES SendEmail", 1.0),
                    Map.of("GetItem", 3500.0, "PutItem", 300.0, "UpdateItem", 300.0)));

    private static double life(String function) {
        Double runs = Costs.LIFE.get(function);
        if (runs == null) throw new IllegalArgumentException("Costs.LIFE has no " + function);
        return runs;
    }

    private static CostModel.Usage usage(String function, double runs, boolean http, int memoryMb, double warmMs,
                                         Map<String, Double> calls, Map<String, Double> bytes) {
        var requestBytes = new LinkedHashMap<String, Double>();
        var responseBytes = new LinkedHashMap<String, Double>();
        bytes.forEach((op, size) -> {
            if (CostModel.isDynamoWrite(op)) requestBytes.put(op, size); else responseBytes.put(op, size);
        });
        return new CostModel.Usage(function, runs, http, memoryMb, warmMs + Assumptions.BILLED_RESTORE_MS, calls, requestBytes,
                responseBytes, true);
    }

    /** What a month holds besides the dossiers' own calls; each an assumption, stated. */
    static final class Assumptions {
        static final double BILLED_RESTORE_MS = 200;
        static final int KMS_KEYS = 1;                        // DepartmentSecretsKey (the tables and bucket use AWS-owned keys)
        static final int ALARMS = 4 + 4;                      // routing, notifications, updates, failed invocations + one per department
        static final double SCHEDULED_RUNS = 12 * 24 * 30 + 30; // the sweep every 5 minutes, the daily run
        static final double SCHEDULED_RUN_MS = 250 + BILLED_RESTORE_MS;
        static final int SCHEDULED_MEMORY_MB = 1024;
        static final double LOG_BYTES_PER_INVOCATION = 1200;  // Lambda's START/END/REPORT lines and our one or two JSON lines
        static final double LOG_RETENTION_MONTHS = 90 / 30.0; // LogRetentionDays' default; stored as ingested (an upper bound)
        static final double MONTHS_KEPT = 12;                 // storage priced after a year of this volume
        static final double DOCUMENT_BYTES = Costs.DOCUMENT_BYTES_PER_DOSSIER;
        static final double DYNAMODB_BYTES_PER_DOSSIER = 12_000; // the dossier in the table and two indexes, its notices, its refusals
        static final double DOWNLOADED_BYTES_PER_DOSSIER = 1.5e6 + 0.3e6; // the department fetches the scans; the desk's pages
        static final double STAFF_EMAILS_PER_MONTH = 30 * 6;  // the desk's digest, the office's alert, 4 departments' reminders
        static final int STAFF = 12;                          // Cognito users: desk and office
        static final double STAFF_SIGN_INS_PER_MONTH = STAFF * 22 * 2;
    }

    /** One line of a month's bill. */
    record Line(String item, double listUsd, double afterFreeTierUsd, String basis) {}

    /** The month's lines for this many dossiers. */
    static List<Line> month(int dossiers) {
        var lines = new ArrayList<Line>();
        double v = dossiers;
        // the dossiers' own calls, by CostModel (emails: the notifier's SendEmail calls in the usages)
        var model = CostModel.per1000(REFERENCE_DOSSIER, 0, 0, SINGAPORE);
        double k = v / 1000;

        double invocations = v * REFERENCE_DOSSIER.stream().mapToDouble(CostModel.Usage::invocationsPerDossier).sum()
                + Assumptions.SCHEDULED_RUNS + Assumptions.STAFF_SIGN_INS_PER_MONTH;
        double gbSeconds = v * REFERENCE_DOSSIER.stream().mapToDouble(u -> u.invocationsPerDossier() * u.memoryMb() / 1024.0
                * Math.ceil(u.billedMillis()) / 1000).sum()
                + Assumptions.SCHEDULED_RUNS * Assumptions.SCHEDULED_MEMORY_MB / 1024.0 * Assumptions.SCHEDULED_RUN_MS / 1000
                + Assumptions.STAFF_SIGN_INS_PER_MONTH * 512 / 1024.0 * (100 + Assumptions.BILLED_RESTORE_MS) / 1000;
        lines.add(new Line("Lambda compute", gbSeconds * usd("lambda.gbSecond"), Math.max(0, gbSeconds - 400_000) * usd("lambda.gbSecond"),
                fmt(gbSeconds) + " GB-s (the deadline watch's " + fmt(Assumptions.SCHEDULED_RUNS) + " runs, staff sign-ins included); 400,000 free"));
        lines.add(new Line("Lambda requests", invocations * usd("lambda.request"), Math.max(0, invocations - 1_000_000) * usd("lambda.request"),
                fmt(invocations) + " invocations; 1 M free"));
        double api = model.get("API Gateway HTTP API requests") * k;
        lines.add(new Line("API Gateway HTTP API requests", api, api, "every route and the web app's files"));
        double writes = model.get("DynamoDB writes") * k;
        lines.add(new Line("DynamoDB writes", writes, writes, "on-demand; each dossier write lands in two indexes too"));
        // the deadline watch's Query of the open dossiers, one or two read units a run at these volumes
        double reads = model.get("DynamoDB reads") * k + Assumptions.SCHEDULED_RUNS * 2 * usd("dynamodb.readUnit");
        lines.add(new Line("DynamoDB reads", reads, reads, "on-demand, strongly consistent; the sweep's queries included"));
        // each message is sent, then received and deleted by the function's poller: three requests
        double messages = v * REFERENCE_DOSSIER.stream().mapToDouble(u -> u.invocationsPerDossier()
                * u.callsPerInvocation().getOrDefault("SendMessage", 0.0)).sum();
        lines.add(new Line("SQS requests", 3 * messages * usd("sqs.request"), Math.max(0, 3 * messages - 1_000_000) * usd("sqs.request"),
                fmt(3 * messages) + " requests (each message sent, received, deleted); 1 M free"));
        double s3 = model.get("S3 requests") * k + v * 3 * usd("s3.put");
        lines.add(new Line("S3 requests", s3, s3, "3 scans uploaded and checked a dossier"));
        double emails = model.get("SES emails") * k + Assumptions.STAFF_EMAILS_PER_MONTH * usd("ses.email");
        lines.add(new Line("SES emails", emails, emails, "2 a dossier, and the staff's daily digest, alert and reminders"));

        // what is there whatever the volume
        lines.add(new Line("KMS key of the department secrets", Assumptions.KMS_KEYS * usd("kms.keyMonth"),
                Assumptions.KMS_KEYS * usd("kms.keyMonth"), "its decrypts are within the 20,000 free requests"));
        lines.add(new Line("CloudWatch alarms", Assumptions.ALARMS * usd("cloudwatch.alarmMonth"),
                Math.max(0, Assumptions.ALARMS - 10) * usd("cloudwatch.alarmMonth"), Assumptions.ALARMS + " alarms; 10 free"));
        double logGb = invocations * Assumptions.LOG_BYTES_PER_INVOCATION / 1e9;
        double storedLogGb = logGb * Assumptions.LOG_RETENTION_MONTHS;
        lines.add(new Line("CloudWatch Logs ingestion", logGb * usd("cloudwatch.logsIngestGb"),
                Math.max(0, logGb - 5) * usd("cloudwatch.logsIngestGb"), String.format(Locale.ROOT, "%.2f GB; 5 GB free", logGb)));
        lines.add(new Line("CloudWatch Logs storage (90 days kept)", storedLogGb * usd("cloudwatch.logsStorageGbMonth"),
                Math.max(0, storedLogGb - 5) * usd("cloudwatch.logsStorageGbMonth"), String.format(Locale.ROOT, "%.2f GB held; 5 GB free", storedLogGb)));
        double documentsGb = v * Assumptions.MONTHS_KEPT * Assumptions.DOCUMENT_BYTES / 1e9;
        lines.add(new Line("S3 storage, a year of scans", documentsGb * usd("s3.storageGbMonth"), documentsGb * usd("s3.storageGbMonth"),
                String.format(Locale.ROOT, "%.1f GB; old versions and quarantine expire", documentsGb)));
        double tableGb = v * Assumptions.MONTHS_KEPT * Assumptions.DYNAMODB_BYTES_PER_DOSSIER / 1e9;
        lines.add(new Line("DynamoDB storage and backups, a year of dossiers", tableGb * (usd("dynamodb.storageGbMonth") + usd("dynamodb.pitrGbMonth")),
                Math.max(0, tableGb - 25) * usd("dynamodb.storageGbMonth") + tableGb * usd("dynamodb.pitrGbMonth"),
                String.format(Locale.ROOT, "%.2f GB with point-in-time recovery; 25 GB of storage free", tableGb)));
        lines.add(new Line("X-Ray traces", invocations * usd("xray.trace"), Math.max(0, invocations - 100_000) * usd("xray.trace"),
                "at most one per invocation (sampling records fewer); 100,000 free"));
        double outGb = v * Assumptions.DOWNLOADED_BYTES_PER_DOSSIER / 1e9;
        lines.add(new Line("Data transfer out", outGb * usd("dataTransfer.outGb"), Math.max(0, outGb - 100) * usd("dataTransfer.outGb"),
                String.format(Locale.ROOT, "%.1f GB (scans fetched by the departments, pages); 100 GB free", outGb)));
        lines.add(new Line("Cognito", Assumptions.STAFF * usd("cognito.mau"), 0, Assumptions.STAFF + " staff, within the free 10,000 monthly users"));
        lines.add(new Line("SSM Parameter Store", 4 * usd("ssm.standardParameter"), 0, "4 standard SecureStrings: no charge"));
        lines.add(new Line("SNS alarm emails", 20 * usd("sns.emailNotification"), 0, "a few a month; 1,000 free"));
        return lines;
    }

    static double total(List<Line> lines, boolean afterFreeTier) {
        return lines.stream().mapToDouble(l -> afterFreeTier ? l.afterFreeTierUsd() : l.listUsd()).sum();
    }

    /** docs/deploy.md's table: one column per volume, list price and after the always-free allowances. */
    static String table(List<Integer> volumes) {
        var months = new LinkedHashMap<Integer, List<Line>>();
        volumes.forEach(v -> months.put(v, month(v)));
        var b = new StringBuilder("| USD per month, ap-southeast-1 |");
        volumes.forEach(v -> b.append(String.format(Locale.ROOT, " %,d dossiers |", v)));
        b.append("\n|---|").append("---:|".repeat(volumes.size())).append('\n');
        var items = months.get(volumes.getFirst()).stream().map(Line::item).toList();
        for (int i = 0; i < items.size(); i++) {
            int row = i;
            b.append("| ").append(items.get(i)).append(" |");
            months.values().forEach(lines -> b.append(String.format(Locale.ROOT, " %.2f |", lines.get(row).listUsd())));
            b.append('\n');
        }
        b.append("| **total, list prices** |");
        months.values().forEach(lines -> b.append(String.format(Locale.ROOT, " **%.2f** |", total(lines, false))));
        b.append("\n| **total after AWS's always-free allowances** |");
        months.values().forEach(lines -> b.append(String.format(Locale.ROOT, " **%.2f** |", total(lines, true))));
        return b.append('\n').toString();
    }

    /** The prices and their sources, as docs/deploy.md lists them under the table. */
    static String sources() {
        var b = new StringBuilder();
        PRICES.forEach((key, p) -> b.append(String.format(Locale.ROOT, "- %s: USD %s per %s (%s)%n", key, plain(p.usd()), p.unit(), p.source())));
        return b.toString();
    }

    private static String plain(double usd) {
        return new java.math.BigDecimal(usd).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /** {@code infra/bench/run --monthly}: prints the table and the prices. */
    public static void main(String[] args) {
        System.out.println(table(List.of(300, 1_000, 10_000)));
        System.out.println(sources());
    }
}
