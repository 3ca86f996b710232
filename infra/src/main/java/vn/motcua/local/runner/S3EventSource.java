package vn.motcua.local.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.Log;
import vn.motcua.local.stack.LocalAwsStack;
import vn.motcua.local.stack.ObjectCreated;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bucket's notifications to a function (the template's {@code Type: S3} event), locally: every
 * object the local S3 stores in the bucket, through the SDK or a presigned URL, whose key has the
 * prefix and suffix and whose event name one of the patterns covers ({@code s3:ObjectCreated:*},
 * {@code s3:ObjectCreated:Put}...), reaches the function as the S3 event JSON, asynchronously and
 * in order, retried twice on error (see {@link AsyncInvoker}). Only ObjectCreated events exist locally.
 */
public final class S3EventSource implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LocalFunction function;
    private final LocalAwsStack stack;
    private final String bucket;
    private final List<String> events;
    private final String prefix;
    private final String suffix;
    private final String region;
    private final String configurationId;
    private final AsyncInvoker invoker;
    private ObjectCreated.Subscription subscription;

    /**
     * @param events the template's {@code Events}, e.g. {@code ["s3:ObjectCreated:*"]}
     * @param prefix the {@code S3Key} filter's prefix rule, or null
     * @param suffix the {@code S3Key} filter's suffix rule, or null
     */
    public S3EventSource(LocalFunction function, LocalAwsStack stack, String bucketName, List<String> events,
                         String prefix, String suffix, String region) {
        this(function, stack, bucketName, events, prefix, suffix, region, AsyncInvoker.LOCAL_RETRY_DELAYS);
    }

    S3EventSource(LocalFunction function, LocalAwsStack stack, String bucketName, List<String> events,
                  String prefix, String suffix, String region, List<Duration> retryDelays) {
        this.function = Objects.requireNonNull(function, "function");
        this.stack = Objects.requireNonNull(stack, "stack");
        this.bucket = Objects.requireNonNull(bucketName, "bucketName");
        this.events = List.copyOf(events);
        if (this.events.isEmpty()) throw new IllegalArgumentException("S3 event source for " + function.name() + ": no Events");
        for (String pattern : this.events) {
            if (!pattern.matches("s3:[A-Za-z]+:(\\*|[A-Za-z]+)")) {
                throw new IllegalArgumentException("S3 event source for " + function.name() + ": event '" + pattern
                        + "' is not an S3 event type such as s3:ObjectCreated:*");
            }
        }
        this.prefix = prefix == null ? "" : prefix;
        this.suffix = suffix == null ? "" : suffix;
        this.region = Objects.requireNonNull(region, "region");
        // on AWS the notification configuration's id; SAM makes one up, so does this, stable per function and bucket
        this.configurationId = UUID.nameUUIDFromBytes((function.name() + "/" + bucketName).getBytes(StandardCharsets.UTF_8)).toString();
        this.invoker = new AsyncInvoker(function, "s3:" + bucketName, retryDelays);
    }

    public synchronized void start() {
        if (subscription != null) throw new IllegalStateException(this + " is already started");
        subscription = stack.onObjectCreated(this::objectCreated);
        var ignored = events.stream().filter(e -> !e.startsWith("s3:ObjectCreated:")).toList();
        if (!ignored.isEmpty()) {
            Log.warn("s3.events.not.local").with("function", function.name()).with("bucket", bucket)
                    .with("events", String.join(",", ignored)).with("reason", "the local S3 only tells of created objects").write();
        }
    }

    /** On the S3 request's thread: decide, build the event and queue it; the function runs on the invoker's thread. */
    private void objectCreated(ObjectCreated object) {
        if (!matches(object)) return;
        invoker.submit(bucket + "#" + object.sequencer(), event(object));
    }

    boolean matches(ObjectCreated object) {
        if (!object.bucket().equals(bucket)) return false;
        if (!object.key().startsWith(prefix) || !object.key().endsWith(suffix)) return false;
        String name = "s3:" + object.eventName();
        return events.stream().anyMatch(p -> p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p));
    }

    /** The S3 event record, as AWS sends it to Lambda (eventVersion 2.1). */
    byte[] event(ObjectCreated object) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", EVENT_TIME.format(object.time()));
        record.put("eventName", object.eventName());
        record.putObject("userIdentity").put("principalId", "AWS:" + LocalAwsStack.ACCESS_KEY_ID);
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(randomBytes(8)));
        response.put("x-amz-id-2", java.util.Base64.getEncoder().encodeToString(randomBytes(48)));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", object.bucket());
        b.putObject("ownerIdentity").put("principalId", stack.accountId());
        b.put("arn", "arn:aws:s3:::" + object.bucket());
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(object.key()));
        o.put("size", object.size());
        o.put("eTag", object.eTag());
        if (object.versionId() != null) o.put("versionId", object.versionId());
        o.put("sequencer", object.sequencer());
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key as S3 notifications carry it: form-URL-encoded (a space is '+', 'Đ' is %C4%90), but with
     * '/' left as is. Handlers must decode it (URLDecoder) before using it as a key.
     */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) subscription.close();
        invoker.close();
    }

    @Override
    public String toString() {
        return "S3EventSource[" + bucket + " " + events + " prefix '" + prefix + "' suffix '" + suffix + "' -> " + function.name() + "]";
    }
}
