package vn.motcua.notices;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Where SMS leave the system. {@link #send} answers the provider's message id; it throws {@link Mailer.Rejected}
 * when this very message can never be sent (a number the provider refuses): the notice is then recorded as not
 * sent. Any other exception is temporary (throttling, an outage, the monthly spend limit reached): the caller lets
 * the queue retry.
 */
@FunctionalInterface
public interface Texter {

    String send(Sms sms);

    /**
     * SNS, published straight to the phone number (no topic), as a transactional SMS (delivered even to numbers
     * that opted out of promotional messages, and routed for reliability) from {@code senderId}, the registered
     * brandname; blank: the country's default route (Vietnam's networks drop unregistered senders).
     */
    static Texter sns(SnsClient sns, String senderId) {
        var attributes = new HashMap<String, MessageAttributeValue>();
        attributes.put("AWS.SNS.SMS.SMSType", text("Transactional"));
        if (senderId != null && !senderId.isBlank()) attributes.put("AWS.SNS.SMS.SenderID", text(senderId.strip()));
        Map<String, MessageAttributeValue> fixed = Map.copyOf(attributes);
        return sms -> {
            try {
                return sns.publish(p -> p.phoneNumber(sms.to()).message(sms.text()).messageAttributes(fixed)).messageId();
            } catch (InvalidParameterException | InvalidParameterValueException e) {
                // Only a refused number is this message's own fault; a bad sender id or attribute is a setup
                // mistake, retried and dead-lettered, never recorded as "not sent" for every applicant.
                if (String.valueOf(e.getMessage()).contains("PhoneNumber")) throw new Mailer.Rejected("SMS_REJECTED", e);
                throw e;
            }
        };
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
