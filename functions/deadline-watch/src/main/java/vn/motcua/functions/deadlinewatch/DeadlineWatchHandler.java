package vn.motcua.functions.deadlinewatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.desk.Desk;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.NoticeTemplates;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.NoticeLedger;
import vn.motcua.store.ReferenceData;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The deadline watch's schedules. Each schedule rule sends its {@code Input}, {@code {"task": ...}}:
 * {@code sweep} (every few minutes), {@code daily} (each morning: overdue flags and the office's alert,
 * department reminders, the desk's digest), or one of {@code overdue}, {@code reminders}, {@code digest}.
 * A failure throws: Lambda retries the asynchronous invocation, and every step is idempotent.
 */
public final class DeadlineWatchHandler implements RequestStreamHandler {

    private final DeadlineWatch watch;

    public DeadlineWatchHandler() {
        this(Clock.systemUTC(), AwsClients.dynamoDb(), new NoticeTemplates());
    }

    private DeadlineWatchHandler(Clock clock, DynamoDbClient db, NoticeTemplates templates) {
        this(clock, db, templates, new ReferenceData(db, Environment.require("CATALOG_TABLE"), Duration.ofMinutes(5), clock));
    }

    private DeadlineWatchHandler(Clock clock, DynamoDbClient db, NoticeTemplates templates, ReferenceData reference) {
        this(watch(clock, db, templates, reference));
        // Every task may write or send, so none runs: the reference data is read (catalog and calendar) and
        // the staff notices are rendered from an empty list.
        Priming.register("DeadlineWatchHandler", List.of(DynamoDbClient.class, SqsClient.class, SesV2Client.class), () -> {
            var snapshot = reference.current();
            var model = Map.<String, Object>of("rows", watch.rows(List.of(), snapshot.catalog()), "date", "01/01/2000");
            for (String notice : List.of("digest", "reminder", "overdue-alert")) templates.render(notice, model);
        });
    }

    DeadlineWatchHandler(DeadlineWatch watch) {
        this.watch = watch;
    }

    private static DeadlineWatch watch(Clock clock, DynamoDbClient db, NoticeTemplates templates, ReferenceData reference) {
        String table = Environment.require("DOSSIER_TABLE");
        var settings = new DeadlineWatch.Settings(
                Integer.parseInt(Environment.getOrDefault("REMINDER_LEAD_WORKING_DAYS", "2")),
                Integer.parseInt(Environment.getOrDefault("PICKUP_TOO_LONG_WORKING_DAYS", "5")),
                Duration.ofMinutes(Long.parseLong(Environment.getOrDefault("SWEEP_AGE_MINUTES", "5"))),
                Environment.require("OFFICE_ALERT_ADDRESS"), Environment.require("DESK_DIGEST_ADDRESS"));
        return new DeadlineWatch(new DossierRepository(db, table), new NoticeLedger(db, table), reference::current,
                RoutingQueue.sqs(AwsClients.sqs(), Environment.require("ROUTING_QUEUE_URL")),
                NotificationQueue.sqs(AwsClients.sqs(), Environment.require("NOTIFICATION_QUEUE_URL")),
                templates,
                Mailer.ses(AwsClients.sesV2(), Environment.require("SENDER_ADDRESS"), Environment.getOrDefault("SES_CONFIGURATION_SET", "")),
                Desk.QUANG_NGAI_POST, Environment.require("PUBLIC_LOOKUP_URL"), settings, clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var event = Json.read(input);
        String task = event.path("task").asText("");
        ObjectNode answer = Json.object();
        answer.put("task", task);
        switch (task) {
            case "sweep" -> {
                var r = watch.sweep();
                answer.put("routingRequeued", r.routingRequeued()).put("noticesRequeued", r.noticesRequeued());
            }
            case "overdue" -> overdue(answer);
            case "reminders" -> answer.put("remindersSent", watch.remind());
            case "digest" -> digest(answer);
            case "daily" -> {
                overdue(answer);
                answer.put("remindersSent", watch.remind());
                digest(answer);
            }
            default -> {
                Log.error("watch.unknown_task").with("task", task).write();
                throw new IllegalArgumentException("unknown deadline watch task «" + task + "»: sweep, daily, overdue, reminders or digest");
            }
        }
        output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    private void overdue(ObjectNode answer) {
        var r = watch.markOverdue();
        answer.put("flagged", r.flagged()).put("withoutApology", r.withoutApology()).put("alertSent", r.alertSent());
    }

    private void digest(ObjectNode answer) {
        var r = watch.digest();
        answer.put("dueToday", r.dueToday()).put("overdue", r.overdue()).put("waiting", r.waiting()).put("digestSent", r.sent());
    }
}
