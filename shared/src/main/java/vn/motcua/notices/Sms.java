package vn.motcua.notices;

/**
 * One SMS, rendered and addressed: personal data (the number), so it never goes into a log.
 *
 * @param to the phone number in E.164 form, e.g. {@code +84905123456}
 */
public record Sms(String to, String text) {

    public Sms {
        if (to == null || !to.matches("\\+[1-9]\\d{7,14}")) throw new IllegalArgumentException("an SMS needs an E.164 number");
        if (text == null || text.isBlank()) throw new IllegalArgumentException("an SMS needs its text");
    }

    /** A Vietnamese number as the desk stores it ({@code 0905123456}) in E.164 ({@code +84905123456}). */
    public static String e164(String vietnamesePhone) {
        if (vietnamesePhone == null || !vietnamesePhone.matches("0[1-9]\\d{8,9}")) {
            throw new IllegalArgumentException("not a Vietnamese phone number in national form");
        }
        return "+84" + vietnamesePhone.substring(1);
    }
}
