package vn.motcua.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import vn.motcua.local.runner.handlers.RecordingHandler;

import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uploads to the local S3 (SDK, presigned URL, multipart, copy) reaching a function as S3 events. */
class S3EventSourceTest {

    private static final RunnerStack aws = RunnerStack.shared();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    @Test
    void aPresignedPutTriggersOneObjectCreatedEventShapedLikeTheSample() throws Exception {
        JsonNode sample = JSON.readTree(Files.readString(aws.stack().projectDir().resolve("events/s3-object-created.json")));
        String bucket = aws.bucket("DocumentsBucket");
        String key = "dossiers/QNg-2026-000123/Đơn đề nghị (bản chính).pdf";
        byte[] content = "%PDF-1.7 Đơn đề nghị cấp giấy phép".getBytes(StandardCharsets.UTF_8);
        var handler = function();
        source(aws, handler, List.of("s3:ObjectCreated:*"), "dossiers/", ".pdf").start();
        Instant before = Instant.now();

        var presigned = aws.s3Presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/pdf").build()));
        var response = http.send(HttpRequest.newBuilder(presigned.url().toURI()).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        JsonNode event = handler.awaitReceived(1, WAIT).get(0);
        JsonNode record = event.path("Records").path(0);
        JsonNode sampleRecord = sample.path("Records").path(0);
        assertThat(event.path("Records").size()).isEqualTo(1);
        assertSameFields(record, sampleRecord, "");
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo(aws.stack().region());
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(Instant.parse(record.path("eventTime").asText())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(record.path("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode s3 = record.path("s3");
        assertThat(s3.path("bucket").path("name").asText()).isEqualTo(bucket);
        assertThat(s3.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::" + bucket);
        JsonNode object = s3.path("object");
        assertThat(object.path("key").asText()).isEqualTo(
                "dossiers/QNg-2026-000123/%C4%90%C6%A1n+%C4%91%E1%BB%81+ngh%E1%BB%8B+%28b%E1%BA%A3n+ch%C3%ADnh%29.pdf");
        assertThat(URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(object.path("size").isIntegralNumber()).isTrue();
        assertThat(object.path("size").asLong()).isEqualTo(content.length);
        assertThat(object.path("eTag").asText()).isEqualTo(md5(content));
        assertThat(object.path("versionId").asText()).as("the bucket is versioned in memory")
                .isEqualTo(aws.s3().headObject(b -> b.bucket(bucket).key(key)).versionId());
        assertThat(object.path("sequencer").asText()).matches("[0-9A-F]{16}");
        TestFunction.sleep(300);
        assertThat(handler.received()).as("exactly one event").hasSize(1);
    }

    @Test
    void prefixSuffixAndBucketFiltersAreHonoured() {
        String bucket = aws.bucket("DocumentsBucket");
        String other = aws.namePrefix() + "other-bucket";
        aws.s3().createBucket(b -> b.bucket(other));
        var handler = function();
        source(aws, handler, List.of("s3:ObjectCreated:*"), "filters/", ".pdf").start();

        put(aws, bucket, "elsewhere/a.pdf");
        put(aws, bucket, "filters/b.txt");
        put(aws, other, "filters/c.pdf");
        put(aws, bucket, "filters/d.pdf");

        // one event per stored version that matches; delivered in order, so had an earlier upload matched, it came first
        var stored = aws.s3().listObjectVersions(b -> b.bucket(bucket).prefix("filters/")).versions().stream()
                .filter(v -> v.key().endsWith(".pdf")).map(v -> v.key() + "@" + v.versionId()).toList();
        var events = handler.awaitReceived(stored.size(), WAIT);
        assertThat(stored).as("an SDK retry may store twice; there is still one matching key").allMatch(v -> v.startsWith("filters/d.pdf@"));
        assertThat(events).extracting(e -> key(e) + "@" + e.path("Records").path(0).path("s3").path("object").path("versionId").asText())
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void aMultipartUploadIsOneCompleteMultipartUploadEvent() {
        String bucket = aws.bucket("DocumentsBucket");
        String key = "multipart/scan.pdf";
        var handler = function();
        source(aws, handler, List.of("s3:ObjectCreated:*"), "multipart/", null).start();

        String uploadId = aws.s3().createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        var part = aws.s3().uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromString("%PDF-1.7 scan"));
        aws.s3().completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
        put(aws, bucket, "multipart/after.pdf");

        var events = handler.awaitReceived(2, WAIT);
        assertThat(events).extracting(e -> e.path("Records").path(0).path("eventName").asText())
                .containsExactly("ObjectCreated:CompleteMultipartUpload", "ObjectCreated:Put");
        assertThat(keys(events)).containsExactly(key, "multipart/after.pdf");
        assertThat(events.get(0).path("Records").path(0).path("s3").path("object").path("size").asLong()).isEqualTo(13);
    }

    @Test
    void eventPatternsChooseWhichCreationsAreDelivered() {
        String bucket = aws.bucket("DocumentsBucket");
        var all = function("all");
        var putsOnly = function("puts");
        source(aws, all, List.of("s3:ObjectCreated:*"), "patterns/", null).start();
        source(aws, putsOnly, List.of("s3:ObjectCreated:Put"), "patterns/", null).start();

        put(aws, bucket, "patterns/original.pdf");
        aws.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("patterns/original.pdf").destinationBucket(bucket)
                .destinationKey("patterns/copy.pdf"));
        put(aws, bucket, "patterns/last.pdf");

        assertThat(all.awaitReceived(3, WAIT)).extracting(e -> e.path("Records").path(0).path("eventName").asText())
                .containsExactly("ObjectCreated:Put", "ObjectCreated:Copy", "ObjectCreated:Put");
        assertThat(keys(putsOnly.awaitReceived(2, WAIT))).containsExactly("patterns/original.pdf", "patterns/last.pdf");
    }

    @Test
    void aFailingFunctionIsTriedThreeTimesThenTheNextEventGoesOn() {
        String bucket = aws.bucket("DocumentsBucket");
        var handler = function();
        var source = new S3EventSource(handler.function(), aws.stack(), bucket, List.of("s3:ObjectCreated:*"), "retry/", null,
                aws.stack().region(), List.of(Duration.ZERO, Duration.ZERO));
        open.add(source);
        source.start();

        put(aws, bucket, "retry/THROW.pdf");
        put(aws, bucket, "retry/fine.pdf");

        assertThat(keys(handler.awaitReceived(4, WAIT))).containsExactly("retry/THROW.pdf", "retry/THROW.pdf", "retry/THROW.pdf", "retry/fine.pdf");
    }

    @Test
    void anEventThatIsNotAnS3EventTypeIsRefused() {
        var handler = function();

        assertThatThrownBy(() -> new S3EventSource(handler.function(), aws.stack(), "b", List.of("ObjectCreated"), null, null, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ObjectCreated' is not an S3 event type");
    }

    @Test
    void keysAreEncodedAsS3EncodesThem() {
        assertThat(S3EventSource.encodeKey("a b+c/đ~*(1).pdf")).isEqualTo("a+b%2Bc/%C4%91%7E*%281%29.pdf");
    }

    // ------------------------------------------------------------------ helpers

    private TestFunction function() {
        return function("fn");
    }

    private TestFunction function(String name) {
        var f = TestFunction.load(dir.resolve(name), RecordingHandler.class);
        open.add(f);
        return f;
    }

    private S3EventSource source(RunnerStack aws, TestFunction f, List<String> events, String prefix, String suffix) {
        var source = new S3EventSource(f.function(), aws.stack(), aws.bucket("DocumentsBucket"), events, prefix, suffix,
                aws.stack().region());
        open.add(source);
        return source;
    }

    private static void put(RunnerStack aws, String bucket, String key) {
        aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("content of " + key));
    }

    private static List<String> keys(List<JsonNode> events) {
        return events.stream().map(S3EventSourceTest::key).toList();
    }

    private static String key(JsonNode event) {
        return URLDecoder.decode(event.path("Records").path(0).path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
    }

    /** The same field names, in the same order, at every level of objects. */
    private static void assertSameFields(JsonNode actual, JsonNode expected, String path) {
        var a = new ArrayList<String>();
        actual.fieldNames().forEachRemaining(a::add);
        var e = new ArrayList<String>();
        expected.fieldNames().forEachRemaining(e::add);
        assertThat(a).as("fields of " + (path.isEmpty() ? "the record" : path)).containsExactlyElementsOf(e);
        for (String name : e) {
            if (expected.get(name).isObject()) assertSameFields(actual.get(name), expected.get(name), path + "/" + name);
        }
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
