package vn.motcua.desk;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.DossierCode;

import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

class LookupSecretTest {

    private static final DossierCode CODE = new DossierCode("000.00.91.H48-200122-0001");

    @Test
    void secrets_are_short_unambiguous_and_different() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String s = LookupSecret.generate();
            assertThat(s).hasSize(LookupSecret.LENGTH).doesNotContainPattern("[01OIL]");
            seen.add(s);
        }
        assertThat(seen).hasSizeGreaterThan(995);
    }

    @Test
    void the_hash_is_bound_to_the_code_and_forgives_case_and_spaces() {
        String hash = LookupSecret.hash(CODE, "AB3D EF7H");
        assertThat(hash).startsWith("sha256:").isEqualTo(LookupSecret.hash(CODE, "ab3def7h"));
        assertThat(hash).isNotEqualTo(LookupSecret.hash(new DossierCode("000.00.91.H48-200122-0002"), "AB3DEF7H"));
    }
}
