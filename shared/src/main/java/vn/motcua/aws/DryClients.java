package vn.motcua.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;

/**
 * Clients for a dry run, built like the function's own ({@link AwsClients}: region, the URL-connection HTTP
 * client, the service's retry strategy, SigV4 signing) but sending to a {@link LoopbackEndpoint} in this process,
 * which answers with canned bodies: a request is marshalled, signed, sent and its answer unmarshalled, and none
 * leaves the machine. SnapStart priming runs the function's store, queue and mail adapters on them once, so that
 * the first real request finds every step of the SDK's pipeline it takes already loaded and run. The caller
 * closes each client. Each method touches only its service's classes.
 */
public final class DryClients {

    private DryClients() {}

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return SdkSetup.dry(DynamoDbClient.builder(), AwsSettings.fromEnvironment(), endpoint).build();
    }

    /** SQS (the MD5 of a body the endpoint never read cannot be checked: that check is off). */
    public static SqsClient sqs(URI endpoint) {
        return SdkSetup.dry(SqsClient.builder(), AwsSettings.fromEnvironment(), endpoint).checksumValidationEnabled(false).build();
    }

    public static SesV2Client sesV2(URI endpoint) {
        return SdkSetup.dry(SesV2Client.builder(), AwsSettings.fromEnvironment(), endpoint).build();
    }

    /** S3, path-style (a loopback address has no bucket subdomains). */
    public static S3Client s3(URI endpoint) {
        return SdkSetup.dry(S3Client.builder(), AwsSettings.fromEnvironment(), endpoint).forcePathStyle(true).build();
    }

    public static SnsClient sns(URI endpoint) {
        return SdkSetup.dry(SnsClient.builder(), AwsSettings.fromEnvironment(), endpoint).build();
    }

    public static SsmClient ssm(URI endpoint) {
        return SdkSetup.dry(SsmClient.builder(), AwsSettings.fromEnvironment(), endpoint).build();
    }
}
