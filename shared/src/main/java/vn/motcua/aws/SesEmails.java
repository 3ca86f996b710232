package vn.motcua.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * SES v2 {@code SendEmail} as one signed REST-JSON call ({@code POST /v2/email/outbound-emails}) instead
 * of the SES v2 module (3 MiB): the one SES call the functions make. Endpoint
 * {@code https://email.<region>.amazonaws.com} or {@code AWS_ENDPOINT_URL_SESV2}. A refusal is an
 * {@link AwsCallFailed} with SES's error code ({@code MessageRejected}, ...).
 */
public final class SesEmails implements AutoCloseable {

    private static final String UTF_8 = "UTF-8";

    private final SignedJson calls;

    SesEmails(AwsSettings settings) {
        this.calls = new SignedJson(settings, AwsSettings.SESV2, "ses", "email");
    }

    /**
     * Sends a simple message (subject, HTML and text parts, all UTF-8) to one address; answers SES's
     * message id. A blank {@code configurationSet} means none.
     */
    public String send(String from, String to, String subject, String html, String text, String configurationSet) {
        ObjectNode request = Json.object();
        request.put("FromEmailAddress", from);
        request.putObject("Destination").putArray("ToAddresses").add(to);
        ObjectNode simple = request.putObject("Content").putObject("Simple");
        simple.putObject("Subject").put("Data", subject).put("Charset", UTF_8);
        ObjectNode body = simple.putObject("Body");
        body.putObject("Html").put("Data", html).put("Charset", UTF_8);
        body.putObject("Text").put("Data", text).put("Charset", UTF_8);
        if (configurationSet != null && !configurationSet.isBlank()) request.put("ConfigurationSetName", configurationSet);
        String answer = calls.post("SendEmail", "/v2/email/outbound-emails", Map.of("Content-Type", "application/json"),
                Json.write(request));
        try {
            JsonNode root = Json.tree(answer);
            return root == null ? null : root.path("MessageId").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("SendEmail: the answer is not JSON", e);
        }
    }

    @Override
    public void close() {
        calls.close();
    }
}
