package vn.motcua.aws;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The five object operations the upload check needs (head, read the first bytes, read all, copy with
 * new metadata, delete), as signed REST calls: the SDK's SigV4 signer and URL-connection HTTP client,
 * without the S3 module. That module is 3.8 MiB and its client loads about 1,500 classes on the first
 * call; a function that moves a few objects needs neither.
 *
 * <p>Errors are {@link Failure}s carrying S3's status and error code. There is no retry here: the one
 * caller (an S3 event, invoked asynchronously) is idempotent and Lambda retries the whole event.
 */
public interface S3Objects extends AutoCloseable {

    /** What HEAD says about an object; {@code metadata} keys without the {@code x-amz-meta-} prefix, lower case. */
    record Head(long contentLength, String contentType, String eTag, Map<String, String> metadata) {
        public Head {
            metadata = Map.copyOf(metadata);
        }
    }

    /** S3 answered with an error (or the call did not get an answer: status 0). */
    final class Failure extends RuntimeException {
        private final int statusCode;
        private final String errorCode;

        public Failure(String operation, int statusCode, String errorCode) {
            super("S3 " + operation + " failed: " + statusCode + (errorCode == null ? "" : " " + errorCode));
            this.statusCode = statusCode;
            this.errorCode = errorCode;
        }

        public int statusCode() { return statusCode; }

        /** S3's error code (e.g. {@code NoSuchKey}), or null when the answer had none (HEAD has no body). */
        public String errorCode() { return errorCode; }
    }

    /** Empty when there is no such object (or version). */
    Optional<Head> head(String bucket, String key, String versionId);

    /** At most the first {@code count} bytes. */
    byte[] firstBytes(String bucket, String key, String versionId, int count);

    /** The whole object as a stream; the caller closes it. */
    InputStream open(String bucket, String key, String versionId);

    /** Copies a version of an object to another key of the same bucket, the metadata and content type replaced by these. */
    void copy(String bucket, String key, String versionId, String destinationKey, String contentType, Map<String, String> metadata);

    /** Deletes one version (or, without a version id, the current object). */
    void delete(String bucket, String key, String versionId);

    @Override
    void close();

    /** Signed with the settings' region and credentials, sent to their S3 endpoint override if any; no S3 module needed. */
    static S3Objects signed(AwsSettings settings) {
        return new SignedS3Objects(settings);
    }
}
