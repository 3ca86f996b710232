package vn.motcua.aws;

import software.amazon.awssdk.services.ssm.SsmClient;

/** Parameter Store's own holder: loaded only when an SSM client is asked for (the departments' secrets). */
final class SsmClients {
    private static final Lazy<SsmClient> SHARED = new Lazy<>(() -> build(AwsSettings.fromEnvironment()));

    private SsmClients() {}

    static SsmClient shared() { return SHARED.get(); }

    static SsmClient build(AwsSettings settings) {
        return SdkSetup.configure(SsmClient.builder(), settings, AwsSettings.SSM).build();
    }
}
