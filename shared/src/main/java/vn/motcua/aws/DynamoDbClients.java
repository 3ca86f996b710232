package vn.motcua.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB's own holder: loaded only when a DynamoDB client is asked for. */
final class DynamoDbClients {
    static final Lazy<DynamoDbClient> SHARED = new Lazy<>(() -> AwsClients.newDynamoDb(AwsSettings.fromEnvironment()));

    private DynamoDbClients() {}
}
