package vn.motcua.desk;

import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules both sides of an upload share: what the presign route hands out and what the
 * ObjectCreated check accepts. The key layout {@code dossiers/<code>/<documentId>/<file name>}
 * puts every document under its dossier's own prefix; the documentId (a random UUID per upload)
 * keeps two files with the same name apart and is what download links name.
 */
public final class DocumentUpload {

    public static final String PREFIX = "dossiers/";
    public static final String QUARANTINE = "quarantine/";
    /** 20 MiB: a scanned dossier page in colour is well under 5; overridable by MAX_DOCUMENT_BYTES ({@link #maxBytes}). */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    /** Code points; S3 allows 1024 bytes per key and a Vietnamese letter takes up to 3. */
    public static final int MAX_FILE_NAME_LENGTH = 200;

    private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Path separators are refused separately; these make trouble in HTML, shells or Windows downloads. */
    private static final String FORBIDDEN = "<>:\"|?*";

    private DocumentUpload() {}

    /** The types the desk takes, each with the first bytes that prove it. */
    public enum Type {
        PDF("application/pdf", new byte[]{'%', 'P', 'D', 'F', '-'}, "pdf"),
        JPEG("image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "jpg", "jpeg"),
        PNG("image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "png");

        /** Enough of a file's start to recognise any of the types. */
        public static final int SNIFF_BYTES = 16;

        private final String contentType;
        private final byte[] magic;
        private final String[] extensions;

        Type(String contentType, byte[] magic, String... extensions) {
            this.contentType = contentType;
            this.magic = magic;
            this.extensions = extensions;
        }

        public String contentType() { return contentType; }

        public static Optional<Type> ofContentType(String contentType) {
            if (contentType == null) return Optional.empty();
            String bare = contentType.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(t -> t.contentType.equals(bare)).findFirst();
        }

        /** The type the bytes start with, or empty (an HTML page, a ZIP, an empty file...). */
        public static Optional<Type> sniff(byte[] head) {
            return Arrays.stream(values()).filter(t -> head.length >= t.magic.length
                    && Arrays.equals(head, 0, t.magic.length, t.magic, 0, t.magic.length)).findFirst();
        }

        boolean fits(String fileName) {
            int dot = fileName.lastIndexOf('.');
            String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            return Arrays.asList(extensions).contains(ext);
        }
    }

    /**
     * The file name as it will be stored: trimmed, NFC (a name typed on a Mac arrives decomposed),
     * a single path segment with nothing that could climb out of the dossier's prefix or break a page.
     */
    public static String fileName(String raw) throws BadInput {
        if (raw == null || raw.isBlank()) {
            throw new BadInput("FILE_NAME_REQUIRED", "Cần có tên tệp.", "fileName");
        }
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (name.codePointCount(0, name.length()) > MAX_FILE_NAME_LENGTH) {
            throw new BadInput("FILE_NAME_TOO_LONG", "Tên tệp quá dài (tối đa " + MAX_FILE_NAME_LENGTH + " ký tự).", "fileName");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.equals(".")) {
            throw new BadInput("UNSAFE_FILE_NAME", "Tên tệp không được chứa dấu «/», «\\» hoặc «..».", "fileName");
        }
        if (name.codePoints().anyMatch(DocumentUpload::invisible)) {
            throw new BadInput("UNSAFE_FILE_NAME", "Tên tệp chứa ký tự điều khiển hoặc ký tự ẩn không hợp lệ.", "fileName");
        }
        if (name.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0)) {
            throw new BadInput("UNSAFE_FILE_NAME", "Tên tệp không được chứa các ký tự < > : \" | ? *.", "fileName");
        }
        return name;
    }

    /** Control, format (e.g. right-to-left override, which disguises "gpj.exe" as "exe.jpg"), line separators, lone surrogates. */
    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    /** The declared type, checked against the list and the name's extension. */
    public static Type type(String contentType, String fileName) throws BadInput {
        Type type = Type.ofContentType(contentType).orElseThrow(() -> new BadInput("UNSUPPORTED_CONTENT_TYPE",
                "Chỉ nhận tệp PDF, JPEG hoặc PNG.", "contentType"));
        if (!type.fits(fileName)) {
            throw new BadInput("FILE_EXTENSION_MISMATCH", "Phần mở rộng của tên tệp phải khớp với loại tệp ("
                    + String.join(", ", Arrays.stream(type.extensions).map(e -> "." + e).toList()) + ").", "fileName");
        }
        return type;
    }

    /**
     * The size limit from its setting ({@code MAX_DOCUMENT_BYTES}: the presign route and the
     * ObjectCreated check must share it), 20 MiB when unset. The caller reads the setting: this
     * class knows the rule, not where the configuration lives.
     */
    public static long maxBytes(Optional<String> configured) {
        String value = configured.orElse(String.valueOf(DEFAULT_MAX_BYTES));
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes > 0) return bytes;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("MAX_DOCUMENT_BYTES must be a positive number of bytes, got '" + value + "'");
    }

    /** Megabytes as a clerk reads them. */
    public static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** Where one upload lives: under its dossier's prefix, in a folder of its own. */
    public record Key(DossierCode code, String documentId, String fileName) {

        public static Key fresh(DossierCode code, String fileName) {
            return new Key(code, UUID.randomUUID().toString(), fileName);
        }

        /**
         * Reads a key that S3 reported (already URL-decoded). Empty for anything this system did not
         * hand out: another prefix, a bad code or id, a name that would not pass {@link #fileName}
         * as it is (so no "..", no separators, NFC).
         */
        public static Optional<Key> parse(String key) {
            if (key == null || !key.startsWith(PREFIX)) return Optional.empty();
            String[] parts = key.substring(PREFIX.length()).split("/", -1);
            if (parts.length != 3 || !DossierCode.isValid(parts[0]) || !isDocumentId(parts[1])) return Optional.empty();
            try {
                if (!DocumentUpload.fileName(parts[2]).equals(parts[2])) return Optional.empty();
            } catch (BadInput e) {
                return Optional.empty();
            }
            return Optional.of(new Key(new DossierCode(parts[0]), parts[1], parts[2]));
        }

        public static boolean isDocumentId(String id) { return id != null && DOCUMENT_ID.matcher(id).matches(); }

        /** {@code dossiers/<code>/<documentId>/}: every key of this document starts so. */
        public static String prefix(DossierCode code, String documentId) {
            return PREFIX + code.value() + "/" + documentId + "/";
        }

        public String value() { return prefix(code, documentId) + fileName; }

        @Override
        public String toString() { return value(); }
    }
}
