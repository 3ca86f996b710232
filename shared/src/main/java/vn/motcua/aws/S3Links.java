package vn.motcua.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Presigned S3 links (SigV4 in the query string), made with the SDK's own signer and nothing of the S3
 * module: a function that only hands out links does not carry that module (3.8 MiB, the biggest jar of
 * the SDK) nor load its client. The links are the ones {@code S3Presigner} makes: same host and path
 * style, same signed headers, {@code UNSIGNED-PAYLOAD}; a test in shared checks that, signature included.
 * Addresses as the SDK's: see {@link S3Address}.
 */
public interface S3Links {

    /** A link: the URL, when it stops working, and the headers the caller must send with it (host excluded, names in lower case). */
    record Link(URI url, Instant expiration, Map<String, String> signedHeaders) {}

    /**
     * A PUT link bound to the content type, the exact length and the metadata ({@code x-amz-meta-<name>}):
     * S3 refuses an upload that differs in any of them.
     */
    Link upload(String bucket, String key, String contentType, long contentLength, Map<String, String> metadata, Duration validity);

    /** A GET link; {@code contentDisposition} (if not null) is what S3 answers as Content-Disposition. */
    Link download(String bucket, String key, String contentDisposition, Duration validity);

    /** Links signed with the settings' region, credentials and S3 endpoint override, without the S3 module. */
    static S3Links signed(AwsSettings settings) {
        return new SignedS3Links(settings, Clock.systemUTC());
    }
}
