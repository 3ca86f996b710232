package vn.motcua.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link UploadedFiles} in memory: objects by bucket and key (one version each). Priming puts the canned
 * upload here and checks it as S3 would hand it over; the services' unit tests too.
 */
public final class InMemoryUploadedFiles implements UploadedFiles {

    private record Stored(byte[] content, String contentType, Map<String, String> metadata, String eTag) {}

    private final Map<String, Stored> objects = new LinkedHashMap<>();

    /** Stores an object as an upload would; returns its ETag (the content's SHA-256, quoted as S3 quotes it). */
    public synchronized String put(String bucket, String key, byte[] content, String contentType, Map<String, String> metadata) {
        String eTag = "\"" + HexFormat.of().formatHex(S3UploadedFiles.sha256().digest(content)).substring(0, 32) + "\"";
        objects.put(bucket + "/" + key, new Stored(content.clone(), contentType, Map.copyOf(metadata), eTag));
        return eTag;
    }

    /** The keys held in {@code bucket}, in the order stored. */
    public synchronized java.util.List<String> keys(String bucket) {
        return objects.keySet().stream().filter(k -> k.startsWith(bucket + "/")).map(k -> k.substring(bucket.length() + 1)).toList();
    }

    /** The metadata of an object, if it is there. */
    public synchronized Optional<Map<String, String>> metadata(String bucket, String key) {
        return Optional.ofNullable(objects.get(bucket + "/" + key)).map(Stored::metadata);
    }

    @Override
    public synchronized Optional<Head> head(Location file) {
        return Optional.ofNullable(objects.get(file.bucket() + "/" + file.key()))
                .map(o -> new Head(o.content().length, o.contentType(), o.eTag(), o.metadata()));
    }

    @Override
    public synchronized byte[] firstBytes(Location file, int count) {
        var o = stored(file);
        return Arrays.copyOf(o.content(), Math.min(count, o.content().length));
    }

    @Override
    public synchronized String sha256(Location file, long expectedSize) {
        var o = stored(file);
        if (o.content().length != expectedSize) throw new IllegalStateException("read " + o.content().length + " bytes of an object of " + expectedSize);
        return HexFormat.of().formatHex(S3UploadedFiles.sha256().digest(o.content()));
    }

    @Override
    public synchronized void move(Location file, String key, String contentType, Map<String, String> metadata) {
        var o = stored(file);
        objects.put(file.bucket() + "/" + key, new Stored(o.content(), contentType, Map.copyOf(metadata), o.eTag()));
        objects.remove(file.bucket() + "/" + file.key());
    }

    private Stored stored(Location file) {
        var o = objects.get(file.bucket() + "/" + file.key());
        if (o == null) throw new IllegalStateException("no object " + file.key() + " in " + file.bucket());
        return o;
    }
}
