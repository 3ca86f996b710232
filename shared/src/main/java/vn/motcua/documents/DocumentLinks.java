package vn.motcua.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.desk.DocumentUpload.Key;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.store.Dossiers;
import vn.motcua.store.LinkSigner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The links the desk gets to a dossier's documents:
 * <ul>
 * <li>an upload: a presigned PUT for a new key under the dossier's prefix, bound to the file's content type
 *     and length and to the clerk (object metadata {@code uploaded-by}), valid 10 minutes; the browser uploads
 *     straight to S3, and {@link DocumentCheck} checks the file and registers it on the dossier;</li>
 * <li>a download: a presigned GET of a document registered on that dossier, valid 5 minutes, served as an
 *     attachment.</li>
 * </ul>
 */
public record DocumentLinks(Dossiers dossiers, LinkSigner signer, long maxBytes) {

    public static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(10);
    public static final Duration DOWNLOAD_VALIDITY = Duration.ofMinutes(5);

    /** {@code {fileName, contentType, size}} checked, the dossier open, then the upload link. */
    public ObjectNode upload(String clerkId, DossierCode code, JsonNode body, String requestId) throws BadInput {
        if (!body.isObject()) throw new BadInput("INVALID_BODY", "Nội dung gửi lên phải là một đối tượng JSON.", "body");
        String fileName = DocumentUpload.fileName(text(body, "fileName"));
        var type = DocumentUpload.type(text(body, "contentType"), fileName);
        long size = size(body.get("size"));
        Dossier dossier = openDossier(code);

        Key key = Key.fresh(dossier.code(), fileName);
        // the digitisation record (Circular 01/2023) travels with the scan: who, which dossier and document, when
        Map<String, String> metadata = Digitisation.metadata(clerkId, key, java.time.Instant.now());
        // S3 refuses an upload that differs in type, length or metadata from what was signed
        var link = signer.upload(key.value(), type.contentType(), size, metadata, UPLOAD_VALIDITY);

        ObjectNode answer = Json.object().put("documentId", key.documentId()).put("key", key.value()).put("fileName", fileName);
        ObjectNode upload = answer.putObject("upload").put("method", "PUT").put("url", link.url().toString())
                .put("expiresAt", link.expiresAt().toString());
        // Every signed header but host; the browser sets content-length itself from the file's size.
        ObjectNode headers = upload.putObject("headers");
        link.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) headers.put(name, String.join(",", values));
        });
        upload.put("contentLength", size);
        Log.info("document.upload.presigned").with("dossier", code).with("documentId", key.documentId())
                .with("contentType", type.contentType()).with("size", size).with("requestId", requestId).write();
        return answer;
    }

    /** The download link of a document registered on the dossier; 404 for one that is not (yet) there. */
    public ObjectNode download(DossierCode code, String documentId, String requestId) throws BadInput {
        if (!Key.isDocumentId(documentId)) throw new BadInput("INVALID_DOCUMENT_ID", "Mã tài liệu không hợp lệ.", "documentId");
        Dossier dossier = find(code);
        String prefix = Key.prefix(code, documentId);
        DossierDocument document = dossier.documents().stream().filter(d -> d.key().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new BadInput(404, "UNKNOWN_DOCUMENT", "Hồ sơ " + code
                        + " không có tài liệu này (tài liệu chưa được kiểm tra xong, hoặc thuộc hồ sơ khác).", List.of()));
        var link = signer.download(document.key(), document.versionId(), attachment(document.name()), DOWNLOAD_VALIDITY); // the registered bytes
        ObjectNode answer = Json.object().put("documentId", documentId).put("name", document.name())
                .put("sizeBytes", document.sizeBytes()).put("checksum", document.checksum())
                .put("url", link.url().toString()).put("expiresAt", link.expiresAt().toString());
        Log.info("document.link.issued").with("dossier", code).with("documentId", documentId).with("requestId", requestId).write();
        return answer;
    }

    /** RFC 6266: an ASCII fallback name and the real one, UTF-8 percent-encoded (RFC 8187). */
    public static String attachment(String name) {
        String ascii = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private long size(JsonNode size) throws BadInput {
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 1) {
            throw new BadInput("INVALID_SIZE", "Dung lượng tệp (size) phải là số byte nguyên, lớn hơn 0.", "size");
        }
        if (size.asLong() > maxBytes) {
            throw new BadInput(413, "FILE_TOO_LARGE", "Tệp vượt quá dung lượng cho phép (tối đa "
                    + DocumentUpload.megabytes(maxBytes) + ").", List.of(new BadInput.FieldError("size", "Tệp quá lớn.")));
        }
        return size.asLong();
    }

    private Dossier openDossier(DossierCode code) throws BadInput {
        Dossier dossier = find(code);
        if (Lifecycle.next(dossier.state(), EventKind.DOCUMENT_ATTACHED).isEmpty()) {
            throw new BadInput(409, "DOSSIER_CLOSED", "Hồ sơ " + code + " đang ở trạng thái «" + dossier.state().label()
                    + "», không nhận thêm tài liệu.", List.of());
        }
        return dossier;
    }

    private Dossier find(DossierCode code) throws BadInput {
        return dossiers.find(code).orElseThrow(() -> new BadInput(404, "UNKNOWN_DOSSIER", "Không tìm thấy hồ sơ " + code + ".", List.of()));
    }

    private static String text(JsonNode body, String field) throws BadInput {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new BadInput("INVALID_FIELD", "Trường " + field + " phải là chuỗi ký tự.", field);
        }
        return value == null || value.isNull() ? null : value.asText();
    }
}
