package vn.motcua.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB's own holder: loaded only when a DynamoDB client is asked for. */
final class DynamoDbClients {
    private static final Lazy<DynamoDbClient> SHARED = new Lazy<>(() -> build(AwsSettings.fromEnvironment()));

    private DynamoDbClients() {}

    static DynamoDbClient shared() { return SHARED.get(); }

    static DynamoDbClient build(AwsSettings settings) {
        return SdkSetup.configure(DynamoDbClient.builder(), settings, AwsSettings.DYNAMODB).build();
    }
}
