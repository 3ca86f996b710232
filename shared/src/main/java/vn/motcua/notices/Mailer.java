package vn.motcua.notices;

import vn.motcua.aws.AwsCallFailed;
import vn.motcua.aws.SesEmails;

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
     * bounces and complaints); blank configuration set: none.
     */
    static Mailer ses(SesEmails ses, String fromAddress, String configurationSet) {
        if (fromAddress == null || fromAddress.isBlank()) throw new IllegalArgumentException("which sender address?");
        return email -> {
            try {
                return ses.send(fromAddress, email.to(), email.subject(), email.html(), email.text(), configurationSet);
            } catch (AwsCallFailed e) {
                if (e.status() >= 400 && e.status() < 500 && "MessageRejected".equals(e.code())) throw new Rejected("MESSAGE_REJECTED", e);
                // Anything else, a BadRequest included (a missing configuration set is one), is retried and ends in
                // the dead-letter queue: a setup mistake must not be recorded as "not sent" for every citizen.
                throw e;
            }
        };
    }
}
