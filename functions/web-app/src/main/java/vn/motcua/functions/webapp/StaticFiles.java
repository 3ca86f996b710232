package vn.motcua.functions.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web app's files, read from this function's own resources under {@code web/}. Only names made
 * of safe segments with a known extension are looked up, so no path (dot segments, backslashes,
 * encoded separators) can reach anything else on the class path. Each file is read once per
 * container, with its ETag.
 */
final class StaticFiles {

    /** One file, ready to send: text, or base64 of a binary file (the forms' font). */
    record File(String name, String contentType, String body, String etag, boolean base64) {}

    /** The binary files the app serves: the font of the printed forms. */
    private static final Map<String, String> BINARY = Map.of("woff2", "font/woff2");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    /** Segments of letters, digits, '-', '_' and inner dots; the last one with an extension. */
    private static final Pattern SAFE = Pattern.compile("([a-z0-9_-]+(\\.[a-z0-9_-]+)*/)*[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.[a-z0-9]+");

    private final String root;
    private final ClassLoader loader;
    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    StaticFiles(String root, ClassLoader loader) {
        this.root = root;
        this.loader = loader;
    }

    /** The file at a path relative to the app's root ({@code app.js}, {@code screens/board.js}), if there is one. */
    Optional<File> find(String path) {
        if (path == null || path.length() > 200 || !SAFE.matcher(path).matches()) return Optional.empty();
        return cache.computeIfAbsent(path, this::read);
    }

    private Optional<File> read(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean binary = BINARY.containsKey(extension);
        String type = binary ? BINARY.get(extension) : TYPES.get(extension);
        if (type == null) return Optional.empty();
        try (InputStream in = loader.getResourceAsStream(root + "/" + path)) {
            if (in == null) return Optional.empty();
            byte[] bytes = in.readAllBytes();
            String body = binary ? java.util.Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
            return Optional.of(new File(path, type, body, etag(bytes), binary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web/" + path, e);
        }
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
