package vn.motcua.documents;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upload and download links on in-memory ports, signed offline as the S3 presigner signs them. */
class DocumentLinksTest {

    private final Rehearsal world = Rehearsal.create();
    private final DocumentLinks links = world.wiring().documentLinks();

    private static JsonNode upload(String fileName, String type, long size) throws IOException {
        return Json.tree("{\"fileName\":\"" + fileName + "\",\"contentType\":\"" + type + "\",\"size\":" + size + "}");
    }

    @Test
    void an_upload_link_is_bound_to_a_fresh_key_of_the_dossier_its_type_length_and_clerk() throws Exception {
        var d = world.received();

        var answer = links.upload(Rehearsal.CLERK.id(), d.code(), upload("Đơn.pdf", "application/pdf", 1234), "r-1");

        assertThat(answer.path("key").asText()).startsWith("dossiers/" + d.code().value() + "/" + answer.path("documentId").asText() + "/");
        assertThat(answer.path("upload").path("method").asText()).isEqualTo("PUT");
        assertThat(answer.path("upload").path("url").asText()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");
        assertThat(answer.path("upload").path("headers").path("x-amz-meta-uploaded-by").asText()).isEqualTo(Rehearsal.CLERK.id());
        assertThat(answer.path("upload").path("headers").path("content-type").asText()).isEqualTo("application/pdf");
        assertThat(answer.path("upload").path("contentLength").asLong()).isEqualTo(1234);
    }

    @Test
    void too_large_a_wrong_type_or_a_closed_dossier_get_no_link() throws Exception {
        var d = world.received();
        var closed = world.then(world.resultReadyByPost(), new vn.motcua.domain.dossier.DossierEvent.ReturnedAtDesk("r", Rehearsal.CLERK,
                Rehearsal.NOW, java.util.Optional.empty()));

        assertThatThrownBy(() -> links.upload("c", d.code(), upload("a.pdf", "application/pdf", 30L * 1024 * 1024), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> links.upload("c", d.code(), upload("a.exe", "application/x-msdownload", 10), "r-1"))
                .isInstanceOf(BadInput.class);
        assertThatThrownBy(() -> links.upload("c", closed.code(), upload("a.pdf", "application/pdf", 10), "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("DOSSIER_CLOSED"));
    }

    @Test
    void a_download_link_is_given_for_a_registered_document_of_that_dossier_only() throws Exception {
        var d = world.received();
        String documentId = world.registered(d, "Giấy phép cũ.pdf");
        var other = world.received();

        var answer = links.download(d.code(), documentId, "r-1");

        assertThat(answer.path("name").asText()).isEqualTo("Giấy phép cũ.pdf");
        assertThat(answer.path("url").asText()).contains("X-Amz-Expires=300").contains("response-content-disposition=");
        assertThatThrownBy(() -> links.download(other.code(), documentId, "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_DOCUMENT"));
        assertThatThrownBy(() -> links.download(d.code(), "../x", "r-1"))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_DOCUMENT_ID"));
        assertThat(DocumentLinks.attachment("Giấy phép cũ.pdf")).isEqualTo("attachment; filename=\"Giay phep cu.pdf\"; "
                + "filename*=UTF-8''Gi%E1%BA%A5y%20ph%C3%A9p%20c%C5%A9.pdf");
    }
}
