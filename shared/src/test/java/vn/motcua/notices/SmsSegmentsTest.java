package vn.motcua.notices;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.notices.SmsSegments.Encoding.GSM7;
import static vn.motcua.notices.SmsSegments.Encoding.UCS2;

class SmsSegmentsTest {

    @Test
    void gsm7_is_160_in_one_part_then_153_per_part() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SmsSegments.Count(GSM7, 160, 1));
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(new SmsSegments.Count(GSM7, 161, 2));
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void an_extension_character_takes_two_septets() {
        assertThat(SmsSegments.count("a".repeat(159) + "€")).isEqualTo(new SmsSegments.Count(GSM7, 161, 2));
        assertThat(SmsSegments.count("[x]").units()).isEqualTo(5);
    }

    @Test
    void any_vietnamese_diacritic_makes_the_whole_text_ucs2_70_then_67() {
        assertThat(SmsSegments.count("Ho so da nhan").encoding()).isEqualTo(GSM7);
        assertThat(SmsSegments.count("Hồ sơ đã nhận").encoding()).isEqualTo(UCS2);
        assertThat(SmsSegments.count("đ" + "a".repeat(69))).isEqualTo(new SmsSegments.Count(UCS2, 70, 1));
        assertThat(SmsSegments.count("đ" + "a".repeat(70))).isEqualTo(new SmsSegments.Count(UCS2, 71, 2));
        assertThat(SmsSegments.count("đ" + "a".repeat(133)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("đ" + "a".repeat(134)).segments()).isEqualTo(3);
    }
}
