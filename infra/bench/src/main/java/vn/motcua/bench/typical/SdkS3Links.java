package vn.motcua.bench.typical;

import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import vn.motcua.aws.S3Links;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** TYPICAL-DEVELOPER VERSION (benchmark only): the same links from the SDK's {@link S3Presigner}. */
public final class SdkS3Links implements S3Links {
    private final S3Presigner presigner;

    public SdkS3Links(S3Presigner presigner) {
        this.presigner = presigner;
    }

    @Override
    public Link upload(String bucket, String key, String contentType, long contentLength, Map<String, String> metadata, Duration validity) {
        var put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).contentLength(contentLength)
                .metadata(metadata).build();
        return link(presigner.presignPutObject(p -> p.signatureDuration(validity).putObjectRequest(put)));
    }

    @Override
    public Link download(String bucket, String key, String contentDisposition, Duration validity) {
        var get = GetObjectRequest.builder().bucket(bucket).key(key).responseContentDisposition(contentDisposition).build();
        return link(presigner.presignGetObject(p -> p.signatureDuration(validity).getObjectRequest(get)));
    }

    private static Link link(PresignedRequest presigned) {
        var headers = new LinkedHashMap<String, String>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
        });
        return new Link(java.net.URI.create(presigned.url().toString()), presigned.expiration(), Map.copyOf(headers));
    }
}
