package vn.motcua.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link S3Objects} as signed REST calls. */
final class SignedS3Objects implements S3Objects {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String META = "x-amz-meta-";
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final String region;
    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final SdkHttpClient http;

    SignedS3Objects(AwsSettings settings) {
        this.region = settings.region();
        this.endpoint = settings.endpoint(AwsSettings.S3);
        this.credentials = SdkSetup.credentials(settings);
        this.http = UrlConnectionHttpClient.create();
    }

    @Override
    public Optional<Head> head(String bucket, String key, String versionId) {
        try (var response = call("HeadObject", version(SdkHttpMethod.HEAD, bucket, key, versionId), 404)) {
            if (response.status == 404) return Optional.empty();
            var headers = response.headers;
            var metadata = new TreeMap<String, String>();
            headers.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith(META)) metadata.put(lower.substring(META.length()), String.join(",", values));
            });
            long length = Long.parseLong(first(headers, "Content-Length").orElse("0"));
            return Optional.of(new Head(length, first(headers, "Content-Type").orElse(null), first(headers, "ETag").orElse(null),
                    metadata));
        }
    }

    @Override
    public byte[] firstBytes(String bucket, String key, String versionId, int count) {
        var request = version(SdkHttpMethod.GET, bucket, key, versionId).putHeader("Range", "bytes=0-" + (count - 1));
        try (var response = call("GetObject", request)) {
            return response.body.readNBytes(count);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the object failed", e);
        }
    }

    @Override
    public InputStream open(String bucket, String key, String versionId) {
        Response response = call("GetObject", version(SdkHttpMethod.GET, bucket, key, versionId));
        return response.body;
    }

    @Override
    public void copy(String bucket, String key, String versionId, String destinationKey, String contentType,
                     Map<String, String> metadata) {
        String source = SdkHttpUtils.urlEncodeIgnoreSlashes(bucket + "/" + key)
                + (versionId == null ? "" : "?versionId=" + SdkHttpUtils.urlEncode(versionId));
        var request = S3Address.of(region, endpoint, SdkHttpMethod.PUT, bucket, destinationKey)
                .putHeader("x-amz-copy-source", source)
                .putHeader("x-amz-metadata-directive", "REPLACE")
                .putHeader("Content-Length", "0");
        if (contentType != null) request.putHeader("Content-Type", contentType);
        metadata.forEach((name, value) -> request.putHeader(META + name, value));
        try (var response = call("CopyObject", request)) {
            // S3 may answer 200 and still fail the copy, with an Error document as the body
            String body = new String(response.body.readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("<Error>")) throw new S3Objects.Failure("CopyObject", response.status, errorCode(body));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the copy's answer failed", e);
        }
    }

    @Override
    public void delete(String bucket, String key, String versionId) {
        try (var response = call("DeleteObject", version(SdkHttpMethod.DELETE, bucket, key, versionId))) {
            response.body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    // ---- the call ---------------------------------------------------------------------------------

    private SdkHttpRequest.Builder version(SdkHttpMethod method, String bucket, String key, String versionId) {
        var request = S3Address.of(region, endpoint, method, bucket, key);
        if (versionId != null) request.putRawQueryParameter("versionId", versionId);
        return request;
    }

    /** An answer; closing it closes the body. */
    private record Response(int status, Map<String, java.util.List<String>> headers, InputStream body) implements AutoCloseable {
        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // the answer was read; a failure to close the connection's stream changes nothing
            }
        }
    }

    /** Signs and sends; a status of 300 or more (other than those {@code expected}) is a {@link Failure}. */
    private Response call(String operation, SdkHttpRequest.Builder request, int... expected) {
        request.putHeader("x-amz-content-sha256", EMPTY_SHA256);
        boolean withBody = request.method() == SdkHttpMethod.PUT;
        ContentStreamProvider empty = () -> new ByteArrayInputStream(new byte[0]);
        var signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request.build())
                .payload(withBody ? empty : null)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false));
        HttpExecuteResponse response;
        try {
            var execute = HttpExecuteRequest.builder().request(signed.request());
            if (withBody) execute.contentStreamProvider(empty);
            response = http.prepareRequest(execute.build()).call();
        } catch (IOException e) {
            throw new S3Objects.Failure(operation, 0, e.getClass().getSimpleName());
        }
        int status = response.httpResponse().statusCode();
        InputStream body = response.responseBody().<InputStream>map(b -> b).orElseGet(() -> AbortableInputStream.createEmpty());
        if (status >= 300 && java.util.Arrays.stream(expected).noneMatch(s -> s == status)) {
            String code;
            try (body) {
                code = errorCode(new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            } catch (IOException e) {
                code = null;
            }
            throw new S3Objects.Failure(operation, status, code);
        }
        return new Response(status, response.httpResponse().headers(), body);
    }

    private static String errorCode(String body) {
        Matcher m = ERROR_CODE.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static Optional<String> first(Map<String, java.util.List<String>> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) return Optional.of(e.getValue().get(0));
        }
        return Optional.empty();
    }
}
