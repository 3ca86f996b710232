package vn.motcua.wiring;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.SdkClient;
import vn.motcua.aws.Priming;
import vn.motcua.departments.RequestSignature;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.desk.LookupSecret;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.reference.CatalogFiles;
import vn.motcua.reference.HolidayTables;
import vn.motcua.store.ReferenceData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rehearsal of a function's use case before SnapStart takes its snapshot: the function's own handler class,
 * built on {@link InMemoryPorts} instead of AWS, runs its canned events to success (a dossier received and
 * stored, a notice queued, a mail sent, a callback posted), so that the code a real first request runs, ours
 * and the libraries', is loaded and has run once. Nothing reaches a table, queue, bucket or mail service: the
 * rehearsal's ports are in memory; {@code PrimingTest} proves it against the emulators.
 *
 * <p>The world of a rehearsal: the reference data bundled with the code for it ({@code priming/reference/}:
 * the seed catalog and holiday tables), a clock at {@link #NOW}, and the dossiers each function's scene puts
 * there first ({@link #received}, {@link #inProcess}...), received the way the desk receives them.
 *
 * <pre>{@code
 * Rehearsal.register(this, List.of(DynamoDbClient.class, SqsClient.class), world ->
 *         world.act(new DeskActionsHandler(world.wiring().deskActions()), "priming/desk-actions.json", world.resultReadyByPost()));
 * }</pre>
 */
public final class Rehearsal {

    /** Thursday 12 March 2020, 10:00 in Vietnam: a working day of the bundled calendar. */
    public static final Instant NOW = LocalDateTime.of(2020, 3, 12, 10, 0).atZone(Dossier.ZONE).toInstant();
    /** The department of the rehearsal's dossiers, and the procedure they are received for. */
    public static final String AGENCY = "so-khoa-hoc-cong-nghe", PROCEDURE = "1.000173";
    /** The receipt's lookup secret of every rehearsal dossier. */
    public static final String LOOKUP_SECRET = "K7M2QXPA";
    /** The departments' signing secret in a rehearsal (in memory only; it opens nothing anywhere). */
    public static final String DEPARTMENT_SECRET = "rehearsal-only-signing-secret-of-no-department";
    /** The clerk of the canned events' JWT claims. */
    public static final Actor CLERK = Actor.clerk("7b1c2d3e-0000-4000-8000-00000000d001");

    private static final String REFERENCE = "priming/reference/";

    /** What a function's scene prepares: the handler on this world's wiring, its canned events, their placeholders. */
    public record Act(RequestStreamHandler handler, List<String> cannedEvents, Map<String, String> values) {}

    /** Puts what the canned events need into the world, and builds the handler on its wiring. */
    @FunctionalInterface
    public interface Scene {
        Act stage(Rehearsal world) throws Exception;
    }

    private final InMemoryPorts ports;
    private final Wiring wiring;
    private final Lifecycle lifecycle = Lifecycle.standard();
    private final AtomicInteger sequence = new AtomicInteger();

    private Rehearsal(InMemoryPorts ports) {
        this.ports = ports;
        this.wiring = Wiring.of(ports);
    }

    /** A world with the bundled reference data, the clock at {@link #NOW}, and nothing stored yet. */
    public static Rehearsal create() {
        return create(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** As {@link #create()}, the use cases seeing {@code clock} (the services' unit tests move it). */
    public static Rehearsal create(Clock clock) {
        var snapshot = referenceData();
        var secrets = new LinkedHashMap<String, String>();
        snapshot.catalog().agencies().forEach(a -> secrets.put(a.id(), DEPARTMENT_SECRET));
        return new Rehearsal(new InMemoryPorts(clock, snapshot, secrets));
    }

    /** The reference data bundled for rehearsals: the seed catalog and the 2020 holiday table. */
    public static ReferenceData.Snapshot referenceData() {
        return new ReferenceData.Snapshot("rehearsal", CatalogFiles.read(files(CatalogFiles.AGENCIES, CatalogFiles.PROCEDURES)),
                HolidayTables.read(files("2020.json")), NOW);
    }

    private static Map<String, String> files(String... names) {
        var files = new LinkedHashMap<String, String>();
        for (String name : names) {
            String path = REFERENCE + (name.endsWith(".json") && Character.isDigit(name.charAt(0)) ? "calendar/" : "catalog/") + name;
            try (InputStream in = Rehearsal.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) throw new IllegalStateException("no " + path + " in the artifact");
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    public Wiring wiring() { return wiring; }

    public InMemoryPorts ports() { return ports; }

    /** The act of a scene: {@code handler} on this world's wiring, run on {@code cannedEvent} with the code of {@code dossier}. */
    public Act act(RequestStreamHandler handler, String cannedEvent, Dossier dossier) {
        return new Act(handler, List.of(cannedEvent), Map.of("CODE", dossier.code().value()));
    }

    // ---- the world's dossiers ------------------------------------------------------------------------

    /** Received on Wednesday 4 March 2020 at 09:00 for {@link #PROCEDURE}, with the applicant's email, stored. */
    public Dossier received() { return received(PROCEDURE, ResultReturn.atDesk()); }

    public Dossier received(String procedureCode, ResultReturn resultReturn) {
        return received(procedureCode, resultReturn, new Applicant("Nguyễn Văn An", "051090000123", "0905123456",
                Optional.of("nguyenvanan@example.invalid"), "12 Hùng Vương, TP Quảng Ngãi", true)); // with SMS consent: the notifier's rehearsal sends both
    }

    /** A dossier of {@code applicant}'s. */
    public Dossier received(String procedureCode, ResultReturn resultReturn, Applicant applicant) {
        var catalog = ports.reference().get().catalog();
        var procedure = catalog.procedure(procedureCode).orElseThrow(() -> new IllegalStateException("no procedure " + procedureCode));
        var at = LocalDateTime.of(2020, 3, 4, 9, 0).atZone(Dossier.ZONE).toInstant();
        var code = DossierCode.of(catalog.agencyOf(procedure).electronicId(), Dossier.localDate(at), sequence.incrementAndGet());
        var due = ports.reference().get().calendar().appointment(at.atZone(Dossier.ZONE).toLocalDateTime(), procedure.timeLimit()).date();
        var intake = new Dossier.Intake("receive-" + code.value(), code, procedure, "buu-dien-quang-ngai", CLERK, at, due.orElse(null),
                applicant, Channel.IN_PERSON, resultReturn, LookupSecret.hash(code, LOOKUP_SECRET));
        var dossier = ((Decision.Applied) Dossier.receive(intake)).dossier();
        ports.dossiers().create(dossier);
        return dossier;
    }

    /** Received, then transferred to its department by the router. */
    public Dossier transferred() {
        var d = received();
        return then(d, new DossierEvent.Transferred("router:route-" + d.code().value() + "-received", Actor.system("router"), at(4, 10), d.agencyId()));
    }

    /** Transferred and accepted by the department. */
    public Dossier inProcess() {
        var d = transferred();
        return then(d, new DossierEvent.Accepted("rehearsal-accepted-" + d.code().value(), Actor.department(d.agencyId()), at(4, 11)));
    }

    /** In process, then form 02: the department asked for a document on Friday 6 March. */
    public Dossier supplementRequested() {
        var d = inProcess();
        return then(d, new DossierEvent.SupplementRequested("rehearsal-supplement-" + d.code().value(), Actor.department(d.agencyId()),
                LocalDateTime.of(2020, 3, 6, 9, 0).atZone(Dossier.ZONE).toInstant(), List.of("Phiếu khám sức khỏe"), "Quá 6 tháng"));
    }

    /** Decided and back at the desk, the result to go by post. */
    public Dossier resultReadyByPost() {
        var d = received(PROCEDURE, ResultReturn.byPost("45 Lê Lợi, TP Quảng Ngãi"));
        d = then(d, new DossierEvent.Transferred("router:route-" + d.code().value() + "-received", Actor.system("router"), at(4, 10), d.agencyId()),
                new DossierEvent.Accepted("rehearsal-accepted-" + d.code().value(), Actor.department(d.agencyId()), at(4, 11)));
        return then(d, new DossierEvent.ResultReady("rehearsal-result-" + d.code().value(), Actor.department(d.agencyId()), at(11, 16),
                new Outcome.Approved(List.of("results/rehearsal.pdf"))));
    }

    /** The result handed to the post with its tracking number: returned (the citizen may rate it). */
    public Dossier returned() {
        var d = resultReadyByPost();
        return then(d, new DossierEvent.HandedToPost("rehearsal-post-" + d.code().value(), CLERK, at(12, 9), "EB000000000VN"));
    }

    /** Applies {@code events} in order through the in-memory store; each must be applied. */
    public Dossier then(Dossier dossier, DossierEvent... events) {
        for (var event : events) {
            if (!(ports.dossiers().apply(dossier.code(), event, lifecycle) instanceof Decision.Applied)) {
                throw new IllegalStateException(event.kind() + " refused in the rehearsal");
            }
        }
        return ports.dossiers().find(dossier.code()).orElseThrow();
    }

    /** A small PDF under the dossier's prefix in the in-memory bucket, as the desk's browser uploads it; its key. */
    public String uploaded(Dossier dossier, String fileName) {
        var key = DocumentUpload.Key.fresh(dossier.code(), fileName);
        byte[] pdf = new byte[2_048];
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, pdf, 0, head.length);
        for (int i = head.length; i < pdf.length; i++) pdf[i] = (byte) ('a' + i % 26);
        ports.uploadedFiles().put(InMemoryPorts.BUCKET, key.value(), pdf, "application/pdf", Map.of("uploaded-by", CLERK.id()));
        return key.value();
    }

    /** A document registered on the dossier (as the document check registers one); its document id. */
    public String registered(Dossier dossier, String fileName) {
        var key = DocumentUpload.Key.parse(uploaded(dossier, fileName)).orElseThrow();
        var document = new DossierDocument(fileName, key.value(), 2_048, "sha256:" + "ab".repeat(32), CLERK, at(5, 9));
        then(dossier, new DossierEvent.DocumentAttached("s3-rehearsal-" + key.documentId(), CLERK, at(5, 9), document));
        return key.documentId();
    }

    /**
     * A department's "accepted" about {@code dossier}, signed now with the rehearsal's secret as the department's
     * software signs it: the placeholders {@code CODE}, {@code BODY} (escaped for a JSON string), {@code TIMESTAMP},
     * {@code SIGNATURE} and {@code LENGTH} of a canned {@code POST /departments/{agencyId}/updates}.
     */
    public Map<String, String> signedUpdate(Dossier dossier) {
        String body = "{\"messageId\":\"priming-rehearsal\",\"dossierCode\":\"" + dossier.code().value()
                + "\",\"sentAt\":\"2020-03-12T09:55:00+07:00\",\"accepted\":{}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = NOW.getEpochSecond();
        String quoted = Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(body));
        return Map.of("CODE", dossier.code().value(), "BODY", quoted.substring(1, quoted.length() - 1), "TIMESTAMP", Long.toString(timestamp),
                "SIGNATURE", RequestSignature.sign(DEPARTMENT_SECRET.getBytes(StandardCharsets.UTF_8), timestamp, bytes),
                "LENGTH", Integer.toString(bytes.length));
    }

    private static Instant at(int dayOfMarch, int hour) {
        return LocalDateTime.of(2020, 3, dayOfMarch, hour, 0).atZone(Dossier.ZONE).toInstant();
    }

    // ---- priming -------------------------------------------------------------------------------------

    /**
     * Registers the SnapStart priming of {@code live} (a handler's no-arg constructor calls this): before the
     * checkpoint, the SDK's warm-up for {@code clients}, the reference data read into the snapshot (through the
     * live handler's wiring: a read, never a write), the function's adapters run dry ({@link DryRun}: no call
     * leaves the process), then the rehearsal of {@code scene}, whose every canned event must succeed (a 2xx,
     * no failed message) or the priming is reported failed.
     */
    public static Priming register(RequestStreamHandler live, List<Class<? extends SdkClient>> clients, Scene scene) {
        Class<?> owner = live.getClass();
        return Priming.register(owner.getSimpleName(), clients, () -> {
            if (Wiring.fromEnvironment().ports() instanceof AwsPorts aws) {
                aws.loadForSnapshot();
                aws.dryRunForSnapshot();
            }
            var world = create();
            var act = scene.stage(world);
            for (String cannedEvent : act.cannedEvents()) {
                String answer = Priming.answer(act.handler(), Priming.canned(owner, cannedEvent, act.values()));
                failure(answer).ifPresent(why -> {
                    throw new IllegalStateException("the rehearsal of " + cannedEvent + " did not succeed: " + why);
                });
            }
            Log.info("priming.rehearsal").with("function", owner.getSimpleName()).with("did", world.ports().summary()).write();
        });
    }

    /** Why an answer is not a success: an HTTP status outside 2xx, a failed message of a batch; empty when it is one. */
    static Optional<String> failure(String answer) {
        JsonNode json;
        try {
            json = Json.tree(answer);
        } catch (IOException e) {
            return Optional.of("the answer is not JSON");
        }
        if (json == null) return Optional.empty();
        int status = json.path("statusCode").asInt(200);
        if (status < 200 || status > 299) return Optional.of("HTTP " + status + " " + json.path("body").asText());
        if (json.path("batchItemFailures").size() > 0) return Optional.of("failed messages " + json.path("batchItemFailures"));
        return Optional.empty();
    }
}
