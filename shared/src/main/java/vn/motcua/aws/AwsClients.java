package vn.motcua.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of this function, each built once, on first use, from {@link AwsSettings#fromEnvironment()}:
 * explicit region, credentials from the environment, the URL-connection HTTP client, and the
 * {@code AWS_ENDPOINT_URL_*} overrides. Handlers take them in their no-arg constructor:
 * {@code this(new Repository(AwsClients.dynamoDb()))}.
 *
 * <p>Each service lives in its own holder class, so a function whose artifact carries only the
 * DynamoDB module never loads an S3 class. The {@code new...} methods build a fresh client from
 * explicit settings; the caller closes it (the local stack and tests).
 */
public final class AwsClients {

    private AwsClients() {}

    /**
     * PutItem, GetItem, UpdateItem, DeleteItem, Query and BatchGetItem as signed calls (see
     * {@link SignedDynamoDb}); any other operation throws {@link UnsupportedOperationException}.
     */
    public static DynamoDbClient dynamoDb() { return DynamoDbClients.shared(); }

    public static S3Client s3() { return S3Clients.shared(); }

    /** For short-lived upload and download links (the counter form PUTs documents straight to S3). */
    public static S3Presigner s3Presigner() { return S3Clients.sharedPresigner(); }

    /**
     * Presigned S3 links without the S3 module (see {@link S3Links}): what a function that only hands
     * out links should use instead of {@link #s3Presigner()}.
     */
    public static S3Links s3Links() { return S3LinksHolder.SHARED.get(); }

    /** Head, read, copy and delete objects without the S3 module (see {@link S3Objects}). */
    public static S3Objects s3Objects() { return S3LinksHolder.OBJECTS.get(); }

    public static SqsClient sqs() { return SqsClients.shared(); }

    /** SendMessage and ChangeMessageVisibility without the SQS module (see {@link SqsMessages}). */
    public static SqsMessages sqsMessages() { return S3LinksHolder.SQS.get(); }

    public static SesV2Client sesV2() { return SesV2Clients.shared(); }

    /** SES v2 SendEmail without the SES module (see {@link SesEmails}). */
    public static SesEmails sesEmails() { return S3LinksHolder.SES.get(); }

    /** Parameter Store (the departments' signing secrets) without the SSM module (see {@link SsmParameters}). */
    public static SsmParameters ssmParameters() { return S3LinksHolder.SSM.get(); }

    /** A fresh client as {@link #dynamoDb()} gives: the item operations only. */
    public static DynamoDbClient newDynamoDb(AwsSettings settings) { return DynamoDbClients.build(settings); }

    /** The SDK's whole DynamoDB client (tables, scans): the local stack and the seed, never a function. */
    public static DynamoDbClient newSdkDynamoDb(AwsSettings settings) { return DynamoDbClients.buildSdk(settings); }

    public static S3Client newS3(AwsSettings settings) { return S3Clients.build(settings); }

    public static S3Presigner newS3Presigner(AwsSettings settings) { return S3Clients.buildPresigner(settings); }

    public static S3Links newS3Links(AwsSettings settings) { return S3Links.signed(settings); }

    public static S3Objects newS3Objects(AwsSettings settings) { return S3Objects.signed(settings); }

    public static SqsClient newSqs(AwsSettings settings) { return SqsClients.build(settings); }

    public static SqsMessages newSqsMessages(AwsSettings settings) { return new SqsMessages(settings); }

    public static SesV2Client newSesV2(AwsSettings settings) { return SesV2Clients.build(settings); }

    public static SesEmails newSesEmails(AwsSettings settings) { return new SesEmails(settings); }

    public static SsmParameters newSsmParameters(AwsSettings settings) { return new SsmParameters(settings); }

    /** Signed calls without a service module: only SDK core classes, present with any service. */
    private static final class S3LinksHolder {
        static final Lazy<SqsMessages> SQS = new Lazy<>(() -> new SqsMessages(AwsSettings.fromEnvironment()));
        static final Lazy<SesEmails> SES = new Lazy<>(() -> new SesEmails(AwsSettings.fromEnvironment()));
        static final Lazy<SsmParameters> SSM = new Lazy<>(() -> new SsmParameters(AwsSettings.fromEnvironment()));
        static final Lazy<S3Links> SHARED = new Lazy<>(() -> S3Links.signed(AwsSettings.fromEnvironment()));
        static final Lazy<S3Objects> OBJECTS = new Lazy<>(() -> S3Objects.signed(AwsSettings.fromEnvironment()));
    }
}
