package vn.motcua.local.stack;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An object the local S3 has just stored, whoever sent it: the SDK, a presigned URL, a browser.
 * What S3 would put in an {@code ObjectCreated:*} notification, before any encoding.
 *
 * @param how       the S3 event name's second part: {@code Put}, {@code Copy} or {@code CompleteMultipartUpload}
 * @param key       the object key as stored (not URL-encoded)
 * @param eTag      without quotes
 * @param versionId null when the bucket is not versioned
 * @param sequencer grows with every object stored in this JVM (hex, 16 digits), so events on one key can be ordered
 */
public record ObjectCreated(String bucket, String key, long size, String eTag, String versionId, String how,
                            Instant time, String sequencer) {

    public ObjectCreated {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(time, "time");
    }

    /** {@code ObjectCreated:Put}, as in the {@code eventName} of the S3 event record. */
    public String eventName() { return "ObjectCreated:" + how; }

    /** Who wants to hear of new objects: called on the S3 request's thread, so it must return quickly. */
    public interface Listener extends Consumer<ObjectCreated> {}

    /** Stops the listener hearing of new objects. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
