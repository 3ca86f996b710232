package vn.motcua.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our links against the SDK's {@link S3Presigner}, on a local endpoint and on AWS: same URL, same
 * signed headers, same signature. The presigner signs with the wall clock, so ours is pinned to the
 * second the presigner used (read back from its X-Amz-Date).
 */
class S3LinksTest {

    private static final Map<String, String> LOCAL = Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000");
    private static final Map<String, String> ON_AWS = Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "AWS_SESSION_TOKEN", "token/with+signs=");

    private static final String KEY = "dossiers/000.00.53.H48-220921-0099/d-1/Giấy đề nghị (bản 2)+.pdf";
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    @Test
    void anUploadLinkIsTheOneThePresignerMakes() {
        for (var env : new Map[] {LOCAL, ON_AWS}) {
            @SuppressWarnings("unchecked") AwsSettings settings = AwsSettings.from(env);
            var put = PutObjectRequest.builder().bucket("motcua-documents").key(KEY).contentType("application/pdf")
                    .contentLength(2_000L).metadata(Map.of("uploaded-by", "clerk-7")).build();
            compare(settings, p -> p.presignPutObject(r -> r.signatureDuration(VALIDITY).putObjectRequest(put)),
                    links -> links.upload("motcua-documents", KEY, "application/pdf", 2_000L, Map.of("uploaded-by", "clerk-7"), VALIDITY));
        }
    }

    @Test
    void aDownloadLinkIsTheOneThePresignerMakes() {
        String disposition = "attachment; filename=\"Giay de nghi.pdf\"; filename*=UTF-8''Gi%E1%BA%A5y%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf";
        for (var env : new Map[] {LOCAL, ON_AWS}) {
            @SuppressWarnings("unchecked") AwsSettings settings = AwsSettings.from(env);
            var get = GetObjectRequest.builder().bucket("motcua-documents").key(KEY).responseContentDisposition(disposition).build();
            compare(settings, p -> p.presignGetObject(r -> r.signatureDuration(VALIDITY).getObjectRequest(get)),
                    links -> links.download("motcua-documents", KEY, disposition, VALIDITY));
        }
    }

    @Test
    void aBucketNameThatCannotBeAHostNameGoesInThePath() {
        AwsSettings settings = AwsSettings.from(ON_AWS);
        compare(settings, p -> p.presignGetObject(r -> r.signatureDuration(VALIDITY)
                        .getObjectRequest(GetObjectRequest.builder().bucket("motcua.documents").key("a").build())),
                links -> links.download("motcua.documents", "a", null, VALIDITY));
    }

    private static void compare(AwsSettings settings, Function<S3Presigner, PresignedRequest> sdk, Function<S3Links, S3Links.Link> ours) {
        try (var presigner = AwsClients.newS3Presigner(settings)) {
            PresignedRequest expected = sdk.apply(presigner);
            Instant signedAt = amzDate(expected.url().toString());
            S3Links.Link link = ours.apply(SignedS3Links.at(settings, Clock.fixed(signedAt, ZoneOffset.UTC)));

            assertThat(link.url().toString()).isEqualTo(expected.url().toString());
            assertThat(link.expiration()).isEqualTo(signedAt.plus(VALIDITY));
            var headers = new TreeMap<String, String>();
            expected.signedHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("host")) headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            });
            assertThat(new TreeMap<>(link.signedHeaders())).isEqualTo(headers);
        }
    }

    private static Instant amzDate(String url) {
        String query = URI.create(url).getRawQuery();
        for (String part : query.split("&")) {
            if (part.startsWith("X-Amz-Date=")) {
                String d = part.substring("X-Amz-Date=".length());
                return java.time.LocalDateTime.parse(d, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                        .toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            }
        }
        throw new AssertionError("no X-Amz-Date in " + url);
    }
}
