package vn.motcua.aws;

import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS's own holder: loaded only when an SQS client is asked for. */
final class SqsClients {
    static final Lazy<SqsClient> SHARED = new Lazy<>(() -> AwsClients.newSqs(AwsSettings.fromEnvironment()));

    private SqsClients() {}
}
