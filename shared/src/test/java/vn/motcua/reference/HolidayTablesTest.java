package vn.motcua.reference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.motcua.domain.calendar.DayOff;
import vn.motcua.domain.calendar.HolidayDataException;
import vn.motcua.domain.calendar.HolidayYear;
import vn.motcua.domain.calendar.MakeUpDay;
import vn.motcua.domain.calendar.WorkingCalendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HolidayTablesTest {

    private static final String SOURCE = """
            "sources": [{ "document": "Thông báo số 1/TB-TEST", "issuer": "Bộ Nội vụ", "date": "2025-10-16" }]""";

    /** A small valid table; tests replace one part of it with a broken one. */
    private static String table(int year, String status, String daysOff, String makeUps, String unconfirmed) {
        return """
                { "year": %d, "status": "%s", %s,
                  "daysOff": [%s], "makeUpDays": [%s], "unconfirmed": [%s] }
                """.formatted(year, status, SOURCE, daysOff, makeUps, unconfirmed);
    }

    private static String valid(String daysOff) {
        return table(2030, "official", daysOff, "", "");
    }

    private static List<String> problems(String json) {
        return catchThrowableOfType(() -> HolidayTables.validateYear(json, "2030.json"), HolidayDataException.class).problems();
    }

    @Test
    void reads_a_valid_table() {
        HolidayYear year = HolidayTables.validateYear(table(2030, "provisional", """
                { "date": "2030-01-01", "name": "Tết Dương lịch", "kind": "holiday" },
                { "date": "2030-09-03", "name": "Nghỉ hoán đổi", "kind": "swapped" }""", """
                { "date": "2030-09-14", "repays": "2030-09-03", "name": "Làm bù" }""", """
                { "from": "2030-02-01", "to": "2030-02-10", "what": "Tết not announced" }"""), "2030.json");

        assertThat(year.year()).isEqualTo(2030);
        assertThat(year.status()).isEqualTo(HolidayYear.Status.PROVISIONAL);
        assertThat(year.sources()).singleElement().satisfies(s -> assertThat(s.issuer()).isEqualTo("Bộ Nội vụ"));
        assertThat(year.dayOff(LocalDate.of(2030, 1, 1))).get().extracting(DayOff::kind).isEqualTo(DayOff.Kind.HOLIDAY);
        assertThat(year.makeUpDays()).singleElement().extracting(MakeUpDay::repays).isEqualTo(LocalDate.of(2030, 9, 3));
        assertThat(year.unconfirmed()).hasSize(1);
        assertThat(year.sourceName()).isEqualTo("2030.json");
    }

    @Test
    @DisplayName("an impossible date (30 February) is refused, naming the file and the field")
    void impossible_date() {
        assertThat(problems(valid("""
                { "date": "2030-02-30", "name": "X", "kind": "holiday" }""")))
                .containsExactly("2030.json /daysOff/0/date: impossible date \"2030-02-30\"");
    }

    @Test
    void date_not_written_as_iso() {
        assertThat(problems(valid("""
                { "date": "1/1/2030", "name": "X", "kind": "holiday" }""")))
                .singleElement().asString().contains("/daysOff/0/date", "YYYY-MM-DD");
    }

    @Test
    void date_outside_the_files_year() {
        assertThat(problems(valid("""
                { "date": "2030-01-01", "name": "A", "kind": "holiday" },
                { "date": "2031-01-01", "name": "B", "kind": "holiday" }""")))
                .containsExactly("2030.json /daysOff/1/date: 2031-01-01 is outside the file's year 2030");
    }

    @Test
    void duplicate_day_off() {
        assertThat(problems(valid("""
                { "date": "2030-04-30", "name": "A", "kind": "holiday" },
                { "date": "2030-04-30", "name": "B", "kind": "holiday" }""")))
                .containsExactly("2030.json /daysOff/1/date: duplicate: 2030-04-30 is already listed at /daysOff/0");
    }

    @Test
    @DisplayName("a make-up working day on a weekday (Monday 16 Sep 2030) is refused")
    void make_up_day_must_be_a_weekend_day() {
        List<String> problems = problems(table(2030, "official", """
                { "date": "2030-09-03", "name": "Nghỉ hoán đổi", "kind": "swapped" }""", """
                { "date": "2030-09-16", "repays": "2030-09-03", "name": "Làm bù" }""", ""));
        assertThat(problems).containsExactly(
                "2030.json /makeUpDays/0/date: a make-up working day must be a Saturday or Sunday, 2030-09-16 is a MONDAY");
    }

    @Test
    void missing_source() {
        String noSources = """
                { "year": 2030, "status": "official", "daysOff": [], "makeUpDays": [], "unconfirmed": [] }""";
        assertThat(problems(noSources)).containsExactly("2030.json /sources: missing (use [] when there is none)");

        String emptySources = noSources.replace("\"daysOff\"", "\"sources\": [], \"daysOff\"");
        assertThat(problems(emptySources)).singleElement().asString()
                .startsWith("2030.json /sources: missing source");

        String sourceWithoutIssuer = noSources.replace("\"daysOff\"",
                "\"sources\": [{ \"document\": \"Thông báo\", \"date\": \"2030\" }], \"daysOff\"");
        assertThat(problems(sourceWithoutIssuer)).containsExactly("2030.json /sources/0/issuer: missing");
    }

    @Test
    void unknown_fields_are_named() {
        String json = valid("").replace("\"makeUpDays\"", "\"makeupDays\": [], \"makeUpDays\"");
        assertThat(problems(json)).singleElement().asString().contains("2030.json /:", "unknown field(s) [makeupDays]");
    }

    @Test
    void unknown_kind() {
        assertThat(problems(valid("""
                { "date": "2030-01-01", "name": "X", "kind": "festival" }""")))
                .singleElement().asString().contains("/daysOff/0/kind", "festival");
    }

    @Test
    void compensatory_day_on_a_weekend_is_refused() {
        assertThat(problems(valid("""
                { "date": "2030-01-05", "name": "Nghỉ bù", "kind": "compensatory" }""")))
                .containsExactly("2030.json /daysOff/0/date: a compensatory day off must be a weekday, 2030-01-05 is a SATURDAY");
    }

    @Test
    void swapped_day_needs_its_make_up_day() {
        assertThat(problems(valid("""
                { "date": "2030-09-03", "name": "Nghỉ hoán đổi", "kind": "swapped" }""")))
                .singleElement().asString().contains("/daysOff/0", "has no make-up day");
    }

    @Test
    void make_up_day_must_repay_a_swapped_day() {
        List<String> problems = problems(table(2030, "official", """
                { "date": "2030-09-02", "name": "Quốc khánh", "kind": "holiday" }""", """
                { "date": "2030-09-14", "repays": "2030-09-02", "name": "Làm bù" }""", ""));
        assertThat(problems).containsExactly(
                "2030.json /makeUpDays/0/repays: 2030-09-02 is a holiday day off; only a swapped one is paid back");
    }

    @Test
    void an_official_table_has_nothing_unconfirmed_and_a_provisional_one_says_what() {
        assertThat(problems(table(2030, "official", "", "", """
                { "from": "2030-02-01", "to": "2030-02-10", "what": "Tết" }""")))
                .singleElement().asString().startsWith("2030.json /unconfirmed: an official table");
        assertThat(problems(table(2030, "provisional", "", "", "")))
                .singleElement().asString().startsWith("2030.json /unconfirmed: a provisional table must say");
        assertThat(problems(table(2030, "draft", "", "", "")))
                .singleElement().asString().startsWith("2030.json /status:");
    }

    @Test
    void not_json_at_all() {
        assertThat(problems("{ \"year\": 2030, ")).singleElement().asString().startsWith("2030.json: not valid JSON");
        assertThat(problems("[]")).containsExactly("2030.json: the file must hold one JSON object");
    }

    @Test
    void a_key_given_twice_is_an_error_not_a_silent_override() {
        String json = valid("").replace("\"status\": \"official\"", "\"status\": \"official\", \"status\": \"provisional\"");
        assertThat(problems(json)).singleElement().asString().contains("2030.json", "Duplicate field 'status'");
    }

    @Test
    @DisplayName("every problem in a file is reported at once, so an operator fixes them in one pass")
    void all_problems_at_once() {
        List<String> problems = problems(table(2030, "official", """
                { "date": "2030-02-30", "name": "A", "kind": "holiday" },
                { "date": "2031-01-01", "name": "", "kind": "holiday" }""", """
                { "date": "2030-09-16", "repays": "2030-09-03", "name": "Làm bù" }""", ""));
        assertThat(problems).containsExactlyInAnyOrder(
                "2030.json /daysOff/0/date: impossible date \"2030-02-30\"",
                "2030.json /daysOff/1/date: 2031-01-01 is outside the file's year 2030",
                "2030.json /daysOff/1/name: is blank",
                "2030.json /makeUpDays/0/date: a make-up working day must be a Saturday or Sunday, 2030-09-16 is a MONDAY",
                "2030.json /makeUpDays/0/repays: 2030-09-03 is not a day off in this table");
    }

    @Test
    @DisplayName("a swap across New Year: the swapped day says where it is repaid, and the two loaded years must agree")
    void swap_across_new_year() {
        String y2030 = table(2030, "official", """
                { "date": "2030-12-31", "name": "Nghỉ hoán đổi", "kind": "swapped", "repaidOn": "2031-01-04" }""", "", "");
        String y2031 = table(2031, "official", "", """
                { "date": "2031-01-04", "repays": "2030-12-31", "name": "Làm bù" }""", "");
        WorkingCalendar calendar = HolidayTables.validate(Map.of("2030.json", y2030, "2031.json", y2031));
        assertThat(calendar.isWorkingDay(LocalDate.of(2030, 12, 31))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 4))).isTrue();

        String wrong2031 = table(2031, "official", "", """
                { "date": "2031-01-11", "repays": "2030-12-31", "name": "Làm bù" }""", "");
        assertThatThrownBy(() -> HolidayTables.validate(Map.of("2030.json", y2030, "2031.json", wrong2031)))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("2030.json: swapped day 2030-12-31 says it is repaid on 2031-01-04")
                .hasMessageContaining("2031.json: make-up day 2031-01-11 repays 2030-12-31");
    }

    @Test
    @DisplayName("loading is all or nothing: one broken file and no calendar is built, with every file's problems listed")
    void all_or_nothing() {
        Map<String, String> files = Map.of(
                "2030.json", valid(""),
                "2031.json", table(2031, "official", """
                        { "date": "2031-02-29", "name": "X", "kind": "tet" }""", "", ""),
                "2032.json", "not json");
        HolidayDataException e = catchThrowableOfType(() -> HolidayTables.validate(files), HolidayDataException.class);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("2031.json /daysOff/0/date: impossible date", "2032.json: not valid JSON");
    }

    @Test
    void a_year_that_is_not_a_year_is_named_with_its_value() {
        assertThat(problems(valid("").replace("\"year\": 2030", "\"year\": 1800")))
                .containsExactly("2030.json /year: must be a whole year such as 2026, got 1800");
        assertThat(problems(valid("").replace("\"year\": 2030", "\"year\": \"2030\"")))
                .containsExactly("2030.json /year: must be a whole year such as 2026, got \"2030\"");
        assertThat(problems(valid("").replace("\"daysOff\": []", "\"daysOff\": {}")))
                .containsExactly("2030.json /daysOff: must be a list");
        assertThat(problems(valid("5"))).containsExactly("2030.json /daysOff/0: must be an object with date, name, kind");
    }

    @Test
    void the_stored_copies_read_without_the_schema_to_the_same_calendar() {
        var files = Map.of("2030.json", table(2030, "provisional", """
                { "date": "2030-01-01", "name": "Tết Dương lịch", "kind": "holiday" },
                { "date": "2030-09-03", "name": "Nghỉ hoán đổi", "kind": "swapped" }""", """
                { "date": "2030-09-14", "repays": "2030-09-03", "name": "Làm bù" }""", """
                { "from": "2030-02-01", "to": "2030-02-10", "what": "Tết not announced" }"""));
        assertThat(HolidayTables.read(files).year(2030)).isEqualTo(HolidayTables.validate(files).year(2030));
        var swapWithoutMakeUp = Map.of("2030.json", valid("""
                { "date": "2030-09-03", "name": "Nghỉ hoán đổi", "kind": "swapped" }"""));
        assertThatThrownBy(() -> HolidayTables.read(swapWithoutMakeUp)).isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("has no make-up day");
    }

    @Test
    void the_same_year_twice_is_refused() {
        assertThatThrownBy(() -> HolidayTables.validate(Map.of("2030.json", valid(""), "2030-copy.json", valid(""))))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("year 2030 is already loaded from");
    }
}
