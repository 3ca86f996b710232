package vn.motcua.local.stack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One SMS the local SNS (moto) accepted, as moto's {@code GET /moto-api/data.json} lists it under
 * {@code sns.SMS}: what SNS would have handed to the network.
 *
 * @param to the number in E.164 form
 */
public record SentSms(String messageId, String to, String text) {

    static SentSms of(JsonNode e) {
        return new SentSms(e.path("message_id").asText(""), e.path("phone_number").asText(""), e.path("message").asText(""));
    }
}
