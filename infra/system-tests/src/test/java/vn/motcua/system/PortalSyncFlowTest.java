package vn.motcua.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.local.LocalRun;
import vn.motcua.local.departments.DepartmentSimulator;
import vn.motcua.local.portal.PortalSimulator;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.portal.PortalChange;
import vn.motcua.portal.PortalOwes;
import vn.motcua.portal.SyncLedger;
import vn.motcua.queues.PortalSyncQueue;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.PortalAckItems;
import vn.motcua.store.RatingItems;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The national portal's sync in the local run, as infra/run starts it: a few dossiers go through their lives
 * (received at the desk, routed, accepted and decided by the simulated departments) while the portal simulator is
 * DOWN, with duplicate and reordered sync messages thrown in; then the portal comes UP and every status reaches it
 * exactly once and in order, the ledger shows every change acknowledged, and nothing is owed any more.
 */
class PortalSyncFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int DOSSIERS = 3;

    @TempDir
    static Path data;
    private static LocalRun run;

    @BeforeAll
    static void start() {
        run = LocalRun.start(LocalRun.Options.ephemeral(ProjectDirectory.find(), data)
                .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build());
    }

    @AfterAll
    static void stop() {
        if (run != null) run.close();
    }

    private static String env(String function, String name) {
        return run.runner().functions().stream().filter(f -> f.logicalId().equals(function)).findFirst().orElseThrow().environment().get(name);
    }

    @Test
    void with_the_portal_down_for_a_while_every_status_reaches_it_once_and_in_order_when_it_is_up() throws Exception {
        var portal = run.portal();
        portal.mode(PortalSimulator.Mode.DOWN);
        run.simulator().agencies().forEach(a -> run.simulator().setMode(a, DepartmentSimulator.Mode.AUTO_APPROVE));
        var dossiers = new DossierRepository(run.stack().dynamoDb(), env("PortalSyncFunction", "DOSSIER_TABLE"));
        String queue = env("PortalSyncFunction", "PORTAL_SYNC_QUEUE_URL");

        String token = run.idToken("quay01@buudien.quangngai.vn");
        String body = JSON.readTree(Files.readString(ProjectDirectory.find().resolve("events/intake-post.json"))).get("body").asText();
        var codes = new ArrayList<DossierCode>();
        String secret = null;
        for (int i = 0; i < DOSSIERS; i++) {
            var received = HTTP.send(HttpRequest.newBuilder(run.apiUrl().resolve("/dossiers")).header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", "portal-flow-" + i).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(received.statusCode()).as(received.body()).isEqualTo(201);
            codes.add(new DossierCode(JSON.readTree(received.body()).path("code").asText()));
            if (secret == null) secret = JSON.readTree(received.body()).path("receipt").path("lookupSecret").asText();
        }
        // each lives its life while the portal is down: routed, accepted, decided
        waitFor(Duration.ofSeconds(90), "every dossier decided", () -> codes.stream()
                .allMatch(c -> dossiers.find(c).orElseThrow().state() == DossierState.RESULT_READY));
        // the first is returned at the desk and rated by its citizen on the status page
        var first = codes.getFirst();
        var returned = HTTP.send(HttpRequest.newBuilder(run.apiUrl().resolve("/dossiers/" + first.value() + "/returned"))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"at_desk\",\"collector\":{\"name\":\"Nguyễn Thị Thu Hà\",\"idNumber\":\"051190001234\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
        var rated = HTTP.send(HttpRequest.newBuilder(run.apiUrl().resolve("/public/dossiers/" + first.value() + "/rating"))
                .header("x-lookup-secret", secret).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"score\":5}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rated.statusCode()).as(rated.body()).isBetween(200, 201);
        assertThat(portal.holds(first.value())).as("the portal is down: it holds nothing").isEmpty();
        for (var code : codes) {
            assertThat(dossiers.owed(code).stream().filter(w -> w.kind().equals(PortalOwes.KIND)))
                    .as("every change of %s still owed", code.value()).hasSize(PortalOwes.count(dossiers.find(code).orElseThrow()));
        }

        // duplicates and a reordered message: the last change's record before the first's, nudges twice
        var owed = dossiers.owed(first).stream().filter(w -> w.kind().equals(PortalOwes.KIND)).map(w -> w.payload()).sorted().toList();
        for (String message : List.of(owed.getLast(), owed.getFirst(), PortalSyncQueue.nudge(first), PortalSyncQueue.nudge(first))) {
            run.stack().sqs().sendMessage(m -> m.queueUrl(queue).messageBody(message));
        }
        Thread.sleep(3000); // they are tried (and fail) while the portal is still down
        String office = run.idToken("vanphong01@quangngai.gov.vn");
        assertThat(reconciliation(office).statusCode()).as("the portal down: no reconciliation").isEqualTo(502);

        portal.mode(PortalSimulator.Mode.OK);
        var ledger = new SyncLedger(dossiers, new PortalAckItems(run.stack().dynamoDb(), env("PortalSyncFunction", "DOSSIER_TABLE")));
        waitFor(Duration.ofSeconds(150), "every change acknowledged by the portal", () -> codes.stream().allMatch(c -> {
            var entries = ledger.forDossier(c);
            return !entries.isEmpty() && entries.stream().allMatch(e -> e.state() == SyncLedger.State.ACKNOWLEDGED);
        }));

        for (var code : codes) {
            var expected = PortalOwes.changes(dossiers.find(code).orElseThrow());
            assertThat(portal.holds(code.value()).subList(0, expected.size())).as(code.value()).extracting(h -> h.seq() + ":" + h.status())
                    .containsExactlyElementsOf(expected.stream().map(c -> c.seq() + ":" + c.status()).toList());
            boolean returnedAndRated = code.equals(first);
            var held = portal.holds(code.value());
            if (returnedAndRated) {
                assertThat(expected).extracting(PortalChange::status).containsExactly(2, 4, 4, 9, 10);
                assertThat(held).as("and the rating, last").hasSize(6).last().satisfies(h -> {
                    assertThat(h.record().path("DanhGia").asInt()).isEqualTo(5);
                    assertThat(h.status()).isEqualTo(10);
                });
            } else {
                assertThat(expected).extracting(PortalChange::status).containsExactly(2, 4, 4, 9);
            }
            assertThat(dossiers.owed(code).stream().filter(w -> w.kind().equals(PortalOwes.KIND))).as("nothing owed").isEmpty();
        }
        assertThat(portal.duplicates()).as("no record sent twice").isZero();
        assertThat(portal.outOfOrder()).as("no record after a later one").isZero();

        // the reconciliation of today's dossiers, as the office reads it: nothing to look at
        var reconciled = reconciliation(office);
        assertThat(reconciled.statusCode()).as(reconciled.body()).isEqualTo(200);
        var report = JSON.readTree(reconciled.body());
        assertThat(report.path("dossiers").asInt()).isEqualTo(DOSSIERS);
        assertThat(report.path("acknowledged").asInt()).isEqualTo(report.path("changes").asInt()).isEqualTo(4 * DOSSIERS + 2);
        assertThat(report.path("mismatches")).isEmpty();
        // the daily run on the same ledger and portal
        var daily = HTTP.send(HttpRequest.newBuilder(run.apiUrl().resolve("/_local/schedules/PortalReconcileFunction/Reconcile"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(daily.statusCode()).as(daily.body()).isEqualTo(200);

        // a rating whose nudge was lost (the lookup stored it and died): the daily run finds it and the sync sends it
        var second = codes.get(1);
        var handedBack = HTTP.send(HttpRequest.newBuilder(run.apiUrl().resolve("/dossiers/" + second.value() + "/returned"))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"at_desk\",\"collector\":{\"name\":\"Lê Văn Tâm\",\"idNumber\":\"051190004321\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(handedBack.statusCode()).as(handedBack.body()).isEqualTo(200);
        // the hand-back synced and every message of it gone first: any sync of this dossier after the rating is
        // stored would owe the rating itself (the usual path), which is not what this part tests
        waitFor(Duration.ofSeconds(30), "the hand-back acknowledged", () -> portal.holds(second.value()).size() == 5);
        waitFor(Duration.ofSeconds(60), "the sync queue empty", () -> {
            var counts = run.stack().sqs().getQueueAttributes(a -> a.queueUrl(queue).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed")).attributesAsStrings();
            return counts.values().stream().allMatch("0"::equals);
        });
        var returnedSecond = dossiers.find(second).orElseThrow();
        assertThat(new RatingItems(run.stack().dynamoDb(), env("PortalSyncFunction", "DOSSIER_TABLE"))
                .add(new Rating(second, returnedSecond.agencyId(), 2, java.util.Optional.empty(), java.time.Instant.now()))).isTrue();
        Thread.sleep(2000);
        assertThat(portal.holds(second.value())).as("nothing nudged the sync: the rating is not sent").hasSize(5);
        var again = HTTP.send(HttpRequest.newBuilder(run.apiUrl().resolve("/_local/schedules/PortalReconcileFunction/Reconcile"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        waitFor(Duration.ofSeconds(30), "the lost rating sent by the sync", () -> portal.holds(second.value()).size() == 6);
        assertThat(portal.holds(second.value()).getLast().record().path("DanhGia").asInt()).isEqualTo(2);
        assertThat(portal.duplicates()).isZero();
    }

    private static HttpResponse<String> reconciliation(String token) throws Exception {
        var today = java.time.LocalDate.now(vn.motcua.domain.dossier.Dossier.ZONE);
        return HTTP.send(HttpRequest.newBuilder(run.apiUrl().resolve("/reports/portal-sync?from=" + today + "&to=" + today))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(Duration limit, String what, BooleanSupplier done) throws InterruptedException {
        for (long end = System.nanoTime() + limit.toNanos(); System.nanoTime() < end; Thread.sleep(500)) {
            if (done.getAsBoolean()) return;
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
