package vn.motcua.reference;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.Callback;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.catalog.CatalogException;
import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.catalog.Name;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogFilesTest {

    static final String AGENCIES = """
            {
              "_comment": "two agencies",
              "agencies": [
                {
                  "id": "so-ngoai-vu",
                  "name": {"vi": "Sở Ngoại vụ", "en": "Department of Foreign Affairs"},
                  "electronicId": {"value": "000.00.91.H48", "placeholder": true},
                  "contactEmail": "so-ngoai-vu@motcua.invalid",
                  "callback": {"url": "https://sngv.example.vn/motcua", "signingSecretParameter": "/motcua/agencies/so-ngoai-vu/secret",
                               "timeoutSeconds": 10, "maxAttempts": 5}
                },
                {
                  "id": "so-khoa-hoc-cong-nghe",
                  "name": {"vi": "Sở Khoa học và Công nghệ", "en": "Department of Science and Technology"},
                  "electronicId": {"value": "000.00.53.H48", "placeholder": false},
                  "contactEmail": "skhcn@motcua.invalid",
                  "callback": {"url": "http://localhost:9411/departments/skhcn", "signingSecretParameter": "/motcua/agencies/skhcn/secret",
                               "timeoutSeconds": 5, "maxAttempts": 3}
                }
              ]
            }
            """;

    static final String PROCEDURES = """
            {
              "procedures": [
                {
                  "code": "1.000173",
                  "name": {"vi": "Cấp chứng chỉ nhân viên bức xạ", "en": "Radiation worker certificate"},
                  "agencyId": "so-khoa-hoc-cong-nghe",
                  "timeLimit": {"value": 10, "unit": "working_days"},
                  "documents": [
                    {"name": "Đơn đề nghị", "form": "original", "count": 1, "required": true},
                    {"name": "Văn bằng chuyên môn", "form": "copy", "count": 1, "required": true},
                    {"name": "Ảnh 3x4", "form": "original", "count": 3, "required": false}
                  ],
                  "fee": {"kind": "fixed", "amountVnd": 200000},
                  "resultByPost": true,
                  "notes": "Lệ phí theo Thông tư 287/2016/TT-BTC"
                },
                {
                  "code": "PENDING.SNGV.HNHT",
                  "codePlaceholder": true,
                  "name": {"vi": "Cho phép tổ chức hội nghị, hội thảo quốc tế", "en": "Permission to hold an international conference"},
                  "agencyId": "so-ngoai-vu",
                  "timeLimit": {"unit": "none_fixed"},
                  "documents": [{"name": "Công văn xin phép", "form": "either", "count": 1, "required": true}],
                  "fee": {"kind": "none"},
                  "resultByPost": false
                },
                {
                  "code": "2.002131",
                  "name": {"vi": "Khai báo thiết bị X-quang", "en": "Declaration of an X-ray device"},
                  "agencyId": "so-khoa-hoc-cong-nghe",
                  "timeLimit": {"value": 5, "unit": "working_days"},
                  "documents": [{"name": "Phiếu khai báo", "form": "original", "count": 1, "required": true}],
                  "fee": {"kind": "described", "text": "theo thiết bị, 2–8 triệu đồng"},
                  "resultByPost": true
                }
              ]
            }
            """;

    private static Catalog parse(String agencies, String procedures) {
        return CatalogFiles.validate(agencies, "agencies.json", procedures, "procedures.json");
    }

    private static List<String> problems(String agencies, String procedures) {
        try {
            parse(agencies, procedures);
        } catch (CatalogException e) {
            assertThat(e.getMessage()).startsWith("catalog refused, nothing loaded");
            return e.problems();
        }
        throw new AssertionError("the catalog was accepted");
    }

    @Test
    void reads_agencies_and_procedures_with_every_field() {
        var catalog = parse(AGENCIES, PROCEDURES);

        var sngv = catalog.agency("so-ngoai-vu").orElseThrow();
        assertThat(sngv.name()).isEqualTo(new Name("Sở Ngoại vụ", "Department of Foreign Affairs"));
        assertThat(sngv.electronicId()).isEqualTo(ElectronicId.placeholder("000.00.91.H48"));
        assertThat(sngv.callback()).isEqualTo(new Callback(URI.create("https://sngv.example.vn/motcua"),
                "/motcua/agencies/so-ngoai-vu/secret", Duration.ofSeconds(10), 5));

        var certificate = catalog.procedure("1.000173").orElseThrow();
        assertThat(certificate.timeLimit()).isEqualTo(TimeLimit.workingDays(10));
        assertThat(certificate.documents()).hasSize(3);
        assertThat(certificate.requiredDocuments()).extracting(RequiredDocument::name).containsExactly("Đơn đề nghị", "Văn bằng chuyên môn");
        assertThat(certificate.documents().get(2)).isEqualTo(new RequiredDocument("Ảnh 3x4", RequiredDocument.Form.ORIGINAL, 3, false));
        assertThat(certificate.fee()).isEqualTo(Fee.fixed(200_000));
        assertThat(certificate.fee().inVietnamese()).isEqualTo("200.000 đồng");
        assertThat(certificate.notes()).contains("Lệ phí theo Thông tư 287/2016/TT-BTC");
        assertThat(certificate.codePlaceholder()).isFalse();

        var conference = catalog.procedure("PENDING.SNGV.HNHT").orElseThrow();
        assertThat(conference.codePlaceholder()).isTrue();
        assertThat(conference.timeLimit()).isEqualTo(TimeLimit.noneFixed());
        assertThat(conference.fee().inVietnamese()).isEqualTo("Không thu phí, lệ phí");
        assertThat(conference.resultByPost()).isFalse();
        assertThat(catalog.procedure("2.002131").orElseThrow().fee()).isEqualTo(Fee.described("theo thiết bị, 2–8 triệu đồng"));
    }

    @Test
    void looks_up_by_id_code_and_agency() {
        var catalog = parse(AGENCIES, PROCEDURES);
        assertThat(catalog.proceduresOf("so-khoa-hoc-cong-nghe")).extracting(Procedure::code).containsExactly("1.000173", "2.002131");
        assertThat(catalog.proceduresOf("so-ngoai-vu")).hasSize(1);
        assertThat(catalog.agencyOf(catalog.procedure("1.000173").orElseThrow()).id()).isEqualTo("so-khoa-hoc-cong-nghe");
        assertThat(catalog.agency("so-noi-vu")).isEmpty();
        assertThat(catalog.procedure("9.999999")).isEmpty();
        assertThat(catalog.agencies()).hasSize(2);
    }

    @Test
    void an_unknown_time_limit_unit_is_named_by_file_and_pointer() {
        var bad = PROCEDURES.replace("\"value\": 5, \"unit\": \"working_days\"", "\"value\": 5, \"unit\": \"weeks\"");
        assertThat(problems(AGENCIES, bad)).containsExactly("procedures.json /procedures/2/timeLimit/unit: unknown time limit"
                + " unit 'weeks' (expected working_days, calendar_days, same_day or none_fixed)");
    }

    @Test
    void a_missing_field_is_named() {
        var bad = PROCEDURES.replace("\"resultByPost\": false", "\"resultByPost\": null");
        assertThat(problems(AGENCIES, bad)).containsExactly("procedures.json /procedures/1/resultByPost: missing");
    }

    @Test
    void a_procedure_of_an_unknown_agency_is_refused() {
        var bad = PROCEDURES.replace("\"agencyId\": \"so-ngoai-vu\"", "\"agencyId\": \"so-noi-vu\"");
        assertThat(problems(AGENCIES, bad)).containsExactly(
                "procedures.json /procedures/1/agencyId: unknown agency 'so-noi-vu' (not in the agencies file)");
    }

    @Test
    void duplicate_codes_ids_and_electronic_ids_are_refused() {
        var bad = PROCEDURES.replace("\"code\": \"2.002131\"", "\"code\": \"1.000173\"");
        assertThat(problems(AGENCIES, bad)).containsExactly(
                "procedures.json /procedures/2/code: duplicate procedure code 1.000173 (first at /procedures/0)");

        var sameEid = AGENCIES.replace("000.00.53.H48", "000.00.91.H48");
        assertThat(problems(sameEid, PROCEDURES)).first().asString()
                .startsWith("agencies.json /agencies/1/electronicId: electronic id 000.00.91.H48 already belongs to /agencies/0");
    }

    @Test
    void a_bad_email_a_negative_or_zero_fee_and_a_bad_count_are_refused() {
        assertThat(problems(AGENCIES.replace("skhcn@motcua.invalid", "skhcn at motcua"), PROCEDURES))
                .containsExactly("agencies.json /agencies/1/contactEmail: not an email address: 'skhcn at motcua'");
        assertThat(problems(AGENCIES, PROCEDURES.replace("200000", "-200000")))
                .containsExactly("procedures.json /procedures/0/fee/amountVnd: must not be negative, got -200000");
        assertThat(problems(AGENCIES, PROCEDURES.replace("200000", "0")))
                .containsExactly("procedures.json /procedures/0/fee/amountVnd: must be at least 1, got 0");
        assertThat(problems(AGENCIES, PROCEDURES.replace("\"count\": 3", "\"count\": \"ba\"")))
                .containsExactly("procedures.json /procedures/0/documents/2/count: expected a whole number, got the string \"ba\"");
    }

    @Test
    void codes_ids_and_electronic_ids_follow_their_formats() {
        assertThat(problems(AGENCIES, PROCEDURES.replace("\"code\": \"2.002131\"", "\"code\": \"2.2131\""))).singleElement()
                .asString().startsWith("procedures.json /procedures/2/code: not a national procedure code");
        assertThat(problems(AGENCIES.replace("000.00.53.H48", "53.H48"), PROCEDURES)).containsExactly(
                "agencies.json /agencies/1/electronicId/value: not an agency electronic id in the national format (like 000.00.53.H48): '53.H48'");
        assertThat(problems(AGENCIES.replace("\"so-ngoai-vu\"", "\"Sở Ngoại vụ\""), PROCEDURES.replace("so-ngoai-vu", "x")))
                .first().asString().startsWith("agencies.json /agencies/0/id: expected a short lowercase slug");
    }

    @Test
    void callbacks_are_https_and_name_their_secret_parameter() {
        assertThat(problems(AGENCIES.replace("https://sngv.example.vn/motcua", "http://sngv.example.vn/motcua"), PROCEDURES))
                .containsExactly("agencies.json /agencies/0/callback/url: must be https (plain http only to localhost), got http://sngv.example.vn/motcua");
        assertThat(problems(AGENCIES.replace("/motcua/agencies/skhcn/secret", "s3cr3t value!"), PROCEDURES)).containsExactly(
                "agencies.json /agencies/1/callback/signingSecretParameter: expected the NAME of a parameter (letters, digits, _ . - /), never the secret itself");
        assertThat(problems(AGENCIES.replace("\"timeoutSeconds\": 10", "\"timeoutSeconds\": 90"), PROCEDURES))
                .containsExactly("agencies.json /agencies/0/callback/timeoutSeconds: must be between 1 and 30, got 90");
    }

    @Test
    void an_unknown_field_is_a_typo_until_proven_otherwise_but_underscore_keys_are_comments() {
        var bad = PROCEDURES.replace("\"resultByPost\": false", "\"resultByPost\": false, \"timelimit\": 3, \"_why\": \"ok\"");
        assertThat(problems(AGENCIES, bad)).singleElement().asString()
                .startsWith("procedures.json /procedures/1/timelimit: unknown field (allowed: agencyId, code, codePlaceholder,");
    }

    @Test
    void a_number_on_same_day_or_none_fixed_is_a_misunderstanding() {
        var bad = PROCEDURES.replace("{\"unit\": \"none_fixed\"}", "{\"value\": 30, \"unit\": \"none_fixed\"}");
        assertThat(problems(AGENCIES, bad)).containsExactly("procedures.json /procedures/1/timeLimit/value: must be between 0 and 0, got 30");
        var zero = PROCEDURES.replace("\"value\": 10, \"unit\": \"working_days\"", "\"value\": 0, \"unit\": \"working_days\"");
        assertThat(problems(AGENCIES, zero)).containsExactly("procedures.json /procedures/0/timeLimit/value: must be between 1 and 365, got 0");
    }

    @Test
    void every_problem_of_both_files_is_listed_at_once_and_nothing_is_loaded() {
        var agencies = AGENCIES.replace("skhcn@motcua.invalid", "nope");
        var procedures = PROCEDURES.replace("\"unit\": \"none_fixed\"", "\"unit\": \"fortnights\"").replace("\"form\": \"copy\"", "\"form\": \"photo\"");
        assertThat(problems(agencies, procedures)).containsExactly(
                "agencies.json /agencies/1/contactEmail: not an email address: 'nope'",
                "procedures.json /procedures/0/documents/1/form: expected original, copy or either, got 'photo'",
                "procedures.json /procedures/1/timeLimit/unit: unknown time limit unit 'fortnights' (expected working_days, calendar_days, same_day or none_fixed)");
    }

    @Test
    void text_that_is_not_json_or_not_an_object_is_refused_with_its_place() {
        assertThat(problems("{\"agencies\": [", PROCEDURES)).first().asString().startsWith("agencies.json (root): not valid JSON at line 1");
        assertThat(problems(AGENCIES, "[]")).containsExactly("procedures.json (root): expected a JSON object at the top");
        assertThat(problems(AGENCIES, "")).containsExactly("procedures.json (root): the file is empty");
        assertThat(problems("{\"agencies\": []}", "{\"procedures\": []}"))
                .containsExactly("agencies.json /agencies: lists no agency", "procedures.json /procedures: lists no procedure");
    }

    @Test
    void a_fee_carries_only_what_its_kind_needs() {
        assertThat(problems(AGENCIES, PROCEDURES.replace("{\"kind\": \"fixed\", \"amountVnd\": 200000}", "{\"kind\": \"fixed\"}")))
                .containsExactly("procedures.json /procedures/0/fee/amountVnd: missing");
        assertThat(problems(AGENCIES, PROCEDURES.replace("{\"kind\": \"none\"}", "{\"kind\": \"none\", \"amountVnd\": 5}")))
                .singleElement().asString().startsWith("procedures.json /procedures/1/fee/amountVnd: not allowed with this kind of fee");
        assertThat(problems(AGENCIES, PROCEDURES.replace("\"kind\": \"none\"", "\"kind\": \"free\"")))
                .containsExactly("procedures.json /procedures/1/fee/kind: expected none, fixed or described, got 'free'");
    }

    @Test
    void a_key_given_twice_is_refused_not_silently_overridden() {
        var twice = AGENCIES.replace("\"contactEmail\": \"skhcn@motcua.invalid\"",
                "\"contactEmail\": \"skhcn@motcua.invalid\", \"contactEmail\": \"other@motcua.invalid\"");
        assertThat(problems(twice, PROCEDURES)).singleElement().asString()
                .startsWith("agencies.json (root): not valid JSON at line").contains("Duplicate field 'contactEmail'");
    }

    @Test
    void the_stored_copy_reads_without_the_schema_to_the_same_catalog() {
        var validated = parse(AGENCIES, PROCEDURES);
        var read = CatalogFiles.read(Map.of("agencies.json", AGENCIES, "procedures.json", PROCEDURES));
        assertThat(read.agencies()).isEqualTo(validated.agencies());
        assertThat(read.procedures()).isEqualTo(validated.procedures());
        // the rules across entries still hold on that path
        assertThatThrownBy(() -> CatalogFiles.read(AGENCIES, PROCEDURES.replace("\"code\": \"2.002131\"", "\"code\": \"1.000173\"")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("duplicate procedure code 1.000173");
        assertThatThrownBy(() -> CatalogFiles.read(Map.of("agencies.json", AGENCIES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("procedures.json");
    }

    @Test
    void a_catalog_built_in_code_gets_the_same_cross_checks() {
        var catalog = parse(AGENCIES, PROCEDURES);
        assertThatThrownBy(() -> Catalog.of(catalog.agencies().subList(0, 1), catalog.procedures()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("procedure 1.000173 names unknown agency so-khoa-hoc-cong-nghe");
        assertThat(Catalog.of(catalog.agencies(), catalog.procedures()).procedures()).hasSize(3);
    }
}
