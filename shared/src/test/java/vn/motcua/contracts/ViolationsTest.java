package vn.motcua.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What each contract refuses, and how it says so: the English code, the field at fault by path,
 * and a Vietnamese sentence that names it. Each case takes a valid sample and breaks one thing.
 */
class ViolationsTest {

    /** Parses the sample after {@code change}, expecting a refusal that names {@code field}. */
    static BadInput refused(Contract contract, String sample, Consumer<ObjectNode> change, String field) {
        ObjectNode json = Samples.message(sample);
        change.accept(json);
        return refused(contract, Json.write(json), field);
    }

    static BadInput refused(Contract contract, String text, String field) {
        BadInput e = catchThrowableOfType(BadInput.class, () -> Samples.parse(contract, text));
        assertThat(e).as("%s should refuse %s", contract.title(), text).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.fields()).as(e.getMessage()).anySatisfy(f -> {
            assertThat(f.field()).isEqualTo(field);
            if (!field.equals("body")) assertThat(f.message()).contains("«" + field + "»");
        });
        return e;
    }

    static void schemaViolation(BadInput e) {
        assertThat(e.code()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(e.getMessage()).startsWith("Thông điệp ").contains(" không hợp lệ: ");
    }

    @Nested
    class Any_message {

        @Test
        void malformed_json_empty_text_and_a_non_object_are_refused() {
            BadInput malformed = catchThrowableOfType(BadInput.class, () -> RoutingJob.parse("{\"jobId\": "));
            assertThat(malformed.code()).isEqualTo("MALFORMED_JSON");
            assertThat(malformed.getMessage()).contains("không phải JSON hợp lệ", "dòng 1");

            assertThat(catchThrowableOfType(BadInput.class, () -> RoutingJob.parse(" ")).code()).isEqualTo("EMPTY_BODY");

            BadInput array = catchThrowableOfType(BadInput.class, () -> RoutingJob.parse("[]"));
            schemaViolation(array);
            assertThat(array.fields()).anySatisfy(f -> assertThat(f.message()).contains("đối tượng JSON"));
        }

        @Test
        void a_field_given_twice_is_refused_whatever_its_values() {
            BadInput e = catchThrowableOfType(BadInput.class, () -> NotificationJob.parse(
                    "{\"dossierCode\":\"000.00.92.H48-200302-0007\",\"dossierCode\":\"000.00.91.H48-200302-0001\","
                            + "\"eventKind\":\"received\",\"eventId\":\"e1\",\"queuedAt\":\"2020-03-02T02:00:01Z\"}"));
            assertThat(e.code()).isEqualTo("MALFORMED_JSON");
            assertThat(e.getMessage()).contains("hai lần", "dossierCode");
        }

        @Test
        void trailing_content_after_the_message_is_refused() {
            String sample = Samples.read(Samples.events().resolve("messages/routing-job.json"));
            assertThat(catchThrowableOfType(BadInput.class, () -> RoutingJob.parse(sample + " {}")).code()).isEqualTo("MALFORMED_JSON");
        }

        @Test
        void every_problem_is_listed_not_only_the_first() {
            BadInput e = refused(Contract.ROUTING_JOB, "routing-job.json", j -> {
                j.remove("jobId");
                j.put("reason", "lost");
                j.put("extra", 1);
            }, "jobId");
            assertThat(e.fields()).extracting(BadInput.FieldError::field).containsExactlyInAnyOrder("jobId", "reason", "extra");
            assertThat(e.getMessage()).contains("(và 2 lỗi khác)");
        }
    }

    @Nested
    class Routing_job {
        static final String SAMPLE = "routing-job.json";

        @Test
        void missing_field() {
            var e = refused(Contract.ROUTING_JOB, SAMPLE, j -> j.remove("queuedAt"), "queuedAt");
            schemaViolation(e);
            assertThat(e.fields().get(0).message()).isEqualTo("Thiếu trường bắt buộc «queuedAt».");
        }

        @Test
        void unknown_field() {
            var e = refused(Contract.ROUTING_JOB, SAMPLE, j -> j.put("priority", "high"), "priority");
            assertThat(e.getMessage()).contains("không có trong mẫu thông điệp");
        }

        @Test
        void wrong_enum_lists_the_accepted_values() {
            var e = refused(Contract.ROUTING_JOB, SAMPLE, j -> j.put("reason", "RECEIVED"), "reason");
            assertThat(e.getMessage()).contains("received, resubmitted, sweep");
        }

        @Test
        void wrong_type() {
            var e = refused(Contract.ROUTING_JOB, SAMPLE, j -> j.put("jobId", 42), "jobId");
            assertThat(e.getMessage()).contains("chuỗi ký tự");
        }

        @Test
        void bad_dossier_code_shows_the_right_form() {
            for (String code : new String[] {"000.00.92.H48-20200302-0007", "000.00.92.H48-200302-7", "H48-200302-0007",
                    "000.00.92.h48-200302-0007", " 000.00.92.H48-200302-0007"}) {
                var e = refused(Contract.ROUTING_JOB, SAMPLE, j -> j.put("dossierCode", code), "dossierCode");
                assertThat(e.getMessage()).contains("<mã định danh cơ quan>-<YYMMDD>-<NNNN>", "000.00.53.H48-220921-0099");
            }
        }

        @Test
        void instants_must_be_iso_with_an_offset() {
            for (String at : new String[] {"2020-03-02 02:00:01", "2020-03-02T02:00:01", "02/03/2020 09:00", "1583114401000",
                    "2020-02-30T02:00:01Z", "2020-03-02T25:00:01Z", "2020-03-02t02:00:01z"}) {
                var e = refused(Contract.ROUTING_JOB, SAMPLE, j -> j.put("queuedAt", at), "queuedAt");
                assertThat(e.getMessage()).contains("ISO 8601");
            }
        }

        @Test
        void bad_job_id() {
            refused(Contract.ROUTING_JOB, SAMPLE, j -> j.put("jobId", "job 1"), "jobId");
            refused(Contract.ROUTING_JOB, SAMPLE, j -> j.put("jobId", ""), "jobId");
        }
    }

    @Nested
    class Department_dispatch {
        static final String SAMPLE = "department-dispatch.json";

        @Test
        void missing_agency() { refused(Contract.DEPARTMENT_DISPATCH, SAMPLE, j -> j.remove("agencyId"), "agencyId"); }

        @Test
        void unknown_field() { refused(Contract.DEPARTMENT_DISPATCH, SAMPLE, j -> j.put("applicantName", "Nguyễn Văn An"), "applicantName"); }

        @Test
        void wrong_enum() { refused(Contract.DEPARTMENT_DISPATCH, SAMPLE, j -> j.put("reason", "received"), "reason"); }

        @Test
        void agency_must_be_a_catalog_id() {
            var e = refused(Contract.DEPARTMENT_DISPATCH, SAMPLE, j -> j.put("agencyId", "Sở KH&CN"), "agencyId");
            assertThat(e.getMessage()).contains("so-khoa-hoc-cong-nghe");
        }

        @Test
        void resubmitted_needs_its_supplement_documents_and_new_has_none() {
            refused(Contract.DEPARTMENT_DISPATCH, "department-dispatch-resubmitted.json", j -> j.remove("supplementDocumentKeys"),
                    "supplementDocumentKeys");
            refused(Contract.DEPARTMENT_DISPATCH, SAMPLE, j -> j.putArray("supplementDocumentKeys").add("k"), "supplementDocumentKeys");
            refused(Contract.DEPARTMENT_DISPATCH, "department-dispatch-resubmitted.json",
                    j -> j.putArray("supplementDocumentKeys"), "supplementDocumentKeys");
        }
    }

    @Nested
    class Department_callback {
        static final String SAMPLE = "department-callback.json";

        @Test
        void missing_nested_field_is_named_by_its_path() {
            var e = refused(Contract.DEPARTMENT_CALLBACK, SAMPLE, j -> j.with("dossier").with("applicant").remove("phone"),
                    "dossier.applicant.phone");
            assertThat(e.getMessage()).contains("Thiếu trường bắt buộc «dossier.applicant.phone»");
        }

        @Test
        void unknown_field_in_a_document() {
            refused(Contract.DEPARTMENT_CALLBACK, SAMPLE,
                    j -> ((ObjectNode) j.with("dossier").withArray("documents").get(1)).put("s3Key", "x"), "dossier.documents[1].s3Key");
        }

        @Test
        void links_are_https_and_checksums_sha256() {
            refused(Contract.DEPARTMENT_CALLBACK, SAMPLE,
                    j -> ((ObjectNode) j.with("dossier").withArray("documents").get(0)).put("url", "http://example.com/a.pdf"),
                    "dossier.documents[0].url");
            refused(Contract.DEPARTMENT_CALLBACK, SAMPLE,
                    j -> ((ObjectNode) j.with("dossier").withArray("documents").get(0)).put("checksum", "md5:abc"),
                    "dossier.documents[0].checksum");
        }

        @Test
        void bad_dates() {
            refused(Contract.DEPARTMENT_CALLBACK, SAMPLE, j -> j.with("dossier").put("appointmentDate", "16/03/2020"),
                    "dossier.appointmentDate");
            refused(Contract.DEPARTMENT_CALLBACK, SAMPLE, j -> j.with("dossier").put("appointmentDate", "2020-02-30"),
                    "dossier.appointmentDate");
        }

        @Test
        void bad_email() {
            refused(Contract.DEPARTMENT_CALLBACK, SAMPLE, j -> j.with("dossier").with("applicant").put("email", "an at example"),
                    "dossier.applicant.email");
        }

        @Test
        void resubmitted_without_supplement_documents() {
            refused(Contract.DEPARTMENT_CALLBACK, "department-callback-resubmitted.json", j -> j.remove("supplementDocuments"),
                    "supplementDocuments");
        }
    }

    @Nested
    class Department_update {

        @Test
        void the_agency_is_not_in_the_body() {
            var e = refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json",
                    j -> j.put("agencyId", "so-khoa-hoc-cong-nghe"), "agencyId");
            assertThat(e.fields().get(0).message()).contains("khóa ký");
        }

        @Test
        void missing_message_id() { refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json", j -> j.remove("messageId"), "messageId"); }

        @Test
        void message_id_is_at_most_100_characters() {
            refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json", j -> j.put("messageId", "m".repeat(101)), "messageId");
        }

        @Test
        void no_answer_or_two_answers() {
            var none = refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json", j -> j.remove("accepted"), "body");
            assertThat(none.getMessage()).contains("accepted, supplementRequired, feeRequired, resultReady, delayed", "có 0");
            var two = refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json",
                    j -> j.set("delayed", Samples.message("department-update-delayed.json").get("delayed")), "body");
            assertThat(two.getMessage()).contains("có 2");
            assertThat(two.fields()).hasSize(1);
        }

        @Test
        void refused_without_reasons() {
            var e = refused(Contract.DEPARTMENT_UPDATE, "department-update-result-refused.json",
                    j -> j.with("resultReady").remove("reasons"), "resultReady.reasons");
            assertThat(e.fields().get(0).message()).contains("phải nêu lý do");
            refused(Contract.DEPARTMENT_UPDATE, "department-update-result-refused.json",
                    j -> j.with("resultReady").putArray("reasons"), "resultReady.reasons");
            refused(Contract.DEPARTMENT_UPDATE, "department-update-result-refused.json",
                    j -> j.with("resultReady").putArray("reasons").add("  "), "resultReady.reasons[0]");
        }

        @Test
        void approved_with_reasons() {
            refused(Contract.DEPARTMENT_UPDATE, "department-update-result-approved.json",
                    j -> j.with("resultReady").putArray("reasons").add("Đủ điều kiện"), "resultReady.reasons");
        }

        @Test
        void wrong_outcome() {
            var e = refused(Contract.DEPARTMENT_UPDATE, "department-update-result-approved.json",
                    j -> j.with("resultReady").put("outcome", "rejected"), "resultReady.outcome");
            assertThat(e.getMessage()).contains("approved, refused");
        }

        @Test
        void supplement_without_items_or_reason() {
            refused(Contract.DEPARTMENT_UPDATE, "department-update-supplement-required.json",
                    j -> j.with("supplementRequired").putArray("items"), "supplementRequired.items");
            refused(Contract.DEPARTMENT_UPDATE, "department-update-supplement-required.json",
                    j -> j.with("supplementRequired").remove("reason"), "supplementRequired.reason");
        }

        @Test
        void fee_must_be_a_positive_whole_number_of_dong() {
            refused(Contract.DEPARTMENT_UPDATE, "department-update-fee-required.json", j -> j.with("feeRequired").put("amountVnd", 0),
                    "feeRequired.amountVnd");
            refused(Contract.DEPARTMENT_UPDATE, "department-update-fee-required.json", j -> j.with("feeRequired").put("amountVnd", "200000"),
                    "feeRequired.amountVnd");
            refused(Contract.DEPARTMENT_UPDATE, "department-update-fee-required.json", j -> j.with("feeRequired").put("amountVnd", 1500.5),
                    "feeRequired.amountVnd");
        }

        @Test
        void delay_needs_an_iso_date() {
            var e = refused(Contract.DEPARTMENT_UPDATE, "department-update-delayed.json",
                    j -> j.with("delayed").put("newAppointment", "25/03/2020"), "delayed.newAppointment");
            assertThat(e.getMessage()).contains("YYYY-MM-DD");
            refused(Contract.DEPARTMENT_UPDATE, "department-update-delayed.json",
                    j -> j.with("delayed").put("newAppointment", "2020-03-25T00:00:00Z"), "delayed.newAppointment");
        }

        @Test
        void unknown_field_inside_an_answer() {
            refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json", j -> j.with("accepted").put("officer", "Lê Thị B"),
                    "accepted.officer");
        }

        @Test
        void bad_code_and_sent_at() {
            refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json", j -> j.put("dossierCode", "0007"), "dossierCode");
            refused(Contract.DEPARTMENT_UPDATE, "department-update-accepted.json", j -> j.put("sentAt", "hôm nay"), "sentAt");
        }
    }

    @Nested
    class Notification_job {
        static final String SAMPLE = "notification-job.json";

        @Test
        void missing_event_id() { refused(Contract.NOTIFICATION_JOB, SAMPLE, j -> j.remove("eventId"), "eventId"); }

        @Test
        void personal_data_has_no_place_in_it() {
            refused(Contract.NOTIFICATION_JOB, SAMPLE, j -> j.put("email", "an@example.vn"), "email");
        }

        @Test
        void wrong_event_kind() { refused(Contract.NOTIFICATION_JOB, SAMPLE, j -> j.put("eventKind", "SUPPLEMENT_REQUESTED"), "eventKind"); }

        @Test
        void bad_code() { refused(Contract.NOTIFICATION_JOB, SAMPLE, j -> j.put("dossierCode", "000.00.92.H48-200302"), "dossierCode"); }
    }
}
