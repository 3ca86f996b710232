package vn.motcua.domain.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.edge.Json;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One year's holiday table, as published for civil servants: the days off and the make-up
 * working Saturdays, with the documents it rests on. Read from a JSON file per year (see
 * {@code infra/seed/calendar/README.md}) by {@link #parse}.
 *
 * <p>A table is {@link Status#OFFICIAL} when every day in it comes from a notice, and
 * {@link Status#PROVISIONAL} when part of it is an estimate; a provisional table lists each
 * unconfirmed stretch in {@link #unconfirmed()}, and only a provisional one may.
 */
public record HolidayYear(
        int year,
        Status status,
        List<HolidaySource> sources,
        List<DayOff> daysOff,
        List<MakeUpDay> makeUpDays,
        List<UnconfirmedPeriod> unconfirmed,
        String notes,
        String sourceName) {

    public enum Status { OFFICIAL, PROVISIONAL }

    public HolidayYear {
        Objects.requireNonNull(status, "status");
        sources = List.copyOf(sources);
        daysOff = List.copyOf(daysOff);
        makeUpDays = List.copyOf(makeUpDays);
        unconfirmed = List.copyOf(unconfirmed);
        Objects.requireNonNull(sourceName, "sourceName");
    }

    public Optional<DayOff> dayOff(LocalDate date) {
        return daysOff.stream().filter(d -> d.date().equals(date)).findFirst();
    }

    public Optional<MakeUpDay> makeUpDay(LocalDate date) {
        return makeUpDays.stream().filter(m -> m.date().equals(date)).findFirst();
    }

    // ---------------------------------------------------------------------------------------
    // Parsing

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern PARTIAL_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
    private static final Set<String> TOP_FIELDS =
            Set.of("year", "status", "sources", "daysOff", "makeUpDays", "unconfirmed", "notes");
    private static final Set<String> SOURCE_FIELDS = Set.of("document", "issuer", "date", "covers", "url", "note");
    private static final Set<String> DAY_OFF_FIELDS = Set.of("date", "name", "kind", "repaidOn");
    private static final Set<String> MAKE_UP_FIELDS = Set.of("date", "repays", "name");
    private static final Set<String> UNCONFIRMED_FIELDS = Set.of("from", "to", "what");

    /**
     * Reads and validates one year's table.
     *
     * @param json       the file's text
     * @param sourceName the file name (or the name of the stored copy), used in every error
     * @throws HolidayDataException listing every problem found, each with file and JSON pointer
     */
    public static HolidayYear parse(String json, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        return new Reader(sourceName).read(json);
    }

    /** Collects problems while reading, so one run reports all of them. */
    private static final class Reader {
        private final String sourceName;
        private final List<String> problems = new ArrayList<>();

        Reader(String sourceName) {
            this.sourceName = sourceName;
        }

        HolidayYear read(String json) {
            JsonNode root;
            try {
                root = Json.treeWithoutDuplicates(json == null ? "" : json);
            } catch (JsonProcessingException e) {
                throw new HolidayDataException(List.of(sourceName + ": not valid JSON: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")")));
            }
            if (root == null || !root.isObject()) {
                throw new HolidayDataException(List.of(sourceName + ": the file must hold one JSON object"));
            }
            unknownFields(root, "", TOP_FIELDS);

            Integer year = null;
            JsonNode yearNode = root.get("year");
            if (yearNode == null || yearNode.isNull()) problem("/year", "missing");
            else if (!yearNode.isIntegralNumber() || yearNode.asInt() < 1900 || yearNode.asInt() > 2200) {
                problem("/year", "must be a whole year such as 2026, got " + Json.write(yearNode));
            } else year = yearNode.asInt();

            Status status = null;
            String statusText = text(root, "", "status", true);
            if (statusText != null) {
                switch (statusText) {
                    case "official" -> status = Status.OFFICIAL;
                    case "provisional" -> status = Status.PROVISIONAL;
                    default -> problem("/status", "must be \"official\" or \"provisional\", got \"" + statusText + "\"");
                }
            }

            List<HolidaySource> sources = readSources(root);
            List<DayOff> daysOff = readDaysOff(root, year);
            List<MakeUpDay> makeUps = readMakeUps(root, year);
            List<UnconfirmedPeriod> unconfirmed = readUnconfirmed(root, year);
            String notes = text(root, "", "notes", false);

            if (status == Status.OFFICIAL && !unconfirmed.isEmpty()) {
                problem("/unconfirmed", "an official table has nothing unconfirmed: mark it provisional or empty the list");
            }
            JsonNode unconfirmedNode = root.get("unconfirmed");
            if (status == Status.PROVISIONAL && unconfirmedNode != null && unconfirmedNode.isArray()
                    && unconfirmedNode.isEmpty()) {
                problem("/unconfirmed", "a provisional table must say what is unconfirmed (from, to, what)");
            }
            crossCheckSwaps(root, year, daysOff, makeUps);

            if (!problems.isEmpty()) throw new HolidayDataException(problems);
            return new HolidayYear(year, status, sources, daysOff, makeUps, unconfirmed, notes, sourceName);
        }

        private List<HolidaySource> readSources(JsonNode root) {
            List<HolidaySource> sources = new ArrayList<>();
            JsonNode array = array(root, "sources");
            if (array == null) return sources;
            if (array.isEmpty()) {
                problem("/sources", "missing source: name at least one document (number, issuer, date)");
            }
            for (int i = 0; i < array.size(); i++) {
                String at = "/sources/" + i;
                JsonNode node = array.get(i);
                if (!node.isObject()) {
                    problem(at, "must be an object with document, issuer, date");
                    continue;
                }
                unknownFields(node, at, SOURCE_FIELDS);
                String document = text(node, at, "document", true);
                String issuer = text(node, at, "issuer", true);
                String date = text(node, at, "date", true);
                if (date != null && !validPartialDate(date)) {
                    problem(at + "/date", "must be YYYY-MM-DD, YYYY-MM or YYYY, got \"" + date + "\"");
                }
                String covers = text(node, at, "covers", false);
                String url = text(node, at, "url", false);
                if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
                    problem(at + "/url", "must be an http(s) address, got \"" + url + "\"");
                }
                String note = text(node, at, "note", false);
                if (document != null && issuer != null && date != null) {
                    sources.add(new HolidaySource(document, issuer, date, covers, url, note));
                }
            }
            return sources;
        }

        private List<DayOff> readDaysOff(JsonNode root, Integer year) {
            List<DayOff> days = new ArrayList<>();
            JsonNode array = array(root, "daysOff");
            if (array == null) return days;
            Map<LocalDate, String> seen = new HashMap<>();
            for (int i = 0; i < array.size(); i++) {
                String at = "/daysOff/" + i;
                JsonNode node = array.get(i);
                if (!node.isObject()) {
                    problem(at, "must be an object with date, name, kind");
                    continue;
                }
                unknownFields(node, at, DAY_OFF_FIELDS);
                LocalDate date = date(node, at, "date", true);
                if (date != null) {
                    inYear(date, year, at + "/date");
                    String earlier = seen.putIfAbsent(date, at);
                    if (earlier != null) problem(at + "/date", "duplicate: " + date + " is already listed at " + earlier);
                }
                String name = text(node, at, "name", true);
                DayOff.Kind kind = null;
                String kindText = text(node, at, "kind", true);
                if (kindText != null) {
                    kind = DayOff.Kind.fromCode(kindText).orElse(null);
                    if (kind == null) {
                        problem(at + "/kind", "must be holiday, tet, compensatory or swapped, got \"" + kindText + "\"");
                    }
                }
                if (date != null && kind != null && isWeekend(date)
                        && (kind == DayOff.Kind.COMPENSATORY || kind == DayOff.Kind.SWAPPED)) {
                    problem(at + "/date", "a " + kind.code() + " day off must be a weekday, " + date + " is a "
                            + date.getDayOfWeek());
                }
                LocalDate repaidOn = date(node, at, "repaidOn", false);
                if (repaidOn != null) {
                    if (kind != null && kind != DayOff.Kind.SWAPPED) {
                        problem(at + "/repaidOn", "only a swapped day off is repaid");
                        repaidOn = null;
                    } else if (year != null && repaidOn.getYear() == year) {
                        problem(at + "/repaidOn", "the make-up day " + repaidOn + " is in this year: list it in makeUpDays instead");
                        repaidOn = null;
                    } else if (year != null && Math.abs(repaidOn.getYear() - year) != 1) {
                        problem(at + "/repaidOn", repaidOn + " is not in the previous or the next year");
                        repaidOn = null;
                    } else if (!isWeekend(repaidOn)) {
                        problem(at + "/repaidOn", "a make-up day must be a Saturday or Sunday, " + repaidOn + " is a "
                                + repaidOn.getDayOfWeek());
                        repaidOn = null;
                    }
                }
                if (date != null && name != null && kind != null) days.add(new DayOff(date, name, kind, repaidOn));
            }
            days.sort((a, b) -> a.date().compareTo(b.date()));
            return days;
        }

        private List<MakeUpDay> readMakeUps(JsonNode root, Integer year) {
            List<MakeUpDay> days = new ArrayList<>();
            JsonNode array = array(root, "makeUpDays");
            if (array == null) return days;
            Map<LocalDate, String> seen = new HashMap<>();
            for (int i = 0; i < array.size(); i++) {
                String at = "/makeUpDays/" + i;
                JsonNode node = array.get(i);
                if (!node.isObject()) {
                    problem(at, "must be an object with date, repays, name");
                    continue;
                }
                unknownFields(node, at, MAKE_UP_FIELDS);
                LocalDate date = date(node, at, "date", true);
                if (date != null) {
                    inYear(date, year, at + "/date");
                    String earlier = seen.putIfAbsent(date, at);
                    if (earlier != null) problem(at + "/date", "duplicate: " + date + " is already listed at " + earlier);
                    if (!isWeekend(date)) {
                        problem(at + "/date", "a make-up working day must be a Saturday or Sunday, " + date + " is a "
                                + date.getDayOfWeek());
                    }
                }
                LocalDate repays = date(node, at, "repays", true);
                if (repays != null && year != null && Math.abs(repays.getYear() - year) > 1) {
                    problem(at + "/repays", repays + " is not in this, the previous or the next year");
                }
                String name = text(node, at, "name", true);
                if (date != null && repays != null && name != null) days.add(new MakeUpDay(date, repays, name));
            }
            days.sort((a, b) -> a.date().compareTo(b.date()));
            return days;
        }

        private List<UnconfirmedPeriod> readUnconfirmed(JsonNode root, Integer year) {
            List<UnconfirmedPeriod> periods = new ArrayList<>();
            JsonNode array = array(root, "unconfirmed");
            if (array == null) return periods;
            for (int i = 0; i < array.size(); i++) {
                String at = "/unconfirmed/" + i;
                JsonNode node = array.get(i);
                if (!node.isObject()) {
                    problem(at, "must be an object with from, to, what");
                    continue;
                }
                unknownFields(node, at, UNCONFIRMED_FIELDS);
                LocalDate from = date(node, at, "from", true);
                LocalDate to = date(node, at, "to", true);
                if (from != null) inYear(from, year, at + "/from");
                if (to != null) inYear(to, year, at + "/to");
                String what = text(node, at, "what", true);
                if (from != null && to != null && to.isBefore(from)) {
                    problem(at + "/to", to + " is before from " + from);
                } else if (from != null && to != null && what != null) {
                    periods.add(new UnconfirmedPeriod(from, to, what));
                }
            }
            return periods;
        }

        /** Every make-up day pays back a swapped day; every swapped day is paid back exactly once. */
        private void crossCheckSwaps(JsonNode root, Integer year, List<DayOff> daysOff, List<MakeUpDay> makeUps) {
            if (year == null) return;
            Map<LocalDate, DayOff> offByDate = new LinkedHashMap<>();
            daysOff.forEach(d -> offByDate.put(d.date(), d));
            Map<LocalDate, List<LocalDate>> repaidBy = new HashMap<>();
            for (int i = 0; i < makeUps.size(); i++) {
                MakeUpDay makeUp = makeUps.get(i);
                String at = "/makeUpDays/" + indexOf(root.get("makeUpDays"), makeUp.date());
                if (offByDate.containsKey(makeUp.date())) {
                    problem(at + "/date", makeUp.date() + " is listed both as a day off and as a make-up working day");
                }
                if (makeUp.repays().getYear() == year) {
                    DayOff repaid = offByDate.get(makeUp.repays());
                    if (repaid == null) {
                        problem(at + "/repays", makeUp.repays() + " is not a day off in this table");
                    } else if (repaid.kind() != DayOff.Kind.SWAPPED) {
                        problem(at + "/repays", makeUp.repays() + " is a " + repaid.kind().code()
                                + " day off; only a swapped one is paid back");
                    }
                }
                repaidBy.computeIfAbsent(makeUp.repays(), k -> new ArrayList<>()).add(makeUp.date());
            }
            for (DayOff day : daysOff) {
                if (day.kind() != DayOff.Kind.SWAPPED) continue;
                String at = "/daysOff/" + indexOf(root.get("daysOff"), day.date());
                List<LocalDate> payers = repaidBy.getOrDefault(day.date(), List.of());
                if (payers.size() > 1) {
                    problem(at, "swapped day " + day.date() + " is paid back by more than one make-up day: " + payers);
                } else if (payers.isEmpty() && day.repaidOn() == null) {
                    problem(at, "swapped day " + day.date() + " has no make-up day: add one to makeUpDays, or set"
                            + " repaidOn when it is in the next or previous year");
                } else if (!payers.isEmpty() && day.repaidOn() != null) {
                    problem(at + "/repaidOn", "swapped day " + day.date() + " is already paid back by " + payers.get(0));
                }
            }
        }

        // -- field helpers -----------------------------------------------------------------

        private JsonNode array(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                problem("/" + field, "missing (use [] when there is none)");
                return null;
            }
            if (!node.isArray()) {
                problem("/" + field, "must be a list");
                return null;
            }
            return node;
        }

        private String text(JsonNode node, String at, String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) problem(at + "/" + field, "missing");
                return null;
            }
            if (!value.isTextual()) {
                problem(at + "/" + field, "must be text, got " + Json.write(value));
                return null;
            }
            String text = value.asText().strip();
            if (text.isEmpty()) {
                if (required) problem(at + "/" + field, "is blank");
                return null;
            }
            return text;
        }

        private LocalDate date(JsonNode node, String at, String field, boolean required) {
            String text = text(node, at, field, required);
            if (text == null) return null;
            if (!ISO_DATE.matcher(text).matches()) {
                problem(at + "/" + field, "must be a date written YYYY-MM-DD, got \"" + text + "\"");
                return null;
            }
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                problem(at + "/" + field, "impossible date \"" + text + "\"");
                return null;
            }
        }

        private void inYear(LocalDate date, Integer year, String at) {
            if (year != null && date.getYear() != year) {
                problem(at, date + " is outside the file's year " + year);
            }
        }

        private void unknownFields(JsonNode node, String at, Set<String> known) {
            List<String> unknown = new ArrayList<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) unknown.add(name);
            }
            if (!unknown.isEmpty()) {
                List<String> expected = new ArrayList<>(known);
                Collections.sort(expected);
                problem(at.isEmpty() ? "/" : at, "unknown field(s) " + unknown + " (expected " + expected + ")");
            }
        }

        private void problem(String pointer, String message) {
            problems.add(sourceName + " " + pointer + ": " + message);
        }

        private static boolean validPartialDate(String text) {
            if (!PARTIAL_DATE.matcher(text).matches()) return false;
            try {
                switch (text.length()) {
                    case 10 -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                    case 7 -> LocalDate.parse(text + "-01", DateTimeFormatter.ISO_LOCAL_DATE);
                    default -> { }
                }
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        /** The index in the file of the entry with that date, for error pointers after sorting. */
        private static int indexOf(JsonNode array, LocalDate date) {
            String wanted = date.toString();
            for (int i = 0; i < array.size(); i++) {
                JsonNode d = array.get(i).get("date");
                if (d != null && wanted.equals(d.asText().strip())) return i;
            }
            return -1;
        }
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
