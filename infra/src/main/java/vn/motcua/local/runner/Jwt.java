package vn.motcua.local.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compact JWTs signed with HS256, for the local run only: Cognito signs with RS256 and publishes
 * its keys, but a local issuer and verifier in one process can share a secret instead.
 */
final class Jwt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"motcua-local\"}";

    /** Why a token was refused, in the words API Gateway puts in its www-authenticate header. */
    static final class Invalid extends Exception {
        Invalid(String reason) { super(reason); }
    }

    private final byte[] key;

    Jwt(byte[] key) {
        if (key.length < 32) throw new IllegalArgumentException("an HS256 key needs at least 32 bytes");
        this.key = key.clone();
    }

    String sign(Map<String, Object> claims) {
        try {
            String signed = ENCODER.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                    + ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
            return signed + "." + ENCODER.encodeToString(mac(signed));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The claims of a token signed with this key; expiry and audience are the authorizer's business. */
    Map<String, Object> verify(String token) throws Invalid {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) throw new Invalid("the token is not a JWT");
        try {
            var header = JSON.readTree(DECODER.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) throw new Invalid("the token is not signed by the local sign-in");
            byte[] signature = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
                throw new Invalid("the token signature is invalid");
            }
            Map<String, Object> claims = JSON.readValue(DECODER.decode(parts[1]), new TypeReference<LinkedHashMap<String, Object>>() {});
            return claims;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new Invalid("the token is not a JWT");
        }
    }

    private byte[] mac(String signed) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
