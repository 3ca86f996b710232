package vn.motcua.desk;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class PublicStatusTest {

    @Test
    void the_family_name_stays_every_other_word_shows_its_first_letter_only() {
        assertThat(PublicStatus.maskName("Nguyễn Văn An")).isEqualTo("Nguyễn V*** A***");
        assertThat(PublicStatus.maskName("  Trần   Thị Ánh Tuyết ")).isEqualTo("Trần T*** Á*** T***");
        assertThat(PublicStatus.maskName("Đặng")).isEqualTo("Đ***");
    }

    @Test
    void the_mask_hides_the_length_and_keeps_decomposed_letters_whole() {
        assertThat(PublicStatus.maskName("Lê Ân")).hasSameSizeAs(PublicStatus.maskName("Lê Anh"));
        // typed on a keyboard that sends decomposed marks: Ư is one letter, not U and a stray hook
        var decomposed = Normalizer.normalize("Phạm Ưng", Normalizer.Form.NFD);
        assertThat(PublicStatus.maskName(decomposed)).isEqualTo("Phạm Ư***");
    }
}
