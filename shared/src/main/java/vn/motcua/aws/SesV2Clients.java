package vn.motcua.aws;

import software.amazon.awssdk.services.sesv2.SesV2Client;

/** SES v2's own holder: loaded only when an SES client is asked for. */
final class SesV2Clients {
    static final Lazy<SesV2Client> SHARED = new Lazy<>(() -> AwsClients.newSesV2(AwsSettings.fromEnvironment()));

    private SesV2Clients() {}
}
