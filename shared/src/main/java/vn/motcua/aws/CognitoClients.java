package vn.motcua.aws;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The staff pool's own holder: loaded only when a Cognito client is asked for. */
final class CognitoClients {
    private static final Lazy<CognitoIdentityProviderClient> SHARED = new Lazy<>(() -> build(AwsSettings.fromEnvironment()));

    private CognitoClients() {}

    static CognitoIdentityProviderClient shared() { return SHARED.get(); }

    static CognitoIdentityProviderClient build(AwsSettings settings) {
        return SdkSetup.configure(CognitoIdentityProviderClient.builder(), settings, AwsSettings.COGNITO_IDENTITY_PROVIDER).build();
    }
}
