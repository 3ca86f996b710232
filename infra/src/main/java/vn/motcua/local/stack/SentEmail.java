package vn.motcua.local.stack;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message the local SES accepted, as aws-ses-v2-local's {@code GET /store} lists it.
 *
 * @param json the whole entry, for what the fields here leave out (attachments, headers, reply-to)
 */
public record SentEmail(String messageId, String from, List<String> to, List<String> cc, List<String> bcc,
                        String subject, String text, String html, Instant at, JsonNode json) {

    static SentEmail of(JsonNode e) {
        JsonNode destination = e.path("destination");
        return new SentEmail(e.path("messageId").asText(""), e.path("from").asText(""),
                strings(destination.path("to")), strings(destination.path("cc")), strings(destination.path("bcc")),
                e.path("subject").asText(""), e.path("body").path("text").asText(""),
                e.path("body").path("html").asText(""), Instant.ofEpochSecond(e.path("at").asLong()), e);
    }

    private static List<String> strings(JsonNode node) {
        var result = new ArrayList<String>();
        if (node.isArray()) node.forEach(n -> result.add(n.asText()));
        else if (node.isTextual() && !node.asText().isEmpty()) result.add(node.asText());
        return List.copyOf(result);
    }
}
