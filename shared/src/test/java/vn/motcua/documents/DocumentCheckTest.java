package vn.motcua.documents;

import org.junit.jupiter.api.Test;
import vn.motcua.desk.DocumentUpload;
import vn.motcua.domain.dossier.DocumentRejection;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.wiring.InMemoryPorts;
import vn.motcua.wiring.Rehearsal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The check of an uploaded file on in-memory ports: registered, refused and set aside, or left alone. */
class DocumentCheckTest {

    private static final String BUCKET = InMemoryPorts.BUCKET;
    private static final Instant AT = Instant.parse("2020-03-12T02:15:04Z");

    private final Rehearsal world = Rehearsal.create();
    private final DocumentCheck check = world.wiring().documentCheck();

    private DocumentCheck.Arrival arrival(String key) {
        return new DocumentCheck.Arrival("ObjectCreated:Put", BUCKET, key, null, null, AT);
    }

    @Test
    void a_good_file_is_registered_once_with_its_digest_and_the_clerk_who_uploaded_it() {
        var d = world.received();
        String key = world.uploaded(d, "Đơn đề nghị.pdf");

        assertThat(check.check(arrival(key))).isEqualTo(DocumentCheck.Outcome.REGISTERED);
        assertThat(check.check(arrival(key))).isEqualTo(DocumentCheck.Outcome.ALREADY_REGISTERED);

        var stored = world.ports().dossiers().find(d.code()).orElseThrow();
        assertThat(stored.documents()).singleElement().satisfies(doc -> {
            assertThat(doc.key()).isEqualTo(key);
            assertThat(doc.name()).isEqualTo("Đơn đề nghị.pdf");
            assertThat(doc.checksum()).startsWith("sha256:").hasSize(7 + 64);
            assertThat(doc.addedBy()).isEqualTo(Rehearsal.CLERK);
            assertThat(doc.addedAt()).isEqualTo(AT);
        });
    }

    @Test
    void a_file_whose_bytes_are_not_its_type_is_recorded_on_the_dossier_and_set_aside() {
        var d = world.received();
        var key = DocumentUpload.Key.fresh(d.code(), "scan.pdf").value();
        world.ports().uploadedFiles().put(BUCKET, key, "GIF89a not a pdf".getBytes(StandardCharsets.US_ASCII), "application/pdf", Map.of());

        assertThat(check.check(arrival(key))).isEqualTo(DocumentCheck.Outcome.REJECTED);

        var stored = world.ports().dossiers().find(d.code()).orElseThrow();
        assertThat(stored.documents()).isEmpty();
        assertThat(stored.history()).last().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(EventKind.DOCUMENT_REJECTED);
            assertThat(h.reason()).hasValueSatisfying(r -> assertThat(r).startsWith(DocumentRejection.TYPE_MISMATCH.name()));
        });
        assertThat(world.ports().uploadedFiles().keys(BUCKET)).containsExactly(DocumentUpload.QUARANTINE + key);
        assertThat(world.ports().uploadedFiles().metadata(BUCKET, DocumentUpload.QUARANTINE + key).orElseThrow())
                .containsEntry(DocumentCheck.REJECTED_REASON, "TYPE_MISMATCH");
    }

    @Test
    void a_closed_dossier_takes_no_more_documents() {
        var d = world.resultReadyByPost();
        d = world.then(d, new vn.motcua.domain.dossier.DossierEvent.ReturnedAtDesk("returned-1", Rehearsal.CLERK, AT, java.util.Optional.empty()));
        assertThat(d.state()).isNotEqualTo(DossierState.RECEIVED);
        String key = world.uploaded(d, "muộn.pdf");

        assertThat(check.check(arrival(key))).isEqualTo(DocumentCheck.Outcome.REJECTED);
        assertThat(world.ports().dossiers().find(d.code()).orElseThrow().history()).last()
                .satisfies(h -> assertThat(h.reason()).hasValueSatisfying(r -> assertThat(r).startsWith(DocumentRejection.DOSSIER_CLOSED.name())));
    }

    @Test
    void files_without_a_dossier_are_set_aside_and_others_left_alone() {
        var d = world.received();
        String key = world.uploaded(d, "a.pdf");
        String orphan = key.replace(d.code().value(), d.code().value().replaceAll("\\d{4}$", "0999"));
        world.ports().uploadedFiles().put(BUCKET, orphan, "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), "application/pdf", Map.of());
        world.ports().uploadedFiles().put(BUCKET, "dossiers/not-a-key.pdf", "%PDF".getBytes(StandardCharsets.US_ASCII), "application/pdf", Map.of());

        assertThat(check.check(arrival(orphan))).isEqualTo(DocumentCheck.Outcome.QUARANTINED_UNKNOWN_DOSSIER);
        assertThat(check.check(arrival("dossiers/not-a-key.pdf"))).isEqualTo(DocumentCheck.Outcome.QUARANTINED_MALFORMED_KEY);
        assertThat(check.check(arrival("dossiers/gone.pdf"))).isEqualTo(DocumentCheck.Outcome.GONE);
        assertThat(check.check(new DocumentCheck.Arrival("ObjectRemoved:Delete", BUCKET, key, null, null, AT)))
                .isEqualTo(DocumentCheck.Outcome.IGNORED);
        assertThat(check.check(arrival("quarantine/" + key))).isEqualTo(DocumentCheck.Outcome.IGNORED);
        assertThat(world.ports().uploadedFiles().keys(BUCKET)).contains(key);
    }
}
