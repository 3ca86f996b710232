package vn.motcua.departments;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The signing scheme between Một Cửa and a department, the same in both directions (our callbacks
 * to the department, the department's updates to us):
 *
 * <pre>
 *   X-MotCua-Timestamp: 1583118002                      (Unix seconds, UTC)
 *   X-MotCua-Signature: v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;
 * </pre>
 *
 * The timestamp is inside the MAC so an old request cannot be replayed with a fresh header; the
 * receiver also refuses timestamps outside {@link #WINDOW} and message ids it has already seen.
 * Comparison is constant-time. The "v1=" prefix leaves room to rotate the scheme.
 */
public final class RequestSignature {

    public static final String TIMESTAMP_HEADER = "X-MotCua-Timestamp";
    public static final String SIGNATURE_HEADER = "X-MotCua-Signature";
    /** How far a request's timestamp may be from the receiver's clock, either way. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private static final String VERSION = "v1=";

    private RequestSignature() {}

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code timestamp}. */
    public static String sign(byte[] secret, long timestamp, byte[] body) {
        return VERSION + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    public static String sign(byte[] secret, long timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Why a request was refused, or {@link Verdict#VALID}. */
    public enum Verdict {
        VALID, MISSING_HEADERS, MALFORMED, STALE_TIMESTAMP, BAD_SIGNATURE;

        public boolean valid() { return this == VALID; }
    }

    /**
     * Checks the two header values (either may be null) against {@code body} as received, byte for
     * byte: re-serialising the JSON first would break signatures over equivalent but different text.
     */
    public static Verdict verify(byte[] secret, String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null || timestampHeader.isBlank() || signatureHeader.isBlank()) {
            return Verdict.MISSING_HEADERS;
        }
        long timestamp;
        byte[] presented;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
            String value = signatureHeader.trim();
            if (!value.startsWith(VERSION)) return Verdict.MALFORMED;
            presented = HexFormat.of().parseHex(value.substring(VERSION.length()).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > WINDOW.toSeconds()) return Verdict.STALE_TIMESTAMP;
        return MessageDigest.isEqual(presented, mac(secret, timestamp, body)) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    private static byte[] mac(byte[] secret, long timestamp, byte[] body) {
        if (secret == null || secret.length < 32) throw new IllegalArgumentException("a signing secret is at least 32 bytes");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
