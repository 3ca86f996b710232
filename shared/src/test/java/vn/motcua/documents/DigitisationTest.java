package vn.motcua.documents;

import org.junit.jupiter.api.Test;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.reports.ScorecardTest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigitisationTest {

    static final DossierCode CODE = new DossierCode("000.00.92.H48-250301-0007");

    @Test
    void result_files_are_numbered_kq1_kq2_after_the_dossier_code() {
        assertThat(Digitisation.resultCode(CODE, 1)).isEqualTo("000.00.92.H48-250301-0007-KQ1");
        assertThat(Digitisation.resultCode(CODE, 12)).isEqualTo("000.00.92.H48-250301-0007-KQ12");
        assertThatThrownBy(() -> Digitisation.resultCode(CODE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_upload_metadata_names_staff_dossier_document_and_time_in_vietnam() {
        var key = new DocumentUpload.Key(CODE, "3f2a", "Đơn đề nghị.pdf");
        var at = Instant.parse("2025-03-01T02:30:00Z");
        assertThat(Digitisation.metadata("7b1c2d3e-0000-4000-8000-00000000d001", key, at)).containsExactly(
                java.util.Map.entry("uploaded-by", "7b1c2d3e-0000-4000-8000-00000000d001"),
                java.util.Map.entry("dossier-code", CODE.value()), java.util.Map.entry("document-id", "3f2a"),
                java.util.Map.entry("digitised-at", "2025-03-01T09:30:00+07:00"));
        // a staff id S3 cannot carry unencoded is left out, never mangled; the file name (personal data) never goes in
        assertThat(Digitisation.metadata("Nguyễn Văn An", key, at)).doesNotContainKey("uploaded-by").doesNotContainValue("Đơn đề nghị.pdf");
    }

    @Test
    void the_dossier_view_lists_the_scans_and_the_results_with_their_codes() {
        var base = ScorecardTest.finishedInMarch();
        var key = DocumentUpload.Key.fresh(base.code(), "don.pdf");
        var scan = new DossierDocument("Đơn đề nghị", key.value(), 1000, "sha256:ab",
                Actor.clerk("7b1c"), Instant.parse("2025-03-01T02:30:00Z"), Optional.of("v1"));
        var d = ScorecardTest.with(base,
                vn.motcua.domain.dossier.Channel.IN_PERSON, List.of(scan), List.of(),
                Optional.of(Outcome.approved("results/giay-phep.pdf", "results/phu-luc.pdf")), List.of(), null);
        var view = Digitisation.view(d);
        var doc = view.path("documents").get(0);
        assertThat(doc.path("documentId").asText()).isEqualTo(key.documentId());
        assertThat(doc.path("digitisedAt").asText()).isEqualTo("2025-03-01T09:30:00+07:00");
        assertThat(doc.path("digitisedBy").asText()).isEqualTo("7b1c");
        assertThat(doc.path("fileHash").asText()).isEqualTo("sha256:ab");
        assertThat(doc.path("versionId").asText()).isEqualTo("v1");
        assertThat(view.path("results").get(0).path("code").asText()).isEqualTo(d.code().value() + "-KQ1");
        assertThat(view.path("results").get(1).path("code").asText()).isEqualTo(d.code().value() + "-KQ2");
        assertThat(view.path("results").get(1).path("ref").asText()).isEqualTo("results/phu-luc.pdf");
    }
}
