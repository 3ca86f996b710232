package vn.motcua.store;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Short-lived links to the documents bucket, signed where the function runs (no call is made): an upload
 * bound to a key, a type, a length and metadata, or a download. The port of the documents function and the
 * dispatcher; {@link S3LinkSigner} signs with the SDK's S3 presigner.
 */
public interface LinkSigner {

    /** A signed link: its URL, when it stops working, and the headers the request must carry as signed. */
    record Link(URL url, Instant expiresAt, Map<String, List<String>> signedHeaders) {}

    /** A PUT of exactly this type, length and metadata to {@code key}. */
    Link upload(String key, String contentType, long size, Map<String, String> metadata, Duration validity);

    /** A GET of {@code key}; {@code contentDisposition} (may be null) is what the download is served with. */
    default Link download(String key, String contentDisposition, Duration validity) {
        return download(key, java.util.Optional.empty(), contentDisposition, validity);
    }

    /** A GET of one version of {@code key} (empty: the current one). */
    Link download(String key, java.util.Optional<String> versionId, String contentDisposition, Duration validity);
}
