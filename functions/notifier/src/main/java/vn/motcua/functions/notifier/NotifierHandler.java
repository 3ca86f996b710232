package vn.motcua.functions.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.contracts.NotificationJob;
import vn.motcua.desk.Desk;
import vn.motcua.edge.QueueFunction;
import vn.motcua.edge.QueueMessage;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.NoticeModel;
import vn.motcua.notices.NoticeTemplates;
import vn.motcua.notices.Notifier;
import vn.motcua.store.DossierRepository;
import vn.motcua.store.NoticeLedger;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Duration;

/**
 * Notification queue -> the applicant's email: one {@link NotificationJob} per message, handled by
 * {@link Notifier} (one email per dossier and event, recorded beside the dossier). A message that
 * throws (SES throttled or down, another delivery sending the same notice) goes back to the queue
 * alone and, after the queue's maxReceiveCount, to its dead-letter queue.
 */
public final class NotifierHandler extends QueueFunction {

    private final Notifier notifier;

    public NotifierHandler() {
        this(Clock.systemUTC());
    }

    private NotifierHandler(Clock clock) {
        this(notifier(AwsClients.dynamoDb(), new ReferenceData(AwsClients.dynamoDb(), Environment.require("CATALOG_TABLE"), Duration.ofMinutes(5), clock),
                Environment.require("DOSSIER_TABLE"), Environment.require("PUBLIC_LOOKUP_URL"),
                Mailer.ses(AwsClients.sesV2(), Environment.require("SENDER_ADDRESS"), Environment.getOrDefault("SES_CONFIGURATION_SET", "")),
                clock));
        vn.motcua.aws.Priming.register(this, "priming/notifier.json", java.util.List.of(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.class, software.amazon.awssdk.services.sesv2.SesV2Client.class));
    }

    NotifierHandler(Notifier notifier) {
        this.notifier = notifier;
    }

    /** The notifier as the function builds it, over the given mailer: tests swap in a mailer that fails. */
    static Notifier notifier(DynamoDbClient db, ReferenceData reference, String dossierTable, String lookupUrl, Mailer mailer,
                             Clock clock) {
        return new Notifier(new DossierRepository(db, dossierTable), new NoticeLedger(db, dossierTable),
                () -> new NoticeModel(reference.current().catalog(), Desk.QUANG_NGAI_POST, lookupUrl), new NoticeTemplates(), mailer, clock);
    }

    @Override
    protected void handle(QueueMessage message, Context context) throws Exception {
        notifier.handle(NotificationJob.parse(message.body()));
    }
}
