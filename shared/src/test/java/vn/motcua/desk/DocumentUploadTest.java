package vn.motcua.desk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.desk.DocumentUpload.Key;
import vn.motcua.desk.DocumentUpload.Type;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentUploadTest {

    private static final DossierCode CODE = new DossierCode("000.00.53.H48-200302-0001");

    @Test
    void a_vietnamese_name_is_kept_in_nfc_and_trimmed() throws BadInput {
        String decomposed = java.text.Normalizer.normalize("Đơn đề nghị.pdf", java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Đơn đề nghị.pdf");
        assertThat(DocumentUpload.fileName("  " + decomposed + " ")).isEqualTo("Đơn đề nghị.pdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd.pdf", "a/b.pdf", "a\\b.pdf", "..", ".", "x..pdf", "bad\u0000.pdf", "tab\t.pdf",
            "gpj\u202Eexe.pdf", "<script>alert(1)</script>.pdf", "a:b.pdf", "line\u2028.pdf"})
    void names_that_could_escape_or_deceive_are_refused_in_vietnamese(String name) {
        assertThatThrownBy(() -> DocumentUpload.fileName(name)).isInstanceOf(BadInput.class)
                .satisfies(e -> {
                    assertThat(((BadInput) e).code()).isEqualTo("UNSAFE_FILE_NAME");
                    assertThat(e.getMessage()).contains("Tên tệp");
                });
    }

    @Test
    void empty_and_overlong_names_are_refused() {
        assertThatThrownBy(() -> DocumentUpload.fileName(" ")).extracting(e -> ((BadInput) e).code()).isEqualTo("FILE_NAME_REQUIRED");
        assertThatThrownBy(() -> DocumentUpload.fileName("ệ".repeat(197) + ".pdf")).extracting(e -> ((BadInput) e).code())
                .isEqualTo("FILE_NAME_TOO_LONG");
    }

    @Test
    void the_size_limit_comes_from_its_setting_or_defaults_to_20_mib() {
        assertThat(DocumentUpload.maxBytes(Optional.empty())).isEqualTo(20L * 1024 * 1024);
        assertThat(DocumentUpload.maxBytes(Optional.of(" 1048576 "))).isEqualTo(1_048_576L);
        assertThatThrownBy(() -> DocumentUpload.maxBytes(Optional.of("0"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MAX_DOCUMENT_BYTES");
        assertThatThrownBy(() -> DocumentUpload.maxBytes(Optional.of("20MB"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'20MB'");
    }

    @Test
    void the_declared_type_must_be_accepted_and_match_the_extension() throws BadInput {
        assertThat(DocumentUpload.type("application/pdf", "a.PDF")).isEqualTo(Type.PDF);
        assertThat(DocumentUpload.type("image/jpeg", "a.jpeg")).isEqualTo(Type.JPEG);
        assertThat(DocumentUpload.type("IMAGE/PNG", "a.png")).isEqualTo(Type.PNG);
        assertThatThrownBy(() -> DocumentUpload.type("text/html", "a.pdf")).extracting(e -> ((BadInput) e).code())
                .isEqualTo("UNSUPPORTED_CONTENT_TYPE");
        assertThatThrownBy(() -> DocumentUpload.type("application/pdf", "a.png")).extracting(e -> ((BadInput) e).code())
                .isEqualTo("FILE_EXTENSION_MISMATCH");
    }

    @Test
    void types_are_recognised_by_their_first_bytes() {
        assertThat(Type.sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).contains(Type.PDF);
        assertThat(Type.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(Type.JPEG);
        assertThat(Type.sniff(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0})).contains(Type.PNG);
        assertThat(Type.sniff("<!DOCTYPE html><html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(Type.sniff("%PD".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(Type.sniff(new byte[0])).isEmpty();
    }

    @Test
    void keys_live_under_the_dossiers_prefix_and_read_back() {
        Key key = Key.fresh(CODE, "Đơn đề nghị.pdf");
        assertThat(key.value()).startsWith("dossiers/000.00.53.H48-200302-0001/").endsWith("/Đơn đề nghị.pdf");
        assertThat(Key.parse(key.value())).contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"quarantine/dossiers/000.00.53.H48-200302-0001/9b2f4c1e-6a3d-4f7b-8c2a-1d5e6f7a8b9c/a.pdf",
            "dossiers/000.00.53.H48-200302-0001/9b2f4c1e-6a3d-4f7b-8c2a-1d5e6f7a8b9c/../../x.pdf",
            "dossiers/../000.00.53.H48-200302-0001/9b2f4c1e-6a3d-4f7b-8c2a-1d5e6f7a8b9c/a.pdf",
            "dossiers/000.00.53.H48-200302-0001/a.pdf",
            "dossiers/000.00.53.H48-200302-0001/not-a-uuid/a.pdf",
            "dossiers/NOT-A-CODE/9b2f4c1e-6a3d-4f7b-8c2a-1d5e6f7a8b9c/a.pdf",
            "dossiers/000.00.53.H48-200302-0001/9b2f4c1e-6a3d-4f7b-8c2a-1d5e6f7a8b9c/",
            "other/a.pdf", ""})
    void keys_this_system_did_not_hand_out_are_not_read(String key) {
        assertThat(Key.parse(key)).isEmpty();
    }
}
