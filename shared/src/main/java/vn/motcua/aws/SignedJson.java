package vn.motcua.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SigV4-signed JSON POST to an AWS service, with the SDK's signer and URL-connection client only:
 * what {@link SsmParameters} and {@link SesEmails} need instead of a whole service module. The answer's
 * body is returned as text; a status of 300 or more, or no answer at all, is an {@link AwsCallFailed}.
 */
final class SignedJson implements AutoCloseable {

    /** The error's code: AWS puts it in the header x-amzn-ErrorType, or in the body's {@code __type} / {@code code}. */
    private static final Pattern BODY_CODE = Pattern.compile("\"(?:__type|code|Code)\"\\s*:\\s*\"([^\"]*)\"");

    private final String region;
    private final String signingName;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    /**
     * @param service the id in {@code AWS_ENDPOINT_URL_<ID>}
     * @param host the regional host's first label: {@code ssm} gives {@code https://ssm.<region>.amazonaws.com}
     */
    SignedJson(AwsSettings settings, String service, String signingName, String host) {
        this.region = settings.region();
        this.signingName = signingName;
        this.endpoint = settings.endpoint(service).orElseGet(() -> URI.create("https://" + host + "." + region + ".amazonaws.com"));
        this.credentials = SdkSetup.credentials(settings);
    }

    /** POSTs {@code json} to {@code path} with {@code headers}; answers the body of a 2xx answer. */
    String post(String operation, String path, Map<String, String> headers, String json) {
        Answer answer;
        try {
            answer = exchange(path, headers, json);
        } catch (IOException e) {
            throw new AwsCallFailed(operation, 0, e.getClass().getSimpleName(), e);
        }
        if (answer.status() >= 300) throw new AwsCallFailed(operation, answer.status(), errorCode(answer.errorType(), answer.body()), null);
        return answer.body();
    }

    /** What the service answered, whatever the status: for callers that read error bodies and retry ({@link SignedDynamoDb}). */
    record Answer(int status, String errorType, String requestId, String body) {}

    /** One signed POST (signed afresh, so a retry carries a fresh date); an IOException when no answer came. */
    Answer exchange(String path, Map<String, String> headers, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        var request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol(endpoint.getScheme()).host(endpoint.getHost())
                .port(endpoint.getPort() == -1 ? null : endpoint.getPort()).encodedPath(basePath + path)
                .putHeader("Content-Length", Integer.toString(body.length));
        headers.forEach(request::putHeader);
        ContentStreamProvider payload = () -> new ByteArrayInputStream(body);
        var signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request.build()).payload(payload)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, signingName));
        var response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                .contentStreamProvider(payload).build()).call();
        var head = response.httpResponse();
        try (InputStream in = response.responseBody().<InputStream>map(b -> b).orElseGet(InputStream::nullInputStream)) {
            return new Answer(head.statusCode(), head.firstMatchingHeader("x-amzn-ErrorType").orElse(null),
                    head.firstMatchingHeader("x-amzn-RequestId").orElse(null), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Where the calls go (for messages). */
    URI endpoint() { return endpoint; }

    /** {@code "MessageRejected:http://..."} or {@code "com.amazonaws.ssm#InvalidKeyId"}: the bare code. */
    static String errorCode(String header, String body) {
        String code = header;
        if (code == null || code.isBlank()) {
            Matcher m = BODY_CODE.matcher(body == null ? "" : body);
            code = m.find() ? m.group(1) : null;
        }
        if (code == null) return null;
        int colon = code.indexOf(':');
        if (colon >= 0) code = code.substring(0, colon);
        int hash = code.lastIndexOf('#');
        return hash >= 0 ? code.substring(hash + 1) : code;
    }

    @Override
    public void close() {
        http.close();
    }
}
