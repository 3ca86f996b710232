package vn.motcua.functions.documentreceived;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import vn.motcua.documents.DocumentCheck;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.wiring.InMemoryPorts;
import vn.motcua.wiring.Rehearsal;
import vn.motcua.wiring.Wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S3 {@code ObjectCreated} on the documents bucket ({@code dossiers/} prefix): each uploaded file checked
 * and registered on its dossier, or set aside ({@link DocumentCheck}).
 *
 * <p>S3 invokes this asynchronously: a failure throws, and Lambda retries the event. Every step is
 * idempotent, so the retry of a whole event changes nothing for the files already done.
 */
public final class DocumentReceivedHandler implements RequestStreamHandler {

    private final DocumentCheck check;

    public DocumentReceivedHandler() {
        this(Wiring.fromEnvironment().documentCheck());
        Rehearsal.register(this, List.of(DynamoDbClient.class, S3Client.class), world -> {
            String key = world.uploaded(world.received(), "Đơn đề nghị cấp giấy phép.pdf");
            return new Rehearsal.Act(new DocumentReceivedHandler(world.wiring().documentCheck()), List.of("priming/document-received.json"),
                    Map.of("BUCKET", InMemoryPorts.BUCKET, "KEY", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"),
                            "ETAG", "0e7a1c7d3f5b2e9c8a6d4f1b3e5c7a9d"));
        });
    }

    DocumentReceivedHandler(DocumentCheck check) {
        this.check = check;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.read(input);
        int failed = 0;
        int total = 0;
        RuntimeException first = null;
        for (JsonNode record : event.path("Records")) {
            total++;
            try {
                handle(record);
            } catch (RuntimeException e) {
                failed++;
                if (first == null) first = e;
                Log.error("document.check.failed").with("requestId", context == null ? null : context.getAwsRequestId())
                        .with("sequencer", record.path("s3").path("object").path("sequencer").asText(null)).error(e).write();
            }
        }
        if (failed > 0) {
            // the records that succeeded are idempotent: the retry of the whole event changes nothing for them
            throw new IllegalStateException(failed + " of " + total + " uploaded objects could not be checked; Lambda retries the event", first);
        }
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }

    /** One record of the event, read as S3 writes it. */
    DocumentCheck.Outcome handle(JsonNode record) {
        JsonNode object = record.path("s3").path("object");
        // AWS's published sample events carry "versionId": "" for an unversioned object: that is no version
        String versionId = Optional.ofNullable(Json.text(object, "versionId")).filter(v -> !v.isBlank()).orElse(null);
        return check.check(new DocumentCheck.Arrival(record.path("eventName").asText(""), record.path("s3").path("bucket").path("name").asText(""),
                decode(object.path("key").asText("")), versionId, Json.text(object, "eTag"), eventTime(record)));
    }

    /** S3 event keys are form-encoded (a space is '+'); null when the encoding is broken. */
    static String decode(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** When S3 created the object: the same on every delivery, so a retry writes the same document. */
    private static Instant eventTime(JsonNode record) {
        try {
            return Instant.parse(record.path("eventTime").asText(""));
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
