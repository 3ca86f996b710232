package vn.motcua.desk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicantInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"Nguyễn Thị Thu Hà", "Lê Văn Đức", "Đặng Ngọc Ánh", "H'Hen Niê", "Y-Moan Ênuôl", "Trương Ỷ"})
    void vietnamese_names_pass_in_either_unicode_form(String name) {
        var problems = new FieldProblems();
        assertThat(ApplicantInput.name(Normalizer.normalize(name, Normalizer.Form.NFD), problems)).isEqualTo(name);
        assertThat(problems.any()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>Hà</b>", "Nguyễn Văn 3", "A", "Hà;DROP", "Lê  --Văn", "Hà&amp;"})
    void names_with_markup_digits_or_symbols_fail(String name) {
        var problems = new FieldProblems();
        assertThat(ApplicantInput.name(name, problems)).isNull();
        assertThat(problems.list()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("INVALID_NAME"));
    }

    @ParameterizedTest
    @CsvSource({"051190001234,051190001234", "051 190 001 234,051190001234", "c1234567,C1234567", "AB1234567,AB1234567"})
    void citizen_ids_and_passports(String raw, String kept) {
        assertThat(ApplicantInput.idNumber(raw, new FieldProblems())).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"05119000123", "0511900012345", "ABC1234567", "A123456", "12345678A"})
    void bad_ids(String raw) {
        assertThat(ApplicantInput.idNumber(raw, new FieldProblems())).isNull();
    }

    @ParameterizedTest
    @CsvSource({"0905123456,0905123456", "0905.123.456,0905123456", "+84 905 123 456,0905123456", "0255 3822 123,02553822123"})
    void phones(String raw, String kept) {
        assertThat(ApplicantInput.phone(raw, new FieldProblems())).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"090512345", "009051234567", "+8409051234567", "0905 123 45a", "+1 202 555 0100"})
    void bad_phones(String raw) {
        assertThat(ApplicantInput.phone(raw, new FieldProblems())).isNull();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode body(String phone, Object consent) {
        var body = vn.motcua.edge.Json.object();
        var a = body.putObject("applicant").put("name", "Nguyễn Văn An").put("idNumber", "051090000123").put("phone", phone)
                .put("address", "12 Hùng Vương, TP Quảng Ngãi");
        if (consent instanceof Boolean b) a.put("smsConsent", b);
        else if (consent != null) a.put("smsConsent", consent.toString());
        return body;
    }

    @org.junit.jupiter.api.Test
    void sms_consent_is_kept_on_the_applicant_and_off_by_default() {
        var problems = new FieldProblems();
        assertThat(ApplicantInput.read(body("0905123456", true), problems).smsConsent()).isTrue();
        assertThat(ApplicantInput.read(body("0905123456", null), problems).smsConsent()).isFalse();
        assertThat(ApplicantInput.read(body("0905123456", false), problems).smsConsent()).isFalse();
        assertThat(problems.any()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void sms_consent_needs_a_mobile_number_and_a_true_or_false_in_vietnamese_words() {
        var landline = new FieldProblems();
        assertThat(ApplicantInput.read(body("02553822123", true), landline)).isNull();
        assertThat(landline.list()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("applicant.smsConsent");
            assertThat(p.code()).isEqualTo("SMS_NEEDS_MOBILE");
            assertThat(p.messageVi()).contains("số di động");
        });
        var text = new FieldProblems();
        assertThat(ApplicantInput.read(body("0905123456", "có"), text)).isNull();
        assertThat(text.list()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("WRONG_TYPE");
            assertThat(p.messageVi()).isEqualTo("đồng ý nhận tin nhắn SMS phải là true hoặc false.");
        });
    }
}
