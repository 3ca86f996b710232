package vn.motcua.bench.typical;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * TYPICAL-DEVELOPER VERSION, for the benchmark only: clients as the SDK's getting-started pages build
 * them: {@code create()}, so the default region and credential provider chains, the default HTTP
 * client found on the class path (Apache), endpoint from {@code AWS_ENDPOINT_URL_*} as the SDK reads it.
 * The one concession is path-style S3 addressing, which the local S3 emulator needs to be reached at all.
 */
public final class TypicalClients {
    private static DynamoDbClient dynamoDb;
    private static SqsClient sqs;
    private static S3Client s3;
    private static S3Presigner presigner;

    private TypicalClients() {}

    public static synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) dynamoDb = DynamoDbClient.create();
        return dynamoDb;
    }

    public static synchronized SqsClient sqs() {
        if (sqs == null) sqs = SqsClient.create();
        return sqs;
    }

    public static synchronized S3Client s3() {
        if (s3 == null) s3 = S3Client.builder().forcePathStyle(true).build();
        return s3;
    }

    public static synchronized S3Presigner presigner() {
        if (presigner == null) {
            presigner = S3Presigner.builder()
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        }
        return presigner;
    }

    public static String env(String name) {
        return System.getenv(name);
    }
}
