package vn.motcua.store;

import java.util.Map;
import java.util.Optional;

/**
 * The files the desk uploads to the documents bucket, as the document check reads and moves them: the
 * port of {@code DocumentCheck}. {@link S3UploadedFiles} is the bucket, {@link InMemoryUploadedFiles}
 * holds them in memory.
 */
public interface UploadedFiles {

    /** One object: its bucket, key and version (null: the current one). */
    record Location(String bucket, String key, String versionId) {}

    /** What the store says of an object; metadata keys without the {@code x-amz-meta-} prefix. */
    record Head(long contentLength, String contentType, String eTag, Map<String, String> metadata) {}

    /** Empty when the object (or that version) is not there. */
    Optional<Head> head(Location file);

    /** The first {@code count} bytes (fewer when the object is shorter). */
    byte[] firstBytes(Location file, int count);

    /** The SHA-256 of the whole object in hex, read as a stream; throws when its length is not {@code expectedSize}. */
    String sha256(Location file, long expectedSize);

    /** Copies the object to {@code key} in its bucket with {@code contentType} and {@code metadata}, then deletes that version. */
    void move(Location file, String key, String contentType, Map<String, String> metadata);
}
