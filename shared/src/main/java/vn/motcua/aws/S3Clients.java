package vn.motcua.aws;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3's own holder: loaded only when an S3 client or presigner is asked for. With an endpoint
 * override (LocalStack, s3proxy) requests and links use path-style addresses:
 * {@code http://host:port/bucket/key}, since {@code bucket.localhost} does not resolve.
 */
final class S3Clients {
    private static final Lazy<S3Client> SHARED = new Lazy<>(() -> build(AwsSettings.fromEnvironment()));
    private static final Lazy<S3Presigner> SHARED_PRESIGNER =
            new Lazy<>(() -> buildPresigner(AwsSettings.fromEnvironment()));

    private S3Clients() {}

    static S3Client shared() { return SHARED.get(); }

    static S3Presigner sharedPresigner() { return SHARED_PRESIGNER.get(); }

    static S3Client build(AwsSettings settings) {
        var builder = SdkSetup.configure(S3Client.builder(), settings, AwsSettings.S3);
        if (settings.endpoint(AwsSettings.S3).isPresent()) builder.forcePathStyle(true);
        return builder.build();
    }

    static S3Presigner buildPresigner(AwsSettings settings) {
        var builder = S3Presigner.builder()
                .region(software.amazon.awssdk.regions.Region.of(settings.region()))
                .credentialsProvider(SdkSetup.credentials(settings));
        settings.endpoint(AwsSettings.S3).ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }
}
