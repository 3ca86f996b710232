package vn.motcua.aws;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The staff pool's own holder: loaded only when a Cognito client is asked for. */
final class CognitoClients {
    static final Lazy<CognitoIdentityProviderClient> SHARED = new Lazy<>(() -> AwsClients.newCognitoIdentityProvider(AwsSettings.fromEnvironment()));

    private CognitoClients() {}
}
