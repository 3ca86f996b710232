package vn.motcua.departments;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.departments.RequestSignature.Verdict.*;

class RequestSignatureTest {

    private static final byte[] SECRET = "dev-secret-so-khoa-hoc-cong-nghe-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"messageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final long T = 1_583_118_002L;
    private static final Instant NOW = Instant.ofEpochSecond(T + 30);

    @Test
    void matchesTheWorkedExampleInTheIntegrationGuide() {
        // printf '1583118002.{"messageId":"m-1"}' | openssl dgst -sha256 -hmac 'dev-secret-so-khoa-hoc-cong-nghe-0123456789'
        assertThat(RequestSignature.sign(SECRET, T, BODY))
                .isEqualTo("v1=6cc4a78d399515cbc70da2ffe2474c03d3d35b72df419541994d9a1230e29990");
    }

    @Test
    void acceptsItsOwnSignatureWithinTheWindow() {
        String signature = RequestSignature.sign(SECRET, T, BODY);
        assertThat(RequestSignature.verify(SECRET, Long.toString(T), signature, BODY, NOW)).isEqualTo(VALID);
        assertThat(RequestSignature.verify(SECRET, Long.toString(T), signature.toUpperCase().replace("V1=", "v1="), BODY, NOW)).isEqualTo(VALID);
    }

    @Test
    void refusesAChangedBodyAnotherSecretOrAMovedTimestamp() {
        String signature = RequestSignature.sign(SECRET, T, BODY);
        byte[] other = "another-department-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSignature.verify(SECRET, Long.toString(T), signature, "{\"messageId\":\"m-2\"}".getBytes(), NOW)).isEqualTo(BAD_SIGNATURE);
        assertThat(RequestSignature.verify(other, Long.toString(T), signature, BODY, NOW)).isEqualTo(BAD_SIGNATURE);
        assertThat(RequestSignature.verify(SECRET, Long.toString(T + 1), signature, BODY, NOW)).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void refusesStaleOrFutureTimestampsEvenWhenSigned() {
        long old = NOW.getEpochSecond() - RequestSignature.WINDOW.toSeconds() - 1;
        long future = NOW.getEpochSecond() + RequestSignature.WINDOW.toSeconds() + 1;
        assertThat(RequestSignature.verify(SECRET, Long.toString(old), RequestSignature.sign(SECRET, old, BODY), BODY, NOW)).isEqualTo(STALE_TIMESTAMP);
        assertThat(RequestSignature.verify(SECRET, Long.toString(future), RequestSignature.sign(SECRET, future, BODY), BODY, NOW)).isEqualTo(STALE_TIMESTAMP);
    }

    @Test
    void namesMissingAndMalformedHeaders() {
        assertThat(RequestSignature.verify(SECRET, null, "v1=00", BODY, NOW)).isEqualTo(MISSING_HEADERS);
        assertThat(RequestSignature.verify(SECRET, "1", " ", BODY, NOW)).isEqualTo(MISSING_HEADERS);
        assertThat(RequestSignature.verify(SECRET, "yesterday", "v1=00", BODY, NOW)).isEqualTo(MALFORMED);
        assertThat(RequestSignature.verify(SECRET, Long.toString(T), "sha256=00", BODY, NOW)).isEqualTo(MALFORMED);
        assertThat(RequestSignature.verify(SECRET, Long.toString(T), "v1=zz", BODY, NOW)).isEqualTo(MALFORMED);
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> RequestSignature.sign("short".getBytes(), T, BODY)).isInstanceOf(IllegalArgumentException.class);
    }
}
