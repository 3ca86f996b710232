package vn.motcua.desk;

import org.junit.jupiter.api.Test;
import vn.motcua.wiring.Rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

/** The citizen's status on in-memory ports: opened by the code and the receipt's secret, nothing else. */
class PublicLookupTest {

    private final Rehearsal world = Rehearsal.create();
    private final PublicLookup lookup = world.wiring().publicLookup();

    @Test
    void the_right_secret_opens_the_status_with_the_name_masked() {
        var d = world.inProcess();

        var status = lookup.status(d.code().value(), Rehearsal.LOOKUP_SECRET, "r-1").orElseThrow();

        assertThat(status.path("code").asText()).isEqualTo(d.code().value());
        assertThat(status.toString()).doesNotContain("Nguyễn Văn An").doesNotContain("051090000123");
    }

    @Test
    void a_wrong_secret_an_unknown_code_and_a_malformed_one_all_find_nothing() {
        var d = world.inProcess();

        assertThat(lookup.status(d.code().value(), "WRONG123", "r-1")).isEmpty();
        assertThat(lookup.status(d.code().value(), "", "r-1")).isEmpty();
        assertThat(lookup.status(d.code().value().replaceAll("\\d{4}$", "0999"), Rehearsal.LOOKUP_SECRET, "r-1")).isEmpty();
        assertThat(lookup.status("../etc/passwd", Rehearsal.LOOKUP_SECRET, "r-1")).isEmpty();
    }
}
