package vn.motcua.bench.typical;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import vn.motcua.aws.S3Objects;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** TYPICAL-DEVELOPER VERSION (benchmark only): the same object calls through the SDK's {@link S3Client}. */
public final class SdkS3Objects implements S3Objects {
    private final S3Client s3;

    public SdkS3Objects(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<Head> head(String bucket, String key, String versionId) {
        try {
            var h = s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId));
            return Optional.of(new Head(h.contentLength(), h.contentType(), h.eTag(), h.metadata()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw failure("HeadObject", e);
        }
    }

    @Override
    public byte[] firstBytes(String bucket, String key, String versionId, int count) {
        return call("GetObject", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)
                .range("bytes=0-" + (count - 1))).asByteArray());
    }

    @Override
    public InputStream open(String bucket, String key, String versionId) {
        return call("GetObject", () -> s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId)));
    }

    @Override
    public void copy(String bucket, String key, String versionId, String destinationKey, String contentType, Map<String, String> metadata) {
        call("CopyObject", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).sourceVersionId(versionId)
                .destinationBucket(bucket).destinationKey(destinationKey).contentType(contentType)
                .metadataDirective(MetadataDirective.REPLACE).metadata(metadata)));
    }

    @Override
    public void delete(String bucket, String key, String versionId) {
        call("DeleteObject", () -> s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId)));
    }

    @Override
    public void close() {
        s3.close();
    }

    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            throw failure(operation, e);
        }
    }

    private static Failure failure(String operation, S3Exception e) {
        return new Failure(operation, e.statusCode(), e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
    }
}
