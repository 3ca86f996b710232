package vn.motcua.aws;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an object lives, as the SDK's S3 client addresses it: with an endpoint override (s3proxy,
 * LocalStack) the bucket goes in the path; on AWS in the host name ({@code bucket.s3.region.amazonaws.com})
 * when the name allows it, else in the path of the regional endpoint.
 */
final class S3Address {

    /** A DNS-compatible name without dots: usable as a host name label over HTTPS. */
    private static final Pattern VIRTUAL_HOSTABLE = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private S3Address() {}

    static SdkHttpRequest.Builder of(String region, Optional<URI> endpoint, SdkHttpMethod method, String bucket, String key) {
        String path = "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        URI base;
        if (endpoint.isPresent()) {
            base = endpoint.get();
            path = "/" + SdkHttpUtils.urlEncode(bucket) + path;
        } else if (VIRTUAL_HOSTABLE.matcher(bucket).matches()) {
            base = URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com");
        } else {
            base = URI.create("https://s3." + region + ".amazonaws.com");
            path = "/" + SdkHttpUtils.urlEncode(bucket) + path;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return SdkHttpRequest.builder().method(method).protocol(base.getScheme()).host(base.getHost())
                .port(base.getPort() == -1 ? null : base.getPort()).encodedPath(basePath + path);
    }
}
