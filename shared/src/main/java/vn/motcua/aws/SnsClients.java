package vn.motcua.aws;

import software.amazon.awssdk.services.sns.SnsClient;

/** SNS's own holder: loaded only when an SNS client is asked for (the notifier's SMS). */
final class SnsClients {
    static final Lazy<SnsClient> SHARED = new Lazy<>(() -> AwsClients.newSns(AwsSettings.fromEnvironment()));

    private SnsClients() {}
}
