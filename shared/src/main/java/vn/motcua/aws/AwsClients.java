package vn.motcua.aws;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SDK clients of this function, each built once per execution environment, on first use, from
 * {@link AwsSettings#fromEnvironment()} (see {@link SdkSetup} for how). Handlers take them in their
 * no-arg constructor: {@code this(new Repository(AwsClients.dynamoDb()))}; being built in the
 * constructor, they are part of a SnapStart snapshot.
 *
 * <p>Each service lives in its own holder class, so a function whose artifact carries only the
 * DynamoDB module never loads an S3 class. The {@code new...} methods build a fresh client from
 * explicit settings; the caller closes it (the local stack and tests).
 */
public final class AwsClients {

    private AwsClients() {}

    public static DynamoDbClient dynamoDb() { return DynamoDbClients.SHARED.get(); }

    public static S3Client s3() { return S3Clients.shared(); }

    /** Short-lived upload and download links (the counter form PUTs documents straight to S3). */
    public static S3Presigner s3Presigner() { return S3Clients.sharedPresigner(); }

    public static SqsClient sqs() { return SqsClients.SHARED.get(); }

    public static SesV2Client sesV2() { return SesV2Clients.SHARED.get(); }

    /** SNS: the applicant's SMS notices, published straight to a phone number. */
    public static SnsClient sns() { return SnsClients.SHARED.get(); }

    /** Parameter Store: the departments' signing secrets. */
    public static SsmClient ssm() { return SsmClients.SHARED.get(); }

    /** The staff pool (the staff-tokens trigger reads a member's MFA settings). */
    public static CognitoIdentityProviderClient cognitoIdentityProvider() { return CognitoClients.SHARED.get(); }

    public static DynamoDbClient newDynamoDb(AwsSettings settings) {
        return SdkSetup.configure(DynamoDbClient.builder(), settings, AwsSettings.DYNAMODB).build();
    }

    public static S3Client newS3(AwsSettings settings) { return S3Clients.build(settings); }

    public static S3Presigner newS3Presigner(AwsSettings settings) { return S3Clients.buildPresigner(settings); }

    public static SqsClient newSqs(AwsSettings settings) { return SdkSetup.configure(SqsClient.builder(), settings, AwsSettings.SQS).build(); }

    public static SesV2Client newSesV2(AwsSettings settings) {
        return SdkSetup.configure(SesV2Client.builder(), settings, AwsSettings.SESV2).build();
    }

    public static SnsClient newSns(AwsSettings settings) { return SdkSetup.configure(SnsClient.builder(), settings, AwsSettings.SNS).build(); }

    public static SsmClient newSsm(AwsSettings settings) { return SdkSetup.configure(SsmClient.builder(), settings, AwsSettings.SSM).build(); }

    public static CognitoIdentityProviderClient newCognitoIdentityProvider(AwsSettings settings) {
        return SdkSetup.configure(CognitoIdentityProviderClient.builder(), settings, AwsSettings.COGNITO_IDENTITY_PROVIDER).build();
    }
}
