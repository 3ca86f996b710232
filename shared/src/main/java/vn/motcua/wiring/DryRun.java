package vn.motcua.wiring;

import vn.motcua.aws.DryClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.LoopbackEndpoint;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.departments.DispatchQueues;
import vn.motcua.departments.SsmDepartmentSecrets;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.Log;
import vn.motcua.notices.Email;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.Sms;
import vn.motcua.notices.Texter;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.queues.UpdatesQueue;
import vn.motcua.store.DepartmentMessages;
import vn.motcua.store.DepartmentRejection;
import vn.motcua.store.DepartmentRejections;
import vn.motcua.store.DossierCodes;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.DryRunAnswers;
import vn.motcua.store.LinkSigner;
import vn.motcua.store.NoticeLedger;
import vn.motcua.store.NoticeRecord;
import vn.motcua.store.RatingItems;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.store.S3UploadedFiles;
import vn.motcua.store.UploadedFiles;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The function's AWS adapters, run once on {@link DryClients} before SnapStart takes the snapshot, against an endpoint
 * in this process ({@link LoopbackEndpoint}): each adapter
 * the function's services took ({@link AwsPorts}) builds its requests as it would for a real one (a dossier
 * written and read back, a counter taken, a notice claimed, a message sent, a mail sent, an object read and set
 * aside), and the SDK marshals, signs, sends them over the function's HTTP client and unmarshals the canned answers. The rehearsal on
 * in-memory ports runs the use case; this runs what lies beyond the ports. No call leaves the process. A step
 * that fails is logged and skipped: a dry run never fails the priming.
 */
final class DryRun {

    /** The adapters the function uses; {@code links} is the function's own signer (signing calls nothing). */
    record Uses(boolean dossiers, boolean codes, boolean notices, boolean ratings, boolean messages, boolean rejections, boolean files,
                Optional<LinkSigner> links, boolean queues, boolean mail, boolean sms, boolean ssmSecrets) {}

    private static final String QUEUE = "https://sqs.ap-southeast-1.amazonaws.com/000000000000/dry-run";

    private DryRun() {}

    /** Runs the dry run; returns the steps that failed and were skipped (none, normally). */
    static List<String> run(Uses uses) {
        var skipped = new java.util.ArrayList<String>();
        var world = Rehearsal.create();
        var dossier = world.inProcess();
        var now = Rehearsal.NOW;
        String table = Environment.getOrDefault("DOSSIER_TABLE", "dry-run");
        if (uses.dossiers() || uses.codes() || uses.notices() || uses.ratings() || uses.messages() || uses.rejections()) {
            try (var endpoint = LoopbackEndpoint.answering("application/x-amz-json-1.0", DryRunAnswers.dossierTable(dossier));
                 var db = DryClients.dynamoDb(endpoint.uri())) {
                if (uses.dossiers()) step(skipped, "dossiers", () -> {
                    var repository = new DossierRepository(db, table);
                    repository.find(dossier.code());
                    repository.create(dossier);
                    repository.apply(dossier.code(), new DossierEvent.FeeRequested("dry-run", Rehearsal.CLERK, now, 50_000, Optional.empty()),
                            Lifecycle.standard());
                    repository.byAgencyAndState(dossier.agencyId(), DossierState.IN_PROCESS, Optional.empty(), 25);
                    repository.receivedBetween(now.atZone(vn.motcua.domain.dossier.Dossier.ZONE).toLocalDate(),
                            now.atZone(vn.motcua.domain.dossier.Dossier.ZONE).toLocalDate(), Optional.empty(), 25);
                    repository.recordDeskRefusal(new DeskRefusal("dry-run", DeskRefusal.Kind.REFUSED, dossier.procedureCode(),
                            dossier.agencyId(), dossier.applicant(), List.of("dry run"), Rehearsal.CLERK, now));
                    repository.claimIdempotencyKey("dry-run", "hash", now);
                    repository.bindIdempotencyKey("dry-run", "hash", dossier.code(), "K7M2QXPA");
                });
                if (uses.codes()) step(skipped, "codes", () -> new DossierCodes(db, table).next(
                        world.ports().reference().get().catalog().agency(dossier.agencyId()).orElseThrow().electronicId(), now));
                if (uses.notices()) step(skipped, "notices", () -> {
                    var ledger = new NoticeLedger(db, table);
                    ledger.claim(dossier.code().value(), "dry-run", "received", now);
                    ledger.record(NoticeRecord.sent(dossier.code().value(), "dry-run", "received", now, "dry-run"), now.toEpochMilli());
                    ledger.of(dossier);
                });
                if (uses.ratings()) step(skipped, "ratings", () -> {
                    var ratings = new RatingItems(db, table);
                    ratings.add(new Rating(dossier.code(), dossier.agencyId(), 5, Optional.of("dry run"), now));
                    var day = vn.motcua.domain.dossier.Dossier.localDate(now);
                    ratings.givenBetween(dossier.agencyId(), day, day);
                });
                if (uses.messages()) step(skipped, "messages", () -> {
                    var messages = new DepartmentMessages(db, table);
                    messages.claim(dossier.agencyId(), "dry-run", dossier.code().value(), "hash", now);
                    messages.markQueued(dossier.agencyId(), "dry-run", now);
                });
                if (uses.rejections()) step(skipped, "rejections", () -> new DepartmentRejections(db, table).record(new DepartmentRejection("dry-run",
                        dossier.agencyId(), now, DepartmentRejection.Stage.ENDPOINT, "DRY_RUN", "dry run", Optional.empty(), Optional.empty(),
                        Optional.empty())));
            }
        }
        if (uses.queues()) {
            try (var endpoint = LoopbackEndpoint.answering("application/x-amz-json-1.0", "{\"MessageId\":\"dry-run\"}");
                 var sqs = DryClients.sqs(endpoint.uri())) {
                step(skipped, "queues", () -> {
                    RoutingQueue.sqs(sqs, QUEUE).send(new RoutingJob("dry-run", dossier.code(), RoutingJob.Reason.RECEIVED, now));
                    NotificationQueue.sqs(sqs, QUEUE).send(new NotificationJob(dossier.code(), NotificationJob.Kind.RECEIVED, "dry-run", now));
                    UpdatesQueue.sqs(sqs, QUEUE).send(dossier.agencyId(), now, "{}");
                    var sender = DispatchQueues.Sender.sqs(sqs);
                    sender.send(QUEUE, DepartmentDispatch.first("dry-run", dossier.code(), dossier.agencyId(), now));
                    sender.retryLater(QUEUE, "dry-run", Duration.ofSeconds(30));
                });
            }
        }
        if (uses.mail()) {
            try (var endpoint = LoopbackEndpoint.answering("application/json", "{\"MessageId\":\"dry-run\"}");
                 var ses = DryClients.sesV2(endpoint.uri())) {
                step(skipped, "mail", () -> Mailer.ses(ses, "dry-run@motcua.invalid", "dry-run")
                        .send(new Email("dry-run@motcua.invalid", "Dry run", "<p>dry run</p>", "dry run")));
            }
        }
        if (uses.sms()) {
            try (var endpoint = LoopbackEndpoint.answering("text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<PublishResult><MessageId>dry-run</MessageId></PublishResult><ResponseMetadata><RequestId>dry-run</RequestId>"
                    + "</ResponseMetadata></PublishResponse>");
                 var sns = DryClients.sns(endpoint.uri())) {
                step(skipped, "sms", () -> Texter.sns(sns, "DRYRUN").send(new Sms("+84900000000", "dry run")));
            }
        }
        if (uses.files()) step(skipped, "files", () -> {
            var file = new UploadedFiles.Location("dry-run", "dossiers/dry-run.pdf", null);
            try (var endpoint = LoopbackEndpoint.answering("application/pdf", "%PDF-1.7 dry run");
                 var objects = DryClients.s3(endpoint.uri())) {
                var files = new S3UploadedFiles(objects);
                files.firstBytes(file, 16);
                files.sha256(file, "%PDF-1.7 dry run".length());
                objects.headObject(h -> h.bucket(file.bucket()).key(file.key()));
            }
            try (var endpoint = LoopbackEndpoint.answering("application/xml", "<CopyObjectResult><ETag>\"dry-run\"</ETag></CopyObjectResult>");
                 var objects = DryClients.s3(endpoint.uri())) {
                new S3UploadedFiles(objects).move(file, "quarantine/dossiers/dry-run.pdf", "application/pdf", Map.of("rejected-reason", "DRY_RUN"));
            }
        });
        uses.links().ifPresent(links -> step(skipped, "links", () -> {
            links.upload("dossiers/dry-run.pdf", "application/pdf", 1, Map.of("uploaded-by", "dry-run"), Duration.ofMinutes(10));
            links.download("dossiers/dry-run.pdf", "attachment; filename=\"dry-run.pdf\"", Duration.ofMinutes(5));
        }));
        if (uses.ssmSecrets()) {
            try (var endpoint = LoopbackEndpoint.answering("application/x-amz-json-1.1", "{\"Parameters\":[],\"InvalidParameters\":[]}");
                 var ssm = DryClients.ssm(endpoint.uri())) {
                step(skipped, "secrets", () -> new SsmDepartmentSecrets(ssm, () -> world.ports().reference().get().catalog(), Clock.systemUTC())
                        .secretOf(dossier.agencyId()));
            }
        }
        return skipped;
    }

    private static void step(List<String> skipped, String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            skipped.add(name);
            Log.warn("priming.dry_run.skipped").with("step", name).with("error", e.toString()).write();
        }
    }
}
