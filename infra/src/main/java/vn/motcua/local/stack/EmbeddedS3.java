package vn.motcua.local.stack;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * s3proxy (S3) inside this JVM: objects in memory, or as files under a data directory. It checks
 * request signatures (v2 and v4), so a badly presigned URL fails here as it would on AWS.
 */
final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final NotifyingBlobStore store;
    private final boolean versioning;

    private EmbeddedS3(S3Proxy proxy, NotifyingBlobStore store) {
        this.proxy = proxy;
        this.store = store;
        this.versioning = store.supportsVersioning();
    }

    int port() { return proxy.getPort(); }

    /** Whether this store keeps object versions (s3proxy's in-memory store does, its file store does not). */
    boolean supportsVersioning() { return versioning; }

    ObjectCreated.Subscription onObjectCreated(ObjectCreated.Listener listener) { return store.subscribe(listener); }

    static EmbeddedS3 start(int port, Optional<Path> dataDir, String accessKey, String secretKey) {
        BlobStore files;
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new LocalStackException("Cannot create the S3 data directory " + dataDir.get() + ": " + e.getMessage(), e);
            }
            files = new FilesystemNio2BlobStore(dataDir.get().toAbsolutePath().toString());
        } else {
            files = new TransientNio2BlobStore();
        }
        var store = new NotifyingBlobStore(files);
        var proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                // The web app PUTs scans with presigned URLs from the API's origin, another port here:
                // any local origin may (the template's bucket CORS names the real ones in AWS).
                .corsRules(new org.gaul.s3proxy.CrossOriginResourceSharing(java.util.List.of("*"),
                        java.util.List.of("GET", "PUT", "HEAD"), java.util.List.of("content-type", "x-amz-meta-uploaded-by",
                        "x-amz-meta-dossier-code", "x-amz-meta-document-id", "x-amz-meta-digitised-at", "if-none-match"),
                        java.util.List.of("etag"), "false"))
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) Thread.sleep(10);
            if (!"STARTED".equals(proxy.getState())) {
                throw new LocalStackException("S3 (s3proxy) did not start: state " + proxy.getState());
            }
        } catch (LocalStackException e) {
            stopQuietly(proxy);
            throw e;
        } catch (Exception e) {
            stopQuietly(proxy);
            if (Ports.isBindFailure(e)) {
                throw new LocalStackException("S3 (s3proxy): port " + port + " on 127.0.0.1 is already in use", e);
            }
            throw new LocalStackException("S3 (s3proxy) did not start: " + e, e);
        }
        return new EmbeddedS3(proxy, store);
    }

    @Override
    public void close() {
        stopQuietly(proxy);
        try {
            store.close();
        } catch (RuntimeException ignored) {
            // best effort
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
