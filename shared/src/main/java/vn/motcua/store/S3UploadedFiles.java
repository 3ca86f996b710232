package vn.motcua.store;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** {@link UploadedFiles} in the documents bucket, through the SDK's S3 client. */
public final class S3UploadedFiles implements UploadedFiles {

    private final S3Client s3;

    public S3UploadedFiles(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<Head> head(Location file) {
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(file.bucket()).key(file.key()).versionId(file.versionId()));
            return Optional.of(new Head(h.contentLength(), h.contentType(), h.eTag(), h.metadata()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    @Override
    public byte[] firstBytes(Location file, int count) {
        return s3.getObjectAsBytes(g -> g.bucket(file.bucket()).key(file.key()).versionId(file.versionId())
                .range("bytes=0-" + (count - 1))).asByteArray();
    }

    @Override
    public String sha256(Location file, long expectedSize) {
        MessageDigest sha = sha256();
        long read = 0;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(g -> g.bucket(file.bucket()).key(file.key()).versionId(file.versionId()))) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                read += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded object failed", e);
        }
        if (read != expectedSize) throw new IllegalStateException("read " + read + " bytes of an object of " + expectedSize);
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public void move(Location file, String key, String contentType, Map<String, String> metadata) {
        s3.copyObject(b -> b.sourceBucket(file.bucket()).sourceKey(file.key()).sourceVersionId(file.versionId())
                .destinationBucket(file.bucket()).destinationKey(key)
                .contentType(contentType).metadataDirective(MetadataDirective.REPLACE).metadata(metadata));
        // with a version id the version itself goes (a plain delete would leave it behind a delete marker)
        s3.deleteObject(b -> b.bucket(file.bucket()).key(file.key()).versionId(file.versionId()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
