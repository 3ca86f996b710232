package vn.motcua.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cost per 1,000 dossiers on AWS, from what the calibration measured per invocation (warm duration,
 * AWS calls with their sizes) and how many times each function runs in a dossier's life.
 *
 * <p>Prices: AWS public on-demand list prices, US East (N. Virginia), as published in 2025 (after the
 * November 2024 DynamoDB on-demand reduction), taken on 2025-06-01; Singapore (ap-southeast-1), the
 * nearest region to Quảng Ngãi, lists DynamoDB, S3 and Lambda 10-15 % higher. Check the pricing pages
 * before relying on the totals; the shares (what dominates) hold either way.
 */
final class CostModel {

    record Prices(double lambdaPerGbSecond, double lambdaPerMillionRequests, double dynamoPerMillionWriteUnits,
                  double dynamoPerMillionReadUnits, double sqsPerMillionRequests, double sesPerThousandEmails,
                  double s3PerThousandPuts, double s3PerThousandGets, double s3PerGbMonth, double httpApiPerMillion,
                  String source) {

        static final Prices US_EAST_1_2025 = new Prices(0.0000166667, 0.20, 0.625, 0.125, 0.40, 0.10, 0.005, 0.0004, 0.023,
                1.00, "AWS on-demand list prices, us-east-1, taken 2025-06-01");
    }

    /** One function's share of a dossier's life: how often it runs, how long (warm), at what memory, and its calls per run. */
    record Usage(String function, double invocationsPerDossier, boolean httpRoute, int memoryMb, double billedMillis,
                 Map<String, Double> callsPerInvocation, Map<String, Double> requestBytes, Map<String, Double> responseBytes,
                 boolean estimated) {}

    /** Dollars per 1,000 dossiers by line. */
    static Map<String, Double> per1000(List<Usage> usages, double documentBytesPerDossier, double emailsPerDossier, Prices p) {
        var lines = new LinkedHashMap<String, Double>();
        for (String k : List.of("Lambda compute (GB-s)", "Lambda requests", "API Gateway HTTP API requests", "DynamoDB writes",
                "DynamoDB reads", "SQS requests", "S3 requests", "SES emails", "S3 storage (per month kept)")) lines.put(k, 0.0);
        for (Usage u : usages) {
            double runs = u.invocationsPerDossier() * 1000;
            double billedMs = Math.ceil(u.billedMillis());
            lines.merge("Lambda compute (GB-s)", runs * (u.memoryMb() / 1024.0) * (billedMs / 1000.0) * p.lambdaPerGbSecond(), Double::sum);
            lines.merge("Lambda requests", runs * p.lambdaPerMillionRequests() / 1e6, Double::sum);
            if (u.httpRoute()) lines.merge("API Gateway HTTP API requests", runs * p.httpApiPerMillion() / 1e6, Double::sum);
            for (var call : u.callsPerInvocation().entrySet()) {
                String op = call.getKey();
                double n = runs * call.getValue();
                double in = u.requestBytes().getOrDefault(op, 0.0), out = u.responseBytes().getOrDefault(op, 0.0);
                if (isDynamoWrite(op)) {
                    lines.merge("DynamoDB writes", n * writeUnits(in) * p.dynamoPerMillionWriteUnits() / 1e6, Double::sum);
                } else if (isDynamoRead(op)) {
                    lines.merge("DynamoDB reads", n * readUnits(out) * p.dynamoPerMillionReadUnits() / 1e6, Double::sum);
                } else if (op.startsWith("S3 ")) {
                    lines.merge("S3 requests", n * (op.startsWith("S3 GET") || op.startsWith("S3 HEAD") ? p.s3PerThousandGets()
                            : p.s3PerThousandPuts()) / 1000, Double::sum);
                } else if (op.startsWith("SES ")) {
                    lines.merge("SES emails", n * p.sesPerThousandEmails() / 1000, Double::sum);
                } else {
                    // SQS: one request per 64 KiB chunk; our messages are far smaller
                    lines.merge("SQS requests", n * p.sqsPerMillionRequests() / 1e6, Double::sum);
                }
            }
        }
        lines.merge("SES emails", emailsPerDossier * 1000 * p.sesPerThousandEmails() / 1000, Double::sum);
        lines.merge("S3 storage (per month kept)", documentBytesPerDossier * 1000 / 1e9 * p.s3PerGbMonth(), Double::sum);
        return lines;
    }

    static boolean isDynamoWrite(String op) {
        return op.equals("PutItem") || op.equals("UpdateItem") || op.equals("DeleteItem") || op.equals("BatchWriteItem");
    }

    static boolean isDynamoRead(String op) {
        return op.equals("GetItem") || op.equals("Query") || op.equals("Scan") || op.equals("BatchGetItem");
    }

    /**
     * Write units of one write: 1 per KiB of item, rounded up; the request's JSON stands in for the item,
     * which overstates it a little (attribute type tags), and each GSI the item lands in costs as much again.
     */
    static double writeUnits(double requestBytes) {
        return Math.max(1, Math.ceil(requestBytes / 1024.0)) * (1 + GSI_COPIES);
    }

    /** Read units of one strongly consistent read: 1 per 4 KiB returned, rounded up (a Query pays on the sum of its items). */
    static double readUnits(double responseBytes) {
        return Math.max(1, Math.ceil(responseBytes / 4096.0));
    }

    /** The dossier table's item is projected into up to three indexes; on average about two hold it (openByDue is sparse). */
    static final double GSI_COPIES = 2;

    static String table(Map<String, Double> lines) {
        double total = lines.values().stream().mapToDouble(Double::doubleValue).sum();
        var b = new StringBuilder("| item | USD per 1,000 dossiers | share |\n|---|---:|---:|\n");
        lines.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e ->
                b.append(String.format(Locale.ROOT, "| %s | %.4f | %.0f %% |%n", e.getKey(), e.getValue(), 100 * e.getValue() / total)));
        b.append(String.format(Locale.ROOT, "| **total** | **%.4f** | |%n", total));
        return b.toString();
    }
}
