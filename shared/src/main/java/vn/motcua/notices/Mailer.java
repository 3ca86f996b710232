package vn.motcua.notices;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

import java.nio.charset.StandardCharsets;

/**
 * Where emails leave the system. {@link #send} answers the provider's message id; it throws
 * {@link Rejected} when this message can never be sent (a malformed address, a refused message):
 * the notice is then recorded as not sent. Any other exception is temporary (throttling, an outage):
 * the caller lets the queue retry.
 */
@FunctionalInterface
public interface Mailer {

    String send(Email email);

    /** The provider refused this very message; sending it again would fail again. */
    final class Rejected extends RuntimeException {
        private final String reason;

        public Rejected(String reason, Throwable cause) {
            super("message refused: " + reason, cause);
            this.reason = reason;
        }

        public String reason() { return reason; }
    }

    /**
     * SES v2 from {@code fromAddress}, through {@code configurationSet} (its event destinations see
     * bounces and complaints); blank configuration set: none. A throttled send (429) is retried by the
     * SDK's retry strategy before it reaches the caller.
     */
    static Mailer ses(SesV2Client ses, String fromAddress, String configurationSet) {
        if (fromAddress == null || fromAddress.isBlank()) throw new IllegalArgumentException("which sender address?");
        String utf8 = StandardCharsets.UTF_8.name();
        return email -> {
            try {
                return ses.sendEmail(b -> {
                    b.fromEmailAddress(fromAddress)
                            .destination(d -> d.toAddresses(email.to()))
                            .content(c -> c.simple(m -> m
                                    .subject(x -> x.data(email.subject()).charset(utf8))
                                    .body(body -> body.html(h -> h.data(email.html()).charset(utf8))
                                            .text(t -> t.data(email.text()).charset(utf8)))));
                    if (configurationSet != null && !configurationSet.isBlank()) b.configurationSetName(configurationSet);
                }).messageId();
            } catch (MessageRejectedException e) {
                throw new Rejected("MESSAGE_REJECTED", e);
            }
            // Anything else, a BadRequest included (a missing configuration set is one), is retried and ends in
            // the dead-letter queue: a setup mistake must not be recorded as "not sent" for every citizen.
        };
    }
}
