package vn.motcua.aws;

import software.amazon.awssdk.services.sesv2.SesV2Client;

/** SES v2's own holder: loaded only when an SES client is asked for. */
final class SesV2Clients {
    private static final Lazy<SesV2Client> SHARED = new Lazy<>(() -> build(AwsSettings.fromEnvironment()));

    private SesV2Clients() {}

    static SesV2Client shared() { return SHARED.get(); }

    static SesV2Client build(AwsSettings settings) {
        return SdkSetup.configure(SesV2Client.builder(), settings, AwsSettings.SESV2).build();
    }
}
