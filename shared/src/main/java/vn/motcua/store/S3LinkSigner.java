package vn.motcua.store;

import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;
import java.util.Map;

/** {@link LinkSigner} for one bucket, with the SDK's {@link S3Presigner} (SigV4 query signing, no call). */
public record S3LinkSigner(S3Presigner presigner, String bucket) implements LinkSigner {

    public S3LinkSigner {
        if (bucket == null || bucket.isBlank()) throw new IllegalArgumentException("which bucket?");
    }

    @Override
    public Link upload(String key, String contentType, long size, Map<String, String> metadata, Duration validity) {
        // If-None-Match: * (S3 conditional writes): the link creates its object once; used again within its validity,
        // S3 answers 412 and the registered bytes stay. The header is signed, so the client must send it.
        var put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).contentLength(size).metadata(metadata)
                .ifNoneMatch("*").build();
        var signed = presigner.presignPutObject(p -> p.signatureDuration(validity).putObjectRequest(put));
        return new Link(signed.url(), signed.expiration(), signed.signedHeaders());
    }

    @Override
    public Link download(String key, java.util.Optional<String> versionId, String contentDisposition, Duration validity) {
        var get = GetObjectRequest.builder().bucket(bucket).key(key);
        versionId.ifPresent(get::versionId);
        if (contentDisposition != null) get.responseContentDisposition(contentDisposition);
        var signed = presigner.presignGetObject(p -> p.signatureDuration(validity).getObjectRequest(get.build()));
        return new Link(signed.url(), signed.expiration(), signed.signedHeaders());
    }
}
