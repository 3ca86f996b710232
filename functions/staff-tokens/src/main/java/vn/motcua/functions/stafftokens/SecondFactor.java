package vn.motcua.functions.stafftokens;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import vn.motcua.aws.AwsSettings;
import vn.motcua.aws.Environment;

import java.net.URI;

/** Whether a staff member has turned on a TOTP app as their second factor. */
@FunctionalInterface
interface SecondFactor {

    boolean hasTotp(String userPoolId, String userName);

    /** Cognito's answer: AdminGetUser lists the MFA methods the user has turned on. */
    static SecondFactor cognito(CognitoIdentityProviderClient cognito) {
        return (pool, user) -> cognito.adminGetUser(r -> r.userPoolId(pool).username(user))
                .userMFASettingList().contains(ChallengeNameType.SOFTWARE_TOKEN_MFA.toString());
    }

    /**
     * Built once per container as the project's other clients are (explicit region, credentials from the
     * environment, the URL-connection HTTP client; vn.motcua.aws covers the services of the other functions),
     * with the standard AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER override for tests.
     */
    static CognitoIdentityProviderClient client() {
        var settings = AwsSettings.fromEnvironment();
        var builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(!settings.hasCredentials() ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(settings.sessionToken().isEmpty()
                        ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                        : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken())));
        Environment.get("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER").map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
