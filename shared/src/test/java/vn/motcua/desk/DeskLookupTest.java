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
}
