package vn.motcua.reference;

import vn.motcua.domain.calendar.DayOff;
import vn.motcua.domain.calendar.HolidayDataException;
import vn.motcua.domain.calendar.HolidaySource;
import vn.motcua.domain.calendar.HolidayYear;
import vn.motcua.domain.calendar.MakeUpDay;
import vn.motcua.domain.calendar.UnconfirmedPeriod;
import vn.motcua.domain.calendar.WorkingCalendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The yearly holiday tables, one JSON file per year (schema: {@code reference/holiday-year.schema.json};
 * see {@code infra/seed/calendar/README.md}), read into the {@link WorkingCalendar}. All or nothing:
 * one bad file and no calendar is built, the {@link HolidayDataException} listing the problems of
 * every file, each with file and JSON pointer. The schema checks each field; the rules here are a
 * holiday table's own: dates in the file's year and listed once, compensatory and swapped days on
 * weekdays, make-up days on weekends, each swapped day paid back exactly once, and nothing left
 * unconfirmed in an official table (a provisional one says what is).
 */
public final class HolidayTables {

    private static final String SCHEMA = "reference/holiday-year.schema.json";

    private HolidayTables() {}

    // The file's shape, named as its keys.
    record YearFile(Integer year, String status, List<SourceEntry> sources, List<DayOffEntry> daysOff,
                    List<MakeUpEntry> makeUpDays, List<UnconfirmedEntry> unconfirmed, String notes) {}
    record SourceEntry(String document, String issuer, String date, String covers, String url, String note) {}
    record DayOffEntry(String date, String name, String kind, String repaidOn) {}
    record MakeUpEntry(String date, String repays, String name) {}
    record UnconfirmedEntry(String from, String to, String what) {}

    /** Tables from outside (an operator's, before publishing), keyed by file name: the schema, then the rules. */
    public static WorkingCalendar validate(Map<String, String> jsonBySourceName) {
        return calendar(jsonBySourceName, true);
    }

    /** The copies stored when they were published (and so validated): bound and checked by the rules, without the schema validator. */
    public static WorkingCalendar read(Map<String, String> jsonBySourceName) {
        return calendar(jsonBySourceName, false);
    }

    /** One table from outside; {@code sourceName} (the file name) starts every problem. */
    public static HolidayYear validateYear(String json, String sourceName) {
        return year(json, sourceName, true);
    }

    private static WorkingCalendar calendar(Map<String, String> jsonBySourceName, boolean withSchema) {
        List<String> problems = new ArrayList<>();
        List<HolidayYear> years = new ArrayList<>();
        new TreeMap<>(jsonBySourceName).forEach((source, json) -> {
            try {
                years.add(year(json, source, withSchema));
            } catch (HolidayDataException e) {
                problems.addAll(e.problems());
            }
        });
        if (!problems.isEmpty()) throw new HolidayDataException(problems);
        return WorkingCalendar.of(years);
    }

    private static HolidayYear year(String json, String sourceName, boolean withSchema) {
        List<String> problems = new ArrayList<>();
        var file = new ReferenceFile(sourceName, ReferenceFile.Style.HOLIDAY_TABLE, problems);
        var tree = file.tree(json);
        if (tree == null) throw new HolidayDataException(problems);
        if (withSchema) file.check(tree, SCHEMA);
        var bound = file.bind(tree, YearFile.class);
        if (bound == null) throw new HolidayDataException(problems);
        var year = new Table(bound, file).read();
        if (year == null && problems.isEmpty()) problems.add(sourceName + ": no year or no status"); // a stored copy changed by hand
        if (!problems.isEmpty()) throw new HolidayDataException(problems);
        return year;
    }

    /** One bound file and the rules over it; a value the schema refused reads as null and is skipped. */
    private static final class Table {
        private final YearFile f;
        private final ReferenceFile file;
        private final Integer year;
        /** Where each dated entry stands in the file, for pointers after sorting. */
        private final Map<LocalDate, String> dayOffAt = new HashMap<>();
        private final Map<LocalDate, String> makeUpAt = new HashMap<>();

        Table(YearFile f, ReferenceFile file) {
            this.f = f;
            this.file = file;
            this.year = f.year();
        }

        HolidayYear read() {
            HolidayYear.Status status = f.status() == null ? null : HolidayYear.Status.valueOf(f.status().toUpperCase(java.util.Locale.ROOT));
            var sources = sources();
            var daysOff = daysOff();
            var makeUps = makeUps();
            var unconfirmed = unconfirmed();
            if (status == HolidayYear.Status.OFFICIAL && !unconfirmed.isEmpty()) {
                file.problem("/unconfirmed", "an official table has nothing unconfirmed: mark it provisional or empty the list");
            }
            if (status == HolidayYear.Status.PROVISIONAL && f.unconfirmed() != null && f.unconfirmed().isEmpty()) {
                file.problem("/unconfirmed", "a provisional table must say what is unconfirmed (from, to, what)");
            }
            crossCheckSwaps(daysOff, makeUps);
            if (year == null || status == null) return null; // the schema has said why
            return new HolidayYear(year, status, sources, daysOff, makeUps, unconfirmed, ReferenceFile.text(f.notes()), file.file());
        }

        private List<HolidaySource> sources() {
            var sources = new ArrayList<HolidaySource>();
            var entries = ReferenceFile.list(f.sources());
            for (int i = 0; i < entries.size(); i++) {
                var s = entries.get(i);
                if (s == null) continue;
                String document = ReferenceFile.text(s.document());
                String issuer = ReferenceFile.text(s.issuer());
                String date = ReferenceFile.text(s.date());
                if (date != null && !realPartialDate(date)) {
                    file.problem(ReferenceFile.at("sources", i) + "/date", "impossible date \"" + date + "\"");
                    date = null;
                }
                if (document != null && issuer != null && date != null) {
                    sources.add(new HolidaySource(document, issuer, date, ReferenceFile.text(s.covers()),
                            ReferenceFile.text(s.url()), ReferenceFile.text(s.note())));
                }
            }
            return sources;
        }

        private List<DayOff> daysOff() {
            var days = new ArrayList<DayOff>();
            var entries = ReferenceFile.list(f.daysOff());
            for (int i = 0; i < entries.size(); i++) {
                var d = entries.get(i);
                if (d == null) continue;
                String at = ReferenceFile.at("daysOff", i);
                LocalDate date = date(d.date());
                if (date != null) {
                    inYear(date, at + "/date");
                    once(date, at, dayOffAt);
                }
                DayOff.Kind kind = d.kind() == null ? null : DayOff.Kind.fromCode(d.kind()).orElse(null);
                if (date != null && kind != null && HolidayYear.isWeekend(date)
                        && (kind == DayOff.Kind.COMPENSATORY || kind == DayOff.Kind.SWAPPED)) {
                    file.problem(at + "/date", "a " + kind.code() + " day off must be a weekday, " + date + " is a " + date.getDayOfWeek());
                }
                LocalDate repaidOn = repaidOn(date(d.repaidOn()), kind, at + "/repaidOn");
                String name = ReferenceFile.text(d.name());
                if (date != null && name != null && kind != null) days.add(new DayOff(date, name, kind, repaidOn));
            }
            days.sort(Comparator.comparing(DayOff::date));
            return days;
        }

        /** A swapped day repaid across New Year names its make-up day, a weekend day of the year before or after. */
        private LocalDate repaidOn(LocalDate repaidOn, DayOff.Kind kind, String at) {
            if (repaidOn == null) return null;
            if (kind != null && kind != DayOff.Kind.SWAPPED) {
                file.problem(at, "only a swapped day off is repaid");
            } else if (year != null && repaidOn.getYear() == year) {
                file.problem(at, "the make-up day " + repaidOn + " is in this year: list it in makeUpDays instead");
            } else if (year != null && Math.abs(repaidOn.getYear() - year) != 1) {
                file.problem(at, repaidOn + " is not in the previous or the next year");
            } else if (!HolidayYear.isWeekend(repaidOn)) {
                file.problem(at, "a make-up day must be a Saturday or Sunday, " + repaidOn + " is a " + repaidOn.getDayOfWeek());
            } else {
                return repaidOn;
            }
            return null;
        }

        private List<MakeUpDay> makeUps() {
            var days = new ArrayList<MakeUpDay>();
            var entries = ReferenceFile.list(f.makeUpDays());
            for (int i = 0; i < entries.size(); i++) {
                var m = entries.get(i);
                if (m == null) continue;
                String at = ReferenceFile.at("makeUpDays", i);
                LocalDate date = date(m.date());
                if (date != null) {
                    inYear(date, at + "/date");
                    once(date, at, makeUpAt);
                    if (!HolidayYear.isWeekend(date)) {
                        file.problem(at + "/date", "a make-up working day must be a Saturday or Sunday, " + date + " is a "
                                + date.getDayOfWeek());
                    }
                }
                LocalDate repays = date(m.repays());
                if (repays != null && year != null && Math.abs(repays.getYear() - year) > 1) {
                    file.problem(at + "/repays", repays + " is not in this, the previous or the next year");
                }
                String name = ReferenceFile.text(m.name());
                if (date != null && repays != null && name != null) days.add(new MakeUpDay(date, repays, name));
            }
            days.sort(Comparator.comparing(MakeUpDay::date));
            return days;
        }

        private List<UnconfirmedPeriod> unconfirmed() {
            var periods = new ArrayList<UnconfirmedPeriod>();
            var entries = ReferenceFile.list(f.unconfirmed());
            for (int i = 0; i < entries.size(); i++) {
                var u = entries.get(i);
                if (u == null) continue;
                String at = ReferenceFile.at("unconfirmed", i);
                LocalDate from = date(u.from());
                LocalDate to = date(u.to());
                if (from != null) inYear(from, at + "/from");
                if (to != null) inYear(to, at + "/to");
                String what = ReferenceFile.text(u.what());
                if (from != null && to != null && to.isBefore(from)) {
                    file.problem(at + "/to", to + " is before from " + from);
                } else if (from != null && to != null && what != null) {
                    periods.add(new UnconfirmedPeriod(from, to, what));
                }
            }
            return periods;
        }

        /** Every make-up day pays back a swapped day; every swapped day is paid back exactly once. */
        private void crossCheckSwaps(List<DayOff> daysOff, List<MakeUpDay> makeUps) {
            if (year == null) return;
            Map<LocalDate, DayOff> offByDate = new LinkedHashMap<>();
            daysOff.forEach(d -> offByDate.put(d.date(), d));
            Map<LocalDate, List<LocalDate>> repaidBy = new HashMap<>();
            for (MakeUpDay makeUp : makeUps) {
                String at = makeUpAt.get(makeUp.date());
                if (offByDate.containsKey(makeUp.date())) {
                    file.problem(at + "/date", makeUp.date() + " is listed both as a day off and as a make-up working day");
                }
                if (makeUp.repays().getYear() == year) {
                    DayOff repaid = offByDate.get(makeUp.repays());
                    if (repaid == null) {
                        file.problem(at + "/repays", makeUp.repays() + " is not a day off in this table");
                    } else if (repaid.kind() != DayOff.Kind.SWAPPED) {
                        file.problem(at + "/repays", makeUp.repays() + " is a " + repaid.kind().code()
                                + " day off; only a swapped one is paid back");
                    }
                }
                repaidBy.computeIfAbsent(makeUp.repays(), k -> new ArrayList<>()).add(makeUp.date());
            }
            for (DayOff day : daysOff) {
                if (day.kind() != DayOff.Kind.SWAPPED) continue;
                String at = dayOffAt.get(day.date());
                List<LocalDate> payers = repaidBy.getOrDefault(day.date(), List.of());
                if (payers.size() > 1) {
                    file.problem(at, "swapped day " + day.date() + " is paid back by more than one make-up day: " + payers);
                } else if (payers.isEmpty() && day.repaidOn() == null) {
                    file.problem(at, "swapped day " + day.date() + " has no make-up day: add one to makeUpDays, or set"
                            + " repaidOn when it is in the next or previous year");
                } else if (!payers.isEmpty() && day.repaidOn() != null) {
                    file.problem(at + "/repaidOn", "swapped day " + day.date() + " is already paid back by " + payers.get(0));
                }
            }
        }

        /** The date the schema let through (form and calendar checked there); null when it refused it. */
        private static LocalDate date(String text) {
            try {
                return text == null ? null : LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                return null; // only in a stored copy changed by hand: the schema refuses it in a published file
            }
        }

        private void inYear(LocalDate date, String at) {
            if (year != null && date.getYear() != year) file.problem(at, date + " is outside the file's year " + year);
        }

        /** Records where a date is listed first; a second listing is a problem. */
        private void once(LocalDate date, String at, Map<LocalDate, String> seen) {
            String earlier = seen.putIfAbsent(date, at);
            if (earlier != null) file.problem(at + "/date", "duplicate: " + date + " is already listed at " + earlier);
        }

        /** YYYY-MM-DD, YYYY-MM or YYYY (the schema checks the form) naming a real day or month. */
        private static boolean realPartialDate(String text) {
            try {
                switch (text.length()) {
                    case 10 -> LocalDate.parse(text);
                    case 7 -> LocalDate.parse(text + "-01");
                    default -> { }
                }
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
