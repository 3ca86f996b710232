package vn.motcua.domain.dossier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTextTest {

    @Test
    void vietnamese_with_or_without_diacritics_gives_the_same_tokens() {
        assertThat(SearchText.normalise("  NGUYỄN Thị-Thu  Hà ")).isEqualTo("nguyen thi thu ha");
        assertThat(SearchText.normalise("nguyen thi thu ha")).isEqualTo("nguyen thi thu ha");
        assertThat(SearchText.normalise("Đặng Văn Đức")).isEqualTo("dang van duc");
        // composed and decomposed forms alike
        assertThat(SearchText.normalise("Nguye\u0302\u0303n")).isEqualTo("nguyen");
        assertThat(SearchText.normalise("Công Tằng Tôn Nữ Phương Thảo")).isEqualTo("cong tang ton nu phuong thao");
        assertThat(SearchText.normalise(null)).isEmpty();
        assertThat(SearchText.firstToken("dang van duc")).isEqualTo("dang");
        assertThat(SearchText.firstToken("dang")).isEqualTo("dang");
    }
}
