package vn.motcua.aws;

import software.amazon.awssdk.services.ssm.SsmClient;

/** Parameter Store's own holder: loaded only when an SSM client is asked for (the departments' secrets). */
final class SsmClients {
    static final Lazy<SsmClient> SHARED = new Lazy<>(() -> AwsClients.newSsm(AwsSettings.fromEnvironment()));

    private SsmClients() {}
}
