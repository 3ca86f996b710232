package vn.motcua.desk;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.edge.BadInput;
import vn.motcua.wiring.Rehearsal;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desk's lists and full view on in-memory ports: the same paging and cursors as the table's indexes. */
class DeskLookupTest {

    private final Rehearsal world = Rehearsal.create();
    private final DeskLookup lookup = world.wiring().deskLookup();

    @Test
    void a_list_is_read_a_page_at_a_time_and_its_cursor_belongs_to_it() throws Exception {
        var a = world.inProcess();
        var b = world.inProcess();
        world.received();
        var query = Map.of("agency", Rehearsal.AGENCY, "state", "IN_PROCESS", "limit", "1");

        var first = lookup.list(query);
        var cursor = first.body().path("nextCursor").asText();
        var second = lookup.list(Map.of("agency", Rehearsal.AGENCY, "state", "IN_PROCESS", "limit", "1", "cursor", cursor));

        assertThat(first.count()).isEqualTo(1);
        assertThat(first.list()).isEqualTo("ByAgencyAndState");
        assertThat(first.body().path("items").get(0).path("code").asText()).isEqualTo(a.code().value());
        assertThat(second.body().path("items").get(0).path("code").asText()).isEqualTo(b.code().value());
        assertThatThrownBy(() -> lookup.list(Map.of("dueBy", "2020-03-31", "cursor", cursor)))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
    }

    @Test
    void the_lists_by_due_date_and_by_receipt_find_the_open_dossiers() throws Exception {
        var d = world.inProcess();
        var due = d.appointment().orElseThrow().current().toString();

        assertThat(lookup.list(Map.of("dueBy", due)).body().path("items")).hasSize(1);
        assertThat(lookup.list(Map.of("receivedFrom", "2020-03-04", "receivedTo", "2020-03-04")).body().path("items")).hasSize(1);
        assertThat(lookup.list(Map.of("receivedFrom", "2020-03-05", "receivedTo", "2020-03-31")).body().path("items")).isEmpty();
    }

    @Test
    void one_dossier_in_full_or_a_404() throws Exception {
        var d = world.supplementRequested();

        var full = lookup.one(d.code());

        assertThat(full.path("code").asText()).isEqualTo(d.code().value());
        assertThat(full.path("timeline")).hasSize(d.history().size());
        var none = new DossierCode(d.code().value().replaceAll("\\d{4}$", "0999"));
        assertThatThrownBy(() -> lookup.one(none)).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("DOSSIER_NOT_FOUND");
        });
        assertThat(LocalDate.of(2020, 3, 4)).isEqualTo(vn.motcua.domain.dossier.Dossier.localDate(d.receivedAt()));
    }

    @Test
    void the_search_takes_a_code_a_name_with_or_without_diacritics_an_id_number_or_a_phone() throws Exception {
        var d = world.inProcess(); // Nguyễn Văn An, 051090000123, 0905123456

        for (var q : java.util.List.of(d.code().value(), d.code().value().toLowerCase(java.util.Locale.ROOT), "Nguyễn Văn An",
                "nguyen van an", "NGUYEN VAN", "051 090 000 123", "0905 123 456", "+84905123456")) {
            var found = lookup.list(Map.of("q", q));
            assertThat(found.body().path("items")).as(q).hasSize(1);
            assertThat(found.body().path("items").get(0).path("code").asText()).isEqualTo(d.code().value());
            assertThat(found.body().path("items").get(0).path("applicantName").asText()).isEqualTo("Nguyễn Văn An");
            // the log line names the kind of search, never what was typed
            assertThat(found.list()).startsWith("Search/").doesNotContain("nguyen").doesNotContain("0905");
        }
        assertThat(lookup.list(Map.of("q", "Trần Thị")).body().path("items")).isEmpty();
        assertThatThrownBy(() -> lookup.list(Map.of("q", "  "))).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.code()).isEqualTo("MISSING_PARAMETER");
            assertThat(e.getMessage()).contains("họ tên");
        });
        assertThatThrownBy(() -> lookup.list(Map.of("q", "12ab"))).isInstanceOfSatisfying(BadInput.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_SEARCH"));
        assertThatThrownBy(() -> lookup.list(Map.of("q", "an", "dueBy", "2020-03-31"))).isInstanceOfSatisfying(BadInput.class,
                e -> assertThat(e.code()).isEqualTo("CONFLICTING_FILTERS"));
    }

    @Test
    void the_worklist_has_every_list_of_the_desks_day() throws Exception {
        // NOW is 12 March 2020, 10:00 in Vietnam
        var inProcess = world.inProcess();
        var supplement = world.supplementRequested();
        var ready = world.resultReadyByPost();
        var fee = world.then(world.inProcess(), new vn.motcua.domain.dossier.DossierEvent.FeeRequested("fee-1",
                vn.motcua.domain.dossier.Actor.department(Rehearsal.AGENCY), Rehearsal.NOW, 200_000, java.util.Optional.empty()));
        var withdrawing = world.then(world.inProcess(), new vn.motcua.domain.dossier.DossierEvent.WithdrawalRequested("w-1",
                Rehearsal.CLERK, Rehearsal.NOW, "Không còn nhu cầu"));

        var w = lookup.worklist();

        assertThat(codes(w.path("inProcess"))).contains(inProcess.code().value()).doesNotContain(fee.code().value());
        assertThat(codes(w.path("waitingSupplement"))).containsExactly(supplement.code().value());
        assertThat(codes(w.path("resultReady"))).containsExactly(ready.code().value());
        assertThat(w.path("resultReady").path("items").get(0).path("resultMethod").asText()).isEqualTo("BY_POST");
        assertThat(codes(w.path("waitingFee"))).containsExactly(fee.code().value());
        assertThat(w.path("waitingFee").path("items").get(0).path("feeDue").asText()).isEqualTo("200.000 đồng");
        assertThat(codes(w.path("withdrawalRequested"))).containsExactly(withdrawing.code().value());
        assertThat(w.path("today").asText()).isEqualTo("2020-03-12");
        for (var list : java.util.List.of("receivedToday", "dueToday", "overdue")) assertThat(w.path(list).path("items").isArray()).isTrue();
        assertThat(w.path("inProcess").path("more").asBoolean()).isFalse();
    }

    private static java.util.List<String> codes(com.fasterxml.jackson.databind.JsonNode list) {
        var codes = new java.util.ArrayList<String>();
        list.path("items").forEach(i -> codes.add(i.path("code").asText()));
        return codes;
    }

    @Test
    void each_stored_document_carries_the_id_its_download_link_takes_and_each_rejected_upload_its_verdict() throws Exception {
        var d = world.inProcess();
        String id = world.registered(d, "Đơn đề nghị.pdf");
        var key = vn.motcua.desk.DocumentUpload.Key.fresh(d.code(), "Ảnh chân dung.pdf");
        world.then(world.ports().dossiers().find(d.code()).orElseThrow(), new vn.motcua.domain.dossier.DossierEvent.DocumentRejected(
                "s3-x-rejected", vn.motcua.domain.dossier.Actor.system("document-received"), Rehearsal.NOW, key.fileName(),
                vn.motcua.domain.dossier.DocumentRejection.TYPE_MISMATCH, java.util.Optional.of(key.documentId())));

        var full = lookup.one(d.code());

        // before: no id, and the page asked for /documents/undefined/link
        assertThat(full.path("documents").get(0).path("id").asText()).isEqualTo(id);
        var rejected = full.path("rejectedUploads").get(0);
        assertThat(rejected.path("documentId").asText()).isEqualTo(key.documentId());
        assertThat(rejected.path("reasonText").asText()).isEqualTo(
                "Tệp «Ảnh chân dung.pdf» có nội dung không khớp với loại tệp đã khai báo; tệp không được lưu vào hồ sơ.");
    }
}
