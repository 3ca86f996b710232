package vn.motcua.local.stack;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import vn.motcua.edge.Log;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * s3proxy's store, telling listeners of every object it has stored. Hooking the store rather than
 * the HTTP side catches every way in (SDK, presigned URL, browser form) after s3proxy has checked
 * the signature and written the bytes, so a refused or failed upload notifies nobody.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    /** s3proxy's placeholder object for a multipart upload in progress: not a real object. */
    private static final String MULTIPART_STUB = ".s3proxy-mpu-stub-";

    private final CopyOnWriteArrayList<ObjectCreated.Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequencer = new AtomicLong();

    NotifyingBlobStore(BlobStore store) {
        super(store);
    }

    ObjectCreated.Subscription subscribe(ObjectCreated.Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        if (!request.key().startsWith(MULTIPART_STUB)) created(request.bucket(), request.key(), response.versionId(), "Put");
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created(request.destinationBucket(), request.destinationKey(), response.versionId(), "Copy");
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created(upload.containerName(), upload.blobName(), response.versionId(), "CompleteMultipartUpload");
        return response;
    }

    private void created(String bucket, String key, String versionId, String how) {
        if (listeners.isEmpty()) return;
        ObjectCreated event;
        try {
            // size and ETag as stored (an aws-chunked upload's request length is not the object's)
            var head = delegate().blobMetadata(HeadObjectRequest.builder().bucket(bucket).key(key).versionId(versionId).build());
            String eTag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
            String version = head.versionId() == null || "null".equals(head.versionId()) ? null : head.versionId();
            event = new ObjectCreated(bucket, key, head.contentLength() == null ? 0 : head.contentLength(), eTag, version,
                    how, Instant.now(), String.format("%016X", nextSequence()));
        } catch (RuntimeException e) {
            Log.warn("s3.notification.unreadable").with("bucket", bucket).error(e).write();
            return;
        }
        for (var listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a listener's fault must not fail the upload that S3 has already accepted
                Log.warn("s3.notification.listener.failed").with("bucket", bucket).error(e).write();
            }
        }
    }

    /** Microseconds since the epoch, but always growing: kept ordered across restarts on a data directory. */
    private long nextSequence() {
        long now = System.currentTimeMillis() * 1000;
        return sequencer.updateAndGet(last -> Math.max(last + 1, now));
    }
}
