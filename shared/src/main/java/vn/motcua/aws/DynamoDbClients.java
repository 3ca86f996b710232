package vn.motcua.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB's own holder: loaded only when a DynamoDB client is asked for. */
final class DynamoDbClients {
    private static final Lazy<DynamoDbClient> SHARED = new Lazy<>(() -> build(AwsSettings.fromEnvironment()));

    private DynamoDbClients() {}

    static DynamoDbClient shared() { return SHARED.get(); }

    /** The functions' client: signed JSON calls, not the SDK client (see {@link SignedDynamoDb}). */
    static DynamoDbClient build(AwsSettings settings) {
        return new SignedDynamoDb(settings);
    }

    /** The SDK's whole client, for what the functions never do: creating and describing tables, scans. */
    static DynamoDbClient buildSdk(AwsSettings settings) {
        return SdkSetup.configure(DynamoDbClient.builder(), settings, AwsSettings.DYNAMODB).build();
    }
}
