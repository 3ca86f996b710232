package vn.motcua.deploy;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import vn.motcua.local.stack.ProjectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Each function's cold start on AWS, as Lambda itself reports it, after a deploy: for every function of
 * the stack, a new version is published (a marker variable on $LATEST makes it new; SnapStart then takes
 * its snapshot), that version is invoked once with the function's sample event from {@code events/},
 * and the invocation's {@code REPORT} line is read from the function's log group in CloudWatch Logs:
 * Init or Restore Duration, Duration, memory. $LATEST's environment is put back afterwards (one extra
 * published version stays, as after any deploy; the alias the API and triggers use is not touched).
 *
 * <p>Written in Java with the SDK's lambda and cloudwatchlogs clients, beside the rest of infra's tools: the
 * project's machines have the JDK and Maven the deploy needs anyway, and the REPORT parsing is unit-tested
 * with the other Java tests. Run it on a dev stack: the sample events are the tests' (intake's receives a
 * sample dossier, once per Idempotency-Key; most others name no real dossier and are answered early).
 *
 * <p>Usage: {@code infra/cold-starts --stack motcua-dev [--region ap-southeast-1] [--only Catalog,Intake]}
 */
public record ColdStartsOnAws(LambdaClient lambda, CloudWatchLogsClient logs, Path events) {

    /** The sample event each function is invoked with, by the logical id in its name (stack-LogicalId-suffix). */
    static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("CatalogFunction", "catalog-list.json"),
            Map.entry("DocumentsFunction", "documents-link-get.json"),
            Map.entry("DocumentReceivedFunction", "document-created-s3.json"),
            Map.entry("DeskFunction", "desk-list-get.json"),
            Map.entry("ReportsFunction", "reports-statistics-get.json"),
            Map.entry("LookupFunction", "public-lookup-get.json"),
            Map.entry("IntakeFunction", "intake-post.json"),
            Map.entry("DeskActionsFunction", "desk-action-post.json"),
            Map.entry("WebAppFunction", "web-app-get.json"),
            Map.entry("RouterFunction", "routing-queue.json"),
            Map.entry("DispatcherFunction", "department-dispatch-queue.json"),
            Map.entry("NotifierFunction", "notification-queue.json"),
            Map.entry("DeadlineWatchFunction", "deadline-watch-sweep.json"),
            Map.entry("DepartmentUpdatesFunction", "department-update-post.json"),
            Map.entry("UpdatesFunction", "department-updates-queue.json"),
            Map.entry("StaffTokensFunction", "cognito-pre-token-generation.json"),
            Map.entry("PortalSyncFunction", "portal-sync-queue.json"),
            Map.entry("PortalReconcileFunction", "portal-reconcile-schedule.json"));

    static final String MARKER = "MOTCUA_MEASURED_AT";
    private static final Duration REPORT_WAIT = Duration.ofSeconds(90);

    /** {@code motcua-dev-CatalogFunction-AbC123} -> {@code CatalogFunction}, for a stack named {@code motcua-dev}. */
    static Optional<String> logicalId(String stack, String functionName) {
        var m = Pattern.compile("^" + Pattern.quote(stack) + "-([A-Za-z0-9]+)-[A-Za-z0-9]+$").matcher(functionName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The stack's functions, by logical id, those of {@code only} (logical ids without "Function") when given. */
    Map<String, FunctionConfiguration> functions(String stack, Set<String> only) {
        var found = new java.util.TreeMap<String, FunctionConfiguration>();
        for (var f : lambda.listFunctionsPaginator(r -> r.maxItems(50)).functions()) {
            logicalId(stack, f.functionName()).filter(EVENTS::containsKey)
                    .filter(id -> only.isEmpty() || only.contains(id.replaceFirst("Function$", "")))
                    .ifPresent(id -> found.put(id, f));
        }
        return found;
    }

    /** One function: new version, one invocation of it, its REPORT line. */
    ColdStartTable.Row measure(String logicalId, FunctionConfiguration function) throws IOException, InterruptedException {
        String name = function.functionName();
        var before = lambda.getFunctionConfiguration(r -> r.functionName(name));
        Map<String, String> environment = before.environment() == null ? Map.of() : before.environment().variables();
        var marked = new HashMap<>(environment);
        marked.put(MARKER, Instant.now().toString());
        String version;
        try {
            lambda.updateFunctionConfiguration(r -> r.functionName(name).environment(e -> e.variables(marked)));
            lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
            version = lambda.publishVersion(r -> r.functionName(name).description("cold start measured by infra/cold-starts")).version();
            // SnapStart takes its snapshot now: the version is Pending until it is ready
            lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName(name).qualifier(version));
        } finally {
            lambda.updateFunctionConfiguration(r -> r.functionName(name).environment(e -> e.variables(environment)));
            lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
        }
        byte[] event = Files.readAllBytes(events.resolve(EVENTS.get(logicalId)));
        Instant invokedAt = Instant.now().minusSeconds(5);
        var answer = lambda.invoke(r -> r.functionName(name).qualifier(version).invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromByteArray(event)));
        String requestId = answer.responseMetadata().requestId();
        String group = before.loggingConfig() != null && before.loggingConfig().logGroup() != null
                ? before.loggingConfig().logGroup() : "/aws/lambda/" + name;
        ReportLine report = reportOf(group, requestId, invokedAt, REPORT_WAIT);
        String outcome = answer.functionError() == null ? "ok" : "function error (" + answer.functionError() + ")";
        return new ColdStartTable.Row(logicalId.replaceFirst("Function$", ""), version, report, outcome);
    }

    /** The REPORT line of one invocation, from the log group; CloudWatch Logs has it a few seconds after the call. */
    ReportLine reportOf(String logGroup, String requestId, Instant since, Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            var page = logs.filterLogEventsPaginator(r -> r.logGroupName(logGroup).startTime(since.toEpochMilli())
                    .filterPattern("\"REPORT RequestId: " + requestId + "\""));
            for (FilteredLogEvent e : page.events()) {
                var report = ReportLine.parse(e.message()).filter(r -> r.requestId().equals(requestId));
                if (report.isPresent()) return report.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no REPORT line for request " + requestId + " in " + logGroup + " after " + wait.toSeconds() + " s");
            }
            Thread.sleep(2000);
        }
    }

    public static void main(String[] args) throws Exception {
        String stack = null;
        String region = "ap-southeast-1";
        Set<String> only = Set.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stack" -> stack = args[++i];
                case "--region" -> region = args[++i];
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: infra/cold-starts --stack NAME [--region ap-southeast-1] [--only Catalog,Intake,...]");
                    System.exit(2);
                }
            }
        }
        if (stack == null) {
            System.err.println("usage: infra/cold-starts --stack NAME [--region ap-southeast-1] [--only Catalog,Intake,...]");
            System.exit(2);
        }
        String r = region;
        // credentials and profile as for the AWS CLI (the SDK's default chain)
        try (var lambda = LambdaClient.builder().region(Region.of(r)).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             var logs = CloudWatchLogsClient.builder().region(Region.of(r)).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var tool = new ColdStartsOnAws(lambda, logs, ProjectDirectory.find().resolve("events"));
            var functions = tool.functions(stack, only);
            if (functions.isEmpty()) {
                System.err.println("no function of stack " + stack + " in " + r);
                System.exit(1);
            }
            var rows = new ArrayList<ColdStartTable.Row>();
            for (var f : functions.entrySet()) {
                System.err.println("measuring " + f.getKey() + " (" + f.getValue().functionName() + ")…");
                rows.add(tool.measure(f.getKey(), f.getValue()));
            }
            System.out.println("Cold starts of " + stack + " in " + r + ", " + Instant.now() + " (one new version each, first invocation):\n");
            System.out.print(ColdStartTable.render(rows));
        }
    }
}
