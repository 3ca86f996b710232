package vn.motcua.aws;

import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS's own holder: loaded only when an SQS client is asked for. */
final class SqsClients {
    private static final Lazy<SqsClient> SHARED = new Lazy<>(() -> build(AwsSettings.fromEnvironment()));

    private SqsClients() {}

    static SqsClient shared() { return SHARED.get(); }

    static SqsClient build(AwsSettings settings) {
        return SdkSetup.configure(SqsClient.builder(), settings, AwsSettings.SQS).build();
    }
}
