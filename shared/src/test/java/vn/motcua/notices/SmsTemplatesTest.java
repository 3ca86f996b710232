package vn.motcua.notices;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** infra/seed/notices/sms.json: checked on load, and every text within two SMS parts with the longest realistic values. */
class SmsTemplatesTest {

    /** The longest realistic lookup link: the province's own domain (samconfig's prod form), and the longest code of the format. */
    static final String LONGEST_LINK = "https://motcua.quangngai.gov.vn/#tra-cuu?ma=000.00.53.H48-261231-9999";

    /** Every value an SMS may use, at its longest realistic length. */
    static Map<String, Object> longestValues(boolean atDesk) {
        var m = new HashMap<String, Object>();
        for (var name : SmsTemplates.VALUES) m.put(name, "x".repeat(10));
        m.put("code", "000.00.53.H48-261231-9999");
        m.put("lookupUrl", LONGEST_LINK);
        for (var date : List.of("receivedDate", "appointmentDate", "originalAppointmentDate", "eventDate", "previousAppointmentDate",
                "newAppointmentDate")) m.put(date, "31/12/2026");
        m.put("receivedTime", "16:59");
        m.put("eventTime", "16:59");
        m.put("feeAmount", NoticeModel.money(99_999_999)); // 99.999.999 đồng: no fee of the catalog comes near
        m.put("atDesk", atDesk);
        m.put("byPost", !atDesk);
        m.put("noFixedLimit", false);
        return m;
    }

    @Test
    void the_bundled_texts_load_and_name_the_applicant_notices_that_go_by_sms() {
        var texts = SmsTemplates.load();
        assertThat(texts.names()).containsExactlyInAnyOrder("received", "supplement-requested", "fee-requested", "result-ready",
                "delayed", "returned", "withdrawn", "stopped");
    }

    @Test
    void a_withdrawn_dossier_that_stopped_is_told_by_sms_too() {
        var text = SmsTemplates.load().render("stopped", longestValues(true)).orElseThrow();
        assertThat(text).isEqualTo("HS 000.00.53.H48-261231-9999 đã dừng theo đề nghị rút. Xem: " + LONGEST_LINK);
        assertThat(SmsSegments.count(text).segments()).isEqualTo(2);
    }

    @Test
    void every_text_stays_within_two_parts_with_diacritics_and_without() {
        var texts = SmsTemplates.load();
        var table = new StringBuilder("| SMS | characters | with diacritics (UCS-2) | without (GSM-7) |\n|---|---:|---:|---:|\n");
        for (var name : texts.names().stream().sorted().toList()) {
            for (boolean atDesk : new boolean[] {true, false}) {
                var text = texts.render(name, longestValues(atDesk)).orElseThrow();
                var withDiacritics = SmsSegments.count(text);
                var without = SmsSegments.count(withoutDiacritics(text));
                assertThat(withDiacritics.segments()).as(name + ": " + text).isLessThanOrEqualTo(2);
                assertThat(without.encoding()).as(name).isEqualTo(SmsSegments.Encoding.GSM7);
                assertThat(without.segments()).as(name).isLessThanOrEqualTo(2);
                if (atDesk || name.equals("result-ready")) {
                    table.append("| ").append(name).append(name.equals("result-ready") ? (atDesk ? " (at the desk)" : " (by post)") : "")
                            .append(" | ").append(text.length()).append(" | ").append(withDiacritics.segments())
                            .append(" | ").append(without.segments()).append(" |\n");
                }
            }
        }
        System.out.print(table); // the README's table (Notices), measured here
    }

    @Test
    void a_text_says_the_code_and_the_link_and_renders_on_one_line() {
        var text = SmsTemplates.load().render("received", longestValues(true)).orElseThrow();
        assertThat(text).contains("000.00.53.H48-261231-9999", LONGEST_LINK, "31/12/2026").doesNotContain("\n", "{{");
        var noDate = longestValues(true);
        noDate.remove("appointmentDate");
        assertThat(SmsTemplates.load().render("received", noDate).orElseThrow()).doesNotContain("hẹn trả");
        assertThat(SmsTemplates.load().render("overdue", noDate)).isEmpty();
    }

    @Test
    void a_bad_file_is_refused_naming_the_file_and_every_field() {
        assertThatThrownBy(() -> SmsTemplates.parse("sms.json", """
                {"notices": {"recieved": "HS {{code}}", "fee-requested": "HS {{code}} {{feeAmout}}", "returned": "",
                             "delayed": "HS {{#code}}", "withdrawn": 3}, "extra": 1}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sms.json: extra: unknown field")
                .hasMessageContaining("sms.json: notices.recieved: no applicant notice of that name")
                .hasMessageContaining("sms.json: notices.fee-requested: unknown value {{feeAmout}}")
                .hasMessageContaining("sms.json: notices.returned: must be a non-empty text")
                .hasMessageContaining("sms.json: notices.delayed: not valid Mustache")
                .hasMessageContaining("sms.json: notices.withdrawn: must be a non-empty text");
        assertThatThrownBy(() -> SmsTemplates.parse("sms.json", "{\"notices\": {\"received\": \"" + "x".repeat(301) + "\"}}"))
                .hasMessageContaining("sms.json: notices.received: 301 characters, at most 300");
        assertThatThrownBy(() -> SmsTemplates.parse("sms.json", "[1]")).hasMessageContaining("sms.json: notices: missing");
        assertThatThrownBy(() -> SmsTemplates.parse("sms.json", "{")).hasMessageContaining("sms.json: not JSON");
    }

    /** The text as an operator would write it without diacritics (đ -> d, marks dropped). */
    static String withoutDiacritics(String text) {
        return Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
