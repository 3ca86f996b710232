package vn.motcua.functions.documentreceived;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.bench.typical.SdkS3Objects;
import vn.motcua.bench.typical.TypicalClients;
import vn.motcua.edge.Json;
import vn.motcua.store.DossierRepository;

/**
 * TYPICAL-DEVELOPER VERSION of {@link DocumentReceivedHandler} (benchmark only): Lambda's {@code S3Event}
 * POJO through the runtime's default serialization, default SDK clients, then the same logic per record.
 */
public final class TypicalDocumentReceivedHandler implements RequestHandler<S3Event, Void> {
    private final DocumentReceivedHandler handler = new DocumentReceivedHandler(
            new DossierRepository(TypicalClients.dynamoDb(), TypicalClients.env("DOSSIER_TABLE")), new SdkS3Objects(TypicalClients.s3()),
            Long.parseLong(TypicalClients.env("MAX_DOCUMENT_BYTES")));

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (var r : event.getRecords()) {
            ObjectNode record = Json.object();
            record.put("eventName", r.getEventName());
            record.put("eventTime", r.getEventTime() == null ? null : r.getEventTime().toString());
            ObjectNode s3 = record.putObject("s3");
            s3.putObject("bucket").put("name", r.getS3().getBucket().getName());
            var o = r.getS3().getObject();
            s3.putObject("object").put("key", o.getKey()).put("size", o.getSizeAsLong()).put("eTag", o.geteTag())
                    .put("versionId", o.getVersionId()).put("sequencer", o.getSequencer());
            handler.handle(record);
        }
        return null;
    }
}
