package vn.motcua.reference;

import org.junit.jupiter.api.Test;
import vn.motcua.desk.Desk;
import vn.motcua.domain.catalog.CatalogException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The operator's desk file and the forms' legal bases: the shipped ones load; a bad one names file and field. */
class DeskAndFormsFilesTest {

    static final String DESK = """
            {"id": "buu-dien", "name": "Bộ phận", "host": "Trung tâm", "province": "Quảng Ngãi", "place": "Quảng Ngãi",
             "address": "54 Hùng Vương", "phone": "0255 3 822 000",
             "openingHours": {"monday": ["07:00-11:30", "13:30-17:00"], "tuesday": [], "wednesday": [], "thursday": [],
                              "friday": [], "saturday": %s, "sunday": []},
             "sameDayCutOff": %s}
            """;

    @Test
    void the_shipped_files_pass_their_schemas() throws Exception {
        var project = java.nio.file.Path.of("..").toAbsolutePath().normalize();
        DeskFile.read(java.nio.file.Files.readString(project.resolve("infra/seed/desk/desk.json")), "desk.json");
        LegalBases.read(java.nio.file.Files.readString(project.resolve("infra/seed/forms/legal-bases.json")), "legal-bases.json", true);
    }

    @Test
    void the_shipped_desk_file_loads_with_its_opening_hours() {
        Desk desk = Desk.QUANG_NGAI_POST;
        assertThat(desk.hostVi()).isEqualTo("Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi");
        assertThat(desk.sameDayCutOff()).isEqualTo(LocalTime.of(15, 0));
        assertThat(desk.openingHours().sessions(DayOfWeek.SATURDAY)).hasSize(1);
        assertThat(desk.openingHours().inVietnamese())
                .isEqualTo("Thứ Hai đến thứ Sáu: 07:00–11:30, 13:30–17:00; Thứ Bảy: 07:00–11:30");
    }

    @Test
    void a_bad_desk_file_names_the_file_and_each_field() {
        var e = catchThrowableOfType(() -> DeskFile.read(DESK.formatted("[\"7h-11h30\"]", "\"3pm\""), "desk.json"), CatalogException.class);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("desk.json /openingHours/saturday/0: ").contains("7h-11h30"))
                .anySatisfy(p -> assertThat(p).startsWith("desk.json /sameDayCutOff: ").contains("3pm"));
        var reversed = catchThrowableOfType(() -> DeskFile.read(DESK.formatted("[\"11:30-07:00\"]", "\"15:00\""), "desk.json"),
                CatalogException.class);
        assertThat(reversed.problems()).containsExactly("desk.json /openingHours/saturday/0: a session ends after it starts, got \"11:30-07:00\"");
    }

    @Test
    void opening_hours_give_the_appointments_hour_and_what_after_hours_means() {
        var hours = DeskFile.read(DESK.formatted("[\"07:00-11:30\"]", "\"15:00\""), "desk.json").openingHours();
        var monday = LocalDate.of(2026, 3, 2);
        assertThat(hours.appointmentTime(monday, monday.minusDays(5))).contains(LocalTime.of(13, 30));
        assertThat(hours.appointmentTime(monday, monday)).as("due the day of receipt: by closing").contains(LocalTime.of(17, 0));
        // a make-up Saturday is a full working day: a Monday's sessions when the week's Saturday opens less
        assertThat(hours.appointmentTime(monday.plusDays(5), monday)).contains(LocalTime.of(13, 30));
        assertThat(hours.isAfterHours(monday.atTime(17, 30))).isTrue();
        assertThat(hours.isAfterHours(monday.atTime(16, 59))).isFalse();
        assertThat(hours.isAfterHours(monday.plusDays(5).atTime(12, 0))).as("Saturday afternoon").isTrue();
    }

    @Test
    void the_legal_basis_in_force_on_the_day_of_receipt() {
        var bases = LegalBases.bundled();
        assertThat(bases.inForceOn(LocalDate.of(2025, 6, 30)).orElseThrow().id()).isEqualTo("TT01-2018");
        var now = bases.inForceOn(LocalDate.of(2025, 7, 1)).orElseThrow();
        assertThat(now.id()).isEqualTo("ND118-2025");
        assertThat(now.provisional()).isTrue();
        assertThat(now.form("01").orElseThrow().citation()).startsWith("Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025");
        assertThat(bases.inForceOn(LocalDate.of(2018, 1, 1))).isEmpty();
    }

    @Test
    void a_bad_legal_bases_file_names_the_file_and_each_field() {
        String json = """
                {"bases": [
                  {"id": "TT01-2018", "from": "2019-01-06", "provisional": false, "name": "x",
                   "forms": {"01": {"number": "01", "title": "t", "citation": "c"}}},
                  {"id": "ND118-2025", "from": "2018-07-01", "provisional": "yes", "name": "y",
                   "forms": {"09": {"number": "09", "title": "t", "citation": "c"}, "06": {"number": "06", "title": "t", "citation": "c"}}}
                ]}
                """;
        var e = catchThrowableOfType(() -> LegalBases.read(json, "legal-bases.json", true), CatalogException.class);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("legal-bases.json /bases/1/provisional: "))
                .anySatisfy(p -> assertThat(p).startsWith("legal-bases.json /bases/1/forms"));
        String late = json.replace("\"yes\"", "true").replace("\"09\": {\"number\": \"09\", \"title\": \"t\", \"citation\": \"c\"}, ", "");
        var order = catchThrowableOfType(() -> LegalBases.read(late, "legal-bases.json", true), CatalogException.class);
        assertThat(order.problems()).contains("legal-bases.json /bases/1/from: must come after the previous basis's from (2019-01-06)")
                .anySatisfy(p -> assertThat(p).startsWith("legal-bases.json /bases/1/forms/06: its template form-06.mustache"));
    }
}
