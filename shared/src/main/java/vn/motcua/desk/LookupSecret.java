package vn.motcua.desk;

import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The short secret printed on the receipt beside the dossier code: the code alone is guessable
 * (agency, date, sequence), so the public lookup asks for both. Only a hash bound to the code is
 * stored ({@link Dossier#lookupSecret()} holds {@code sha256:<hex>}); the plain secret exists on
 * the receipt and in the citizen's email.
 */
public final class LookupSecret {

    /** No 0/O, 1/I/L: read aloud at a counter or typed from paper without mistakes. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    public static final int LENGTH = 8;
    private static volatile SecureRandom random = new SecureRandom();
    /** Restored copies of one SnapStart snapshot must not share a random source's state: a new one after each restore. */
    private static final vn.motcua.aws.Priming.Renewable RESEED = () -> random = new SecureRandom();

    static {
        vn.motcua.aws.Priming.renewAfterRestore(RESEED);
    }

    private LookupSecret() {}

    public static String generate() {
        var chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return new String(chars);
    }

    /** What the dossier stores: a hash of the code and the secret (case and spaces ignored). */
    public static String hash(DossierCode code, String secret) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(code.value().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(normalize(secret).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the citizen's secret opens this dossier; constant time, so timing tells nothing. */
    public static boolean matches(Dossier dossier, String secret) {
        if (secret == null || secret.isBlank()) return false;
        byte[] expected = dossier.lookupSecret().getBytes(StandardCharsets.UTF_8);
        byte[] given = hash(dossier.code(), secret).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    private static String normalize(String secret) {
        return secret == null ? "" : secret.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
