package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.local.departments.DepartmentSimulator;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.edge.Json;
import vn.motcua.local.runner.LocalFunction;
import vn.motcua.notices.NoticeModel;
import vn.motcua.store.DossierRepository;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N dossiers through the whole flow of the local run: intake over the HTTP API (dev token), the
 * router from the routing queue, the dispatcher's signed callbacks to the department simulator in
 * auto-approve mode (accepted, then an approved result, each answer signed through
 * {@code POST /departments/{agencyId}/updates}), the updates function applying them, and the notifier
 * sending the applicant's emails to the local SES. Stage times come from what the system records
 * itself (the dossier's history, the simulator's receipt time, each notification job's queuedAt,
 * the end of the notifier's batch), not from polling it; the checks read the table, the simulator
 * and the SES store at the end.
 */
final class Flow {

    /** The functions a dossier's flow runs through, by logical id. */
    static final List<String> FUNCTIONS = List.of("IntakeFunction", "RouterFunction", "DispatcherFunction",
            "DepartmentUpdatesFunction", "UpdatesFunction", "NotifierFunction");

    record Stage(String name, List<Double> millis) {
        Pipeline.StageLatency latency() {
            return new Pipeline.StageLatency(name, Stats.percentile(millis, 50), Stats.percentile(millis, 95), Stats.percentile(millis, 99));
        }
    }

    /** One function's part in a dossier: invocations per dossier, mean warm duration of one invocation. */
    record FunctionUse(String function, String logicalId, int memoryMb, boolean httpRoute, double invocationsPerDossier,
                       double warmMillis) {}

    record Checks(int sent, int received, int resultReadyOnce, int lost, int duplicated, int emailsExpected, int emailsFound,
                  int emailsMissing, int emailsDuplicated, int callbacksRepeated) {
        boolean clean() { return lost == 0 && duplicated == 0 && emailsMissing == 0 && emailsDuplicated == 0 && received == sent; }
    }

    /**
     * One function's load in the timed run: its handlers' busy time per dossier (all containers together),
     * how many containers it has and ever had at once, and its limit.
     */
    record Load(String function, double invocationsPerDossier, double busyMillisPerInvocation, int containers, int peakConcurrency,
                int maxContainers) {
        double busyMillisPerDossier() { return invocationsPerDossier * busyMillisPerInvocation; }
    }

    record Result(int dossiers, int clients, double seconds, double dossiersPerSecond, List<Pipeline.StageLatency> stages,
                  Checks checks, List<FunctionUse> functions, List<String> notes, List<Load> loads, CpuMeter.Use cpu) {}

    /** What the notifier was handed: a job, when it was queued, and when its batch was done. */
    private record Handled(String code, String kind, String eventId, Instant queuedAt, Instant doneAt) {}

    private final LocalSystem system;
    private final String body;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<Handled>> handledByEvent = new ConcurrentHashMap<>();
    private final Map<String, Instant> resultHandled = new ConcurrentHashMap<>();

    /** @param intakeSample the events/ sample of POST /dossiers: its body is what each dossier sends */
    Flow(LocalSystem system, JsonNode intakeSample) {
        this.system = system;
        this.body = intakeSample.path("body").asText();
        String notifier = physical("NotifierFunction");
        system.runner().observeSqsDeliveries((function, batch, start, end) -> {
            if (!function.equals(notifier)) return;
            Instant done = Instant.now();
            for (var m : batch) {
                try {
                    JsonNode job = Json.mapper().readTree(m.body());
                    var h = new Handled(job.path("dossierCode").asText(), job.path("eventKind").asText(), job.path("eventId").asText(),
                            Instant.parse(job.path("queuedAt").asText()), done);
                    handledByEvent.computeIfAbsent(h.eventId(), k -> new CopyOnWriteArrayList<>()).add(h);
                    if (h.kind().equalsIgnoreCase("RESULT_READY") || h.kind().equalsIgnoreCase("REFUSED")) resultHandled.putIfAbsent(h.code(), done);
                } catch (Exception ignored) {
                    // not a job the benchmark sent: the checks will say if one of ours was lost
                }
            }
        });
        system.simulator().agencies().forEach(a -> system.simulator().setMode(a, DepartmentSimulator.Mode.AUTO_APPROVE));
    }

    private String physical(String logicalId) {
        return system.runner().functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no " + logicalId)).functionName();
    }

    /**
     * {@code warmup} dossiers through first (the containers' cold starts are not the pipeline's), then
     * {@code afterWarmup}, then the {@code n} measured ones, {@code clients} counter clerks sending at once.
     */
    Result run(int n, int clients, int warmup, Runnable afterWarmup, Duration timeout) throws Exception {
        String token = system.deskToken();
        var notes = new ArrayList<String>();
        if (warmup > 0) {
            var w = send(warmup, clients, token, notes);
            awaitResults(w.keySet(), timeout);
        }
        afterWarmup.run();
        var before = snapshot();
        var cpuBefore = CpuMeter.sample();
        Instant start = Instant.now();
        var intakeMillis = new ConcurrentHashMap<String, Double>();
        var sentAt = new ConcurrentHashMap<String, Instant>();
        var codes = send(n, clients, token, notes, intakeMillis, sentAt);
        boolean complete = awaitResults(codes.keySet(), timeout);
        var cpu = CpuMeter.between(cpuBefore, CpuMeter.sample());
        Instant last = codes.keySet().stream().map(resultHandled::get).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(Instant.now());
        // to the last result email; if some never came, the rate is over those that did (the checks count the rest as lost)
        double seconds = Duration.between(start, last).toNanos() / 1e9;
        if (!complete) notes.add("not every dossier reached its result (waited until nothing moved for " + STALL.toSeconds() + " s)");
        var after = snapshot();
        Thread.sleep(2_000); // a late duplicate (a redelivered job, a second callback) has time to show
        return check(n, clients, seconds, codes.keySet(), intakeMillis, sentAt, before, after, notes, cpu);
    }

    private Map<String, Boolean> send(int n, int clients, String token, List<String> notes) throws Exception {
        return send(n, clients, token, notes, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    /** POST /dossiers n times, each with its own Idempotency-Key: the codes received. */
    private Map<String, Boolean> send(int n, int clients, String token, List<String> notes, Map<String, Double> intakeMillis,
                                      Map<String, Instant> sentAt) throws Exception {
        var codes = new ConcurrentHashMap<String, Boolean>();
        var next = new AtomicInteger();
        var failures = new AtomicInteger();
        URI uri = URI.create(system.api().url().toString().replaceAll("/$", "") + "/dossiers");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                                .header("authorization", "Bearer " + token).header("content-type", "application/json; charset=utf-8")
                                .header("idempotency-key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                        Instant at = Instant.now();
                        long s = System.nanoTime();
                        try {
                            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                            double ms = (System.nanoTime() - s) / 1e6;
                            if (response.statusCode() != 201) {
                                if (failures.getAndIncrement() == 0) notes.add("intake answered " + response.statusCode() + ": " + response.body());
                                continue;
                            }
                            String code = Json.mapper().readTree(response.body()).path("code").asText();
                            if (codes.putIfAbsent(code, true) != null) notes.add("intake gave the code " + code + " twice");
                            intakeMillis.put(code, ms);
                            sentAt.put(code, at);
                        } catch (Exception e) {
                            if (failures.getAndIncrement() == 0) notes.add("intake: " + e);
                        }
                    }
                    return null;
                }));
            }
            for (var f : futures) f.get(30, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        if (failures.get() > 0) notes.add(failures.get() + " intake requests failed");
        return codes;
    }

    /** Until every code has its result handled, or nothing moved for a minute (then the checks say what is missing). */
    private boolean awaitResults(Set<String> codes, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        int done = -1;
        long movedAt = System.nanoTime();
        while (System.nanoTime() < end && System.nanoTime() - movedAt < STALL.toNanos()) {
            int now = (int) codes.stream().filter(resultHandled::containsKey).count();
            if (now == codes.size()) return true;
            if (now != done) { done = now; movedAt = System.nanoTime(); }
            Thread.sleep(20);
        }
        return false;
    }

    static final Duration STALL = Duration.ofSeconds(60);

    private record Usage(long invocations, long busyNanos) {}

    private Map<String, Usage> snapshot() {
        var m = new LinkedHashMap<String, Usage>();
        for (String id : FUNCTIONS) {
            LocalFunction f = system.runner().function(id);
            m.put(id, new Usage(f.invocations(), f.busyNanos()));
        }
        return m;
    }

    private Result check(int n, int clients, double seconds, Set<String> codes, Map<String, Double> intakeMillis,
                         Map<String, Instant> sentAt, Map<String, Usage> before, Map<String, Usage> after, List<String> notes,
                         CpuMeter.Use cpu) throws Exception {
        var repo = new DossierRepository(system.stack().dynamoDb(), system.resources().tableName("DossierTable"));
        var callbacks = callbacks();
        var emails = emails(codes);
        var toTransferred = new ArrayList<Double>();
        var toCallback = new ArrayList<Double>();
        var toApplied = new ArrayList<Double>();
        var toEmail = new ArrayList<Double>();
        var endToEnd = new ArrayList<Double>();
        int resultOnce = 0, lost = 0, duplicated = 0, expected = 0, found = 0, missing = 0, emailDuplicates = 0, repeated = 0;
        for (String code : codes) {
            Dossier d = repo.find(new DossierCode(code)).orElse(null);
            if (d == null) { lost++; continue; }
            long results = d.history().stream().filter(h -> h.kind() == EventKind.RESULT_READY).count();
            if (d.state() == DossierState.RESULT_READY && results == 1) resultOnce++;
            else if (results > 1) duplicated++;
            else lost++;
            Instant received = at(d, EventKind.RECEIVED), transferred = at(d, EventKind.TRANSFERRED);
            if (received != null && transferred != null) toTransferred.add(millis(received, transferred));
            var cb = callbacks.get(code);
            if (cb != null) {
                if (transferred != null) toCallback.add(millis(transferred, cb.at()));
                if (cb.deliveries() > 1) repeated++;
            }
            int expectedHere = 0;
            for (HistoryEntry h : d.history()) {
                var jobs = handledByEvent.getOrDefault(h.eventId(), List.of());
                var kind = kindOf(h, d);
                boolean emailed = kind != null && NoticeModel.noticeFor(kind).isPresent();
                if (emailed) expectedHere++;
                if (jobs.isEmpty()) continue;
                Handled first = jobs.get(0);
                if (h.kind() == EventKind.ACCEPTED || h.kind() == EventKind.RESULT_READY) toApplied.add(millis(h.at(), first.queuedAt()));
                if (emailed) toEmail.add(millis(first.queuedAt(), first.doneAt()));
            }
            expected += expectedHere;
            var mine = emails.getOrDefault(code, Map.of());
            int here = mine.values().stream().mapToInt(Integer::intValue).sum();
            found += here;
            emailDuplicates += (int) mine.values().stream().filter(c -> c > 1).count();
            missing += Math.max(0, expectedHere - mine.size());
            Instant resultAt = resultHandled.get(code);
            if (resultAt != null && sentAt.containsKey(code)) endToEnd.add(millis(sentAt.get(code), resultAt));
        }
        int sent = n;
        lost += sent - codes.size();
        var checks = new Checks(sent, codes.size(), resultOnce, lost, duplicated, expected, found, missing, emailDuplicates, repeated);
        var stages = List.of(
                new Stage("intake: POST /dossiers answered (201)", new ArrayList<>(intakeMillis.values())),
                new Stage("received → transferred (router)", toTransferred),
                new Stage("transferred → callback received by the department", toCallback),
                new Stage("department's answer received → applied (accepted, result)", toApplied),
                new Stage("applied → email in the SES store (receipt, result)", toEmail),
                new Stage("end to end: intake request → result email sent", endToEnd));
        var uses = new ArrayList<FunctionUse>();
        var loads = new ArrayList<Load>();
        for (String id : FUNCTIONS) {
            var spec = system.runner().functions().stream().filter(f -> f.logicalId().equals(id)).findFirst().orElseThrow();
            long calls = after.get(id).invocations() - before.get(id).invocations();
            long busy = after.get(id).busyNanos() - before.get(id).busyNanos();
            uses.add(new FunctionUse(Costs.shortName(id), id, spec.memoryMb(), !spec.eventsOfType("HttpApi").isEmpty(),
                    (double) calls / n, calls == 0 ? 0 : busy / 1e6 / calls));
            LocalFunction f = system.runner().function(id);
            loads.add(new Load(Costs.shortName(id), (double) calls / n, calls == 0 ? 0 : busy / 1e6 / calls, f.containers(),
                    f.peakConcurrency(), f.maxContainers()));
        }
        double completed = codes.stream().filter(resultHandled::containsKey).count();
        return new Result(n, clients, seconds, completed / seconds, stages.stream().map(Stage::latency).toList(), checks, uses, notes,
                loads, cpu);
    }

    private static NotificationJob.Kind kindOf(HistoryEntry h, Dossier d) {
        if (h.kind() == EventKind.RECEIVED) return NotificationJob.Kind.RECEIVED;
        if (h.kind() == EventKind.RESULT_READY) return NotificationJob.Kind.RESULT_READY; // auto-approve: never refused
        try {
            return NotificationJob.Kind.valueOf(h.kind().name());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant at(Dossier d, EventKind kind) {
        return d.history().stream().filter(h -> h.kind() == kind).map(HistoryEntry::at).findFirst().orElse(null);
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private record Callback(Instant at, int deliveries) {}

    /** What the simulated departments received, from their own list (GET /agencies/{id}/dossiers). */
    private Map<String, Callback> callbacks() throws Exception {
        var result = new HashMap<String, Callback>();
        for (String agency : system.simulator().agencies()) {
            var response = http.send(HttpRequest.newBuilder(URI.create(system.simulator().url() + "/agencies/" + agency + "/dossiers")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (JsonNode r : Json.mapper().readTree(response.body()).path("dossiers")) {
                String code = r.path("dossierCode").asText();
                var cb = new Callback(Instant.parse(r.path("receivedAt").asText()), r.path("deliveries").asInt());
                // a second callback for the same dossier under another key is a duplicate too
                result.merge(code, cb, (a, b) -> new Callback(a.at().isBefore(b.at()) ? a.at() : b.at(), a.deliveries() + b.deliveries()));
            }
        }
        return result;
    }

    /** Emails in the SES store per dossier code, by subject with the code taken out (one subject per notice). */
    private Map<String, Map<String, Integer>> emails(Set<String> codes) {
        var result = new HashMap<String, Map<String, Integer>>();
        for (var e : system.stack().sentEmails()) {
            for (String word : e.subject().split("[\\s:,]+")) {
                if (codes.contains(word)) {
                    result.computeIfAbsent(word, k -> new HashMap<>()).merge(e.subject().replace(word, "{code}"), 1, Integer::sum);
                    break;
                }
            }
        }
        return result;
    }
}
