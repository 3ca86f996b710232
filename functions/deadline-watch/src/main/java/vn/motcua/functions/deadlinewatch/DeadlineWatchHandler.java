package vn.motcua.functions.deadlinewatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        this(Wiring.fromEnvironment().deadlineWatch());
        // dossiers still RECEIVED (the sweep), due soon and overdue (the daily mail): every task has work to do
        Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class, SesV2Client.class), world -> {
            world.received();
            world.inProcess();
            world.resultReadyByPost();
            return new Rehearsal.Act(new DeadlineWatchHandler(world.wiring().deadlineWatch()),
                    List.of("priming/deadline-watch-sweep.json", "priming/deadline-watch-daily.json"), Map.of());
        });
    }

    DeadlineWatchHandler(DeadlineWatch watch) {
        this.watch = watch;
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
                answer.put("routingRequeued", r.routingRequeued()).put("noticesRequeued", r.noticesRequeued())
                        .put("owedRequeued", r.owedRequeued()).put("stillOwed", r.stillOwed());
            }
            case "overdue" -> overdue(answer);
            case "reminders" -> answer.put("remindersSent", watch.remind());
            case "withdrawals" -> answer.put("withdrawalsStopped", watch.stopUnacknowledgedWithdrawals());
            case "digest" -> digest(answer);
            case "holiday-tables" -> holidayTables(answer);
            case "daily" -> {
                holidayTables(answer);
                overdue(answer);
                answer.put("withdrawalsStopped", watch.stopUnacknowledgedWithdrawals());
                answer.put("remindersSent", watch.remind());
                digest(answer);
            }
            default -> {
                Log.error("watch.unknown_task").with("task", task).write();
                throw new IllegalArgumentException("unknown deadline watch task «" + task + "»: sweep, daily, holiday-tables, overdue, withdrawals, reminders or digest");
            }
        }
        output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    private void holidayTables(ObjectNode answer) {
        var years = answer.putArray("holidayTablesMissing");
        watch.checkHolidayTables().forEach(years::add);
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
