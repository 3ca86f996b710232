package vn.motcua.notices;

/**
 * How many SMS parts a text takes, as the networks bill it: GSM 03.38's 7-bit alphabet when every character is
 * in it (160 characters in one part, 153 per part of a longer one; a character of the extension table, such as
 * {@code €} or {@code [}, takes two), else UCS-2 (70 in one part, 67 per part; a character outside the BMP takes
 * two). Any Vietnamese letter with a diacritic (ạ, ê, đ, ư...) is outside GSM-7, so a text with diacritics is
 * UCS-2 all through. Written here because no library on this project's path counts segments (the SDK sends, it
 * does not count); the tables are the standard's.
 */
public final class SmsSegments {

    /** GSM 03.38 basic character set, in table order (0x00..0x7F); ESC (0x1B) is not a character of its own. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each costs an escape and the character, two septets. */
    private static final String EXTENDED = "\f^{}\\[~]|€";

    public enum Encoding { GSM7, UCS2 }

    /** A text's encoding, length in the encoding's units, and parts. */
    public record Count(Encoding encoding, int units, int segments) {}

    private SmsSegments() {}

    public static Count count(String text) {
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            char c = text.charAt(i);
            if (c != '\u001B' && BASIC.indexOf(c) >= 0) septets++;
            else if (EXTENDED.indexOf(c) >= 0) septets += 2;
            else gsm = false;
        }
        if (gsm) return new Count(Encoding.GSM7, septets, segments(septets, 160, 153));
        int units = text.length(); // UTF-16 code units: what UCS-2 (UTF-16 on the air) spends
        return new Count(Encoding.UCS2, units, segments(units, 70, 67));
    }

    private static int segments(int units, int single, int perPart) {
        if (units == 0) return 1;
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
