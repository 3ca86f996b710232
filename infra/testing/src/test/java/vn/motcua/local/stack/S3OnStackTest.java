package vn.motcua.local.stack;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@LocalAws
class S3OnStackTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void putAndGetThroughTheSdk(TestStack aws) {
        String bucket = aws.bucket("DocumentsBucket");
        aws.s3().putObject(b -> b.bucket(bucket).key("dossiers/D-1/don.txt"), RequestBody.fromString("Đơn đề nghị"));

        assertThat(aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key("dossiers/D-1/don.txt")).asUtf8String())
                .isEqualTo("Đơn đề nghị");
    }

    @Test
    void aPresignedPutUploadsWithAPlainHttpClient(TestStack aws) throws Exception {
        String bucket = aws.bucket("DocumentsBucket");
        var presigned = aws.s3Presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key("dossiers/D-2/scan.pdf")
                        .contentType("application/pdf").build()));
        assertThat(presigned.url().toString()).as("path style").startsWith(aws.stack().s3Endpoint() + "/" + bucket + "/");

        var upload = HttpRequest.newBuilder(presigned.url().toURI())
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofString("%PDF-1.4 scan", StandardCharsets.UTF_8)).build();
        var response = http.send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var stored = aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key("dossiers/D-2/scan.pdf"));
        assertThat(stored.asUtf8String()).isEqualTo("%PDF-1.4 scan");
        assertThat(stored.response().contentType()).isEqualTo("application/pdf");
    }

    @Test
    void aTamperedPresignedUrlIsRefused(TestStack aws) throws Exception {
        String bucket = aws.bucket("DocumentsBucket");
        var presigned = aws.s3Presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key("a.pdf").build()));
        URI other = URI.create(presigned.url().toString().replace("/a.pdf?", "/b.pdf?"));

        var response = http.send(HttpRequest.newBuilder(other).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void inMemoryTheBucketIsVersionedAsTheTemplateSays(TestStack aws) {
        assertThat(aws.s3().getBucketVersioning(b -> b.bucket(aws.bucket("DocumentsBucket"))).status())
                .isEqualTo(BucketVersioningStatus.ENABLED);
    }
}
