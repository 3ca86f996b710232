package vn.motcua.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link S3Links} signed here, with the SDK's SigV4 signer. */
final class SignedS3Links implements S3Links {

    private final String region;
    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;

    SignedS3Links(AwsSettings settings, Clock clock) {
        this.region = settings.region();
        this.endpoint = settings.endpoint(AwsSettings.S3);
        this.credentials = SdkSetup.credentials(settings);
        this.clock = clock;
    }

    /** For tests that must know the signing time. */
    static SignedS3Links at(AwsSettings settings, Clock clock) {
        return new SignedS3Links(settings, clock);
    }

    @Override
    public Link upload(String bucket, String key, String contentType, long contentLength, Map<String, String> metadata,
                       Duration validity) {
        var request = base(SdkHttpMethod.PUT, bucket, key)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Long.toString(contentLength));
        metadata.forEach((name, value) -> request.putHeader("x-amz-meta-" + name, value));
        return sign(request.build(), validity);
    }

    @Override
    public Link download(String bucket, String key, String contentDisposition, Duration validity) {
        var request = base(SdkHttpMethod.GET, bucket, key);
        if (contentDisposition != null) request.putRawQueryParameter("response-content-disposition", contentDisposition);
        return sign(request.build(), validity);
    }

    private SdkHttpRequest.Builder base(SdkHttpMethod method, String bucket, String key) {
        return S3Address.of(region, endpoint, method, bucket, key);
    }

    private Link sign(SdkHttpRequest request, Duration validity) {
        Instant now = clock.instant();
        var signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)));
        Map<String, String> headers = new LinkedHashMap<>();
        new TreeMap<>(signed.request().headers()).forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
        });
        return new Link(signed.request().getUri(), now.plus(validity), Map.copyOf(headers));
    }
}
