package vn.motcua.functions.documents;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.Environment;
import vn.motcua.aws.Priming;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.desk.DocumentUpload.Key;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpFunction;
import vn.motcua.edge.HttpRequest;
import vn.motcua.edge.HttpResponse;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.store.DossierRepository;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Documents of a dossier, for the desk:
 * <ul>
 * <li>{@code POST /dossiers/{code}/documents} {@code {fileName, contentType, size}}: a presigned PUT
 *     for a new key under the dossier's prefix, bound to that content type and length and to the
 *     clerk (object metadata {@code uploaded-by}), valid 10 minutes. The browser uploads straight to
 *     S3; the document-received function checks the file and registers it on the dossier.</li>
 * <li>{@code GET /dossiers/{code}/documents/{documentId}/link}: a presigned GET of a document
 *     registered on that dossier, valid 5 minutes, served as an attachment.</li>
 * </ul>
 */
public final class DocumentsHandler extends HttpFunction {

    static final String PRESIGN_ROUTE = "POST /dossiers/{code}/documents";
    static final String LINK_ROUTE = "GET /dossiers/{code}/documents/{documentId}/link";
    static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(10);
    static final Duration DOWNLOAD_VALIDITY = Duration.ofMinutes(5);
    /** The metadata key S3 stores as {@code x-amz-meta-uploaded-by}. */
    static final String UPLOADED_BY = "uploaded-by";
    /** What S3 accepts in a metadata value without encoding; a Cognito sub is a UUID. */
    private static final Pattern METADATA_SAFE = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    private final DossierRepository dossiers;
    private final S3Presigner presigner;
    private final String bucket;
    private final long maxBytes;

    public DocumentsHandler() {
        this(new DossierRepository(AwsClients.dynamoDb(), Environment.require("DOSSIER_TABLE")), AwsClients.s3Presigner(),
                Environment.require("DOCUMENTS_BUCKET"), DocumentUpload.maxBytes(Environment.get("MAX_DOCUMENT_BYTES")));
        // an upload for a dossier that does not exist (404 after its checks and one read), then one link
        // presigned: signing is local, nothing is stored
        Priming.register("DocumentsHandler", List.of(DynamoDbClient.class, S3Client.class), () -> {
            Priming.invoke(this, Priming.canned(getClass(), "priming/documents.json"));
            upload(bucket, "dossiers/priming", DocumentUpload.Type.PDF, 1, Map.of());
        });
    }

    DocumentsHandler(DossierRepository dossiers, S3Presigner presigner, String bucket, long maxBytes) {
        this.dossiers = dossiers;
        this.presigner = presigner;
        this.bucket = bucket;
        this.maxBytes = maxBytes;
    }

    @Override
    protected HttpResponse handle(HttpRequest request, Context context) throws BadInput {
        var staff = request.staffIn("desk");
        String route = request.routeKey() == null ? "" : request.routeKey();
        return switch (route) {
            case PRESIGN_ROUTE -> presignUpload(request, staff);
            case LINK_ROUTE -> downloadLink(request);
            default -> throw BadInput.noSuchRoute(request.routeKey());
        };
    }

    // ---- upload --------------------------------------------------------------------------------

    private HttpResponse presignUpload(HttpRequest request, HttpRequest.Staff staff) throws BadInput {
        DossierCode code = code(request);
        JsonNode body = request.jsonBody();
        if (!body.isObject()) throw new BadInput("INVALID_BODY", "Nội dung gửi lên phải là một đối tượng JSON.", "body");
        String fileName = DocumentUpload.fileName(text(body, "fileName"));
        var type = DocumentUpload.type(text(body, "contentType"), fileName);
        long size = size(body.get("size"));
        Dossier dossier = openDossier(code);

        Key key = Key.fresh(dossier.code(), fileName);
        Map<String, String> metadata = METADATA_SAFE.matcher(staff.id()).matches() ? Map.of(UPLOADED_BY, staff.id()) : Map.of();
        var presigned = upload(bucket, key.value(), type, size, metadata);

        ObjectNode answer = Json.object().put("documentId", key.documentId()).put("key", key.value()).put("fileName", fileName);
        ObjectNode upload = answer.putObject("upload").put("method", "PUT").put("url", presigned.url().toString())
                .put("expiresAt", presigned.expiration().toString());
        // Every signed header but host; the browser sets content-length itself from the file's size.
        ObjectNode headers = upload.putObject("headers");
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) headers.put(name, String.join(",", values));
        });
        upload.put("contentLength", size);
        Log.info("document.upload.presigned").with("dossier", code).with("documentId", key.documentId())
                .with("contentType", type.contentType()).with("size", size).with("requestId", request.requestId()).write();
        return HttpResponse.ok(answer).withHeader("cache-control", "no-store");
    }

    /** A PUT link bound to the type, the exact length and the metadata: S3 refuses an upload that differs in any. */
    private PresignedPutObjectRequest upload(String bucket, String key, DocumentUpload.Type type, long size, Map<String, String> metadata) {
        var put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(type.contentType()).contentLength(size).metadata(metadata);
        return presigner.presignPutObject(p -> p.signatureDuration(UPLOAD_VALIDITY).putObjectRequest(put.build()));
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

    // ---- download ------------------------------------------------------------------------------

    private HttpResponse downloadLink(HttpRequest request) throws BadInput {
        DossierCode code = code(request);
        String documentId = request.pathParameter("documentId");
        if (!Key.isDocumentId(documentId)) {
            throw new BadInput("INVALID_DOCUMENT_ID", "Mã tài liệu không hợp lệ.", "documentId");
        }
        Dossier dossier = find(code);
        String prefix = Key.prefix(code, documentId);
        DossierDocument document = dossier.documents().stream().filter(d -> d.key().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new BadInput(404, "UNKNOWN_DOCUMENT", "Hồ sơ " + code
                        + " không có tài liệu này (tài liệu chưa được kiểm tra xong, hoặc thuộc hồ sơ khác).", List.of()));
        var get = GetObjectRequest.builder().bucket(bucket).key(document.key())
                .responseContentDisposition(attachment(document.name())).build();
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(DOWNLOAD_VALIDITY).getObjectRequest(get));
        ObjectNode answer = Json.object().put("documentId", documentId).put("name", document.name())
                .put("sizeBytes", document.sizeBytes()).put("checksum", document.checksum())
                .put("url", presigned.url().toString()).put("expiresAt", presigned.expiration().toString());
        Log.info("document.link.issued").with("dossier", code).with("documentId", documentId)
                .with("requestId", request.requestId()).write();
        return HttpResponse.ok(answer).withHeader("cache-control", "no-store");
    }

    /** RFC 6266: an ASCII fallback name and the real one, UTF-8 percent-encoded (RFC 8187). */
    static String attachment(String name) {
        String ascii = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    // ---- shared --------------------------------------------------------------------------------

    private static DossierCode code(HttpRequest request) throws BadInput {
        String code = request.pathParameter("code");
        if (!DossierCode.isValid(code)) {
            throw new BadInput("INVALID_DOSSIER_CODE", "Mã hồ sơ không hợp lệ (ví dụ đúng: 000.00.53.H48-220921-0099).", "code");
        }
        return new DossierCode(code);
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
