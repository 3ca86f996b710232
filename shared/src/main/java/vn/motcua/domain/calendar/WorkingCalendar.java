package vn.motcua.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The desk's working calendar, built from yearly holiday tables: which days count, and the dates
 * that follow from a procedure's time limit.
 *
 * <p><b>Working day</b>: Monday to Friday, minus the days off in the table, plus the declared
 * make-up Saturdays. A date in a year whose table is not loaded throws {@link YearNotLoadedException}:
 * the calendar never falls back to counting weekends only.
 *
 * <p><b>Rules for dates</b> (the open questions, decided here once):
 * <ul>
 *   <li>A supplement request or the citizen's documents arriving on a day off count as happening on
 *       the next working day (see {@link #waitingWorkingDays}); a same-day dossier received on a day
 *       off is due the next working day.</li>
 *   <li>Counting starts the day after receipt: {@code plusWorkingDays(d, n)} is the n-th working
 *       day strictly after {@code d}; the receipt day itself never counts.</li>
 *   <li>Working days: the appointment for n working days is the n-th working day strictly after the
 *       receipt date, so for a dossier received on a day off (a Saturday morning at the desk, an
 *       online dossier on a holiday) the first working day after it is day 1.</li>
 *   <li>Same day: received on a working day at or before the cut-off (15:00 by default, configurable
 *       with {@link #withSameDayCutOff}), due that day; received after it, due the next working day;
 *       received on a day off, due the working day it counts as received on (it arrives there at the
 *       start of the day, before the cut-off). The cut-off applies only to same-day procedures.</li>
 *   <li>Calendar days: n days are added to the receipt date; a date landing on a day off moves to
 *       the next working day.</li>
 *   <li>No fixed limit: no date; the receipt says "case by case".</li>
 * </ul>
 *
 * <p><b>Supplement clock</b>: see {@link #resumedDue}.
 */
public final class WorkingCalendar {

    /** When a same-day procedure's dossier must be in to be done the same day (domain.md: verify). */
    public static final LocalTime DEFAULT_SAME_DAY_CUT_OFF = LocalTime.of(15, 0);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd/MM");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Map<Integer, HolidayYear> years;
    private final Map<LocalDate, DayOff> daysOff;
    private final Map<LocalDate, MakeUpDay> makeUpDays;
    private final List<UnconfirmedPeriod> unconfirmed;
    private final LocalTime sameDayCutOff;

    private WorkingCalendar(Map<Integer, HolidayYear> years, LocalTime sameDayCutOff) {
        this.years = Collections.unmodifiableMap(new TreeMap<>(years));
        Map<LocalDate, DayOff> off = new HashMap<>();
        Map<LocalDate, MakeUpDay> makeUp = new HashMap<>();
        List<UnconfirmedPeriod> open = new ArrayList<>();
        for (HolidayYear year : this.years.values()) {
            year.daysOff().forEach(d -> off.put(d.date(), d));
            year.makeUpDays().forEach(m -> makeUp.put(m.date(), m));
            open.addAll(year.unconfirmed());
        }
        this.daysOff = Map.copyOf(off);
        this.makeUpDays = Map.copyOf(makeUp);
        this.unconfirmed = List.copyOf(open);
        this.sameDayCutOff = Objects.requireNonNull(sameDayCutOff, "sameDayCutOff");
    }

    /**
     * A calendar over these years, with the default 15:00 same-day cut-off.
     *
     * @throws HolidayDataException when no year is given, a year is given twice, or a swap across
     *                              New Year does not match between two loaded years
     */
    public static WorkingCalendar of(Collection<HolidayYear> years) {
        List<String> problems = new ArrayList<>();
        Map<Integer, HolidayYear> byYear = new TreeMap<>();
        for (HolidayYear year : years) {
            HolidayYear earlier = byYear.putIfAbsent(year.year(), year);
            if (earlier != null) {
                problems.add(year.sourceName() + ": year " + year.year() + " is already loaded from " + earlier.sourceName());
            }
        }
        if (byYear.isEmpty()) problems.add("no holiday table given: load at least one year");
        checkSwapsAcrossYears(byYear, problems);
        if (!problems.isEmpty()) throw new HolidayDataException(problems);
        return new WorkingCalendar(byYear, DEFAULT_SAME_DAY_CUT_OFF);
    }

    /** The same calendar with another same-day cut-off (the hour is local practice, to verify per province). */
    public WorkingCalendar withSameDayCutOff(LocalTime cutOff) {
        return new WorkingCalendar(years, cutOff);
    }

    public LocalTime sameDayCutOff() {
        return sameDayCutOff;
    }

    public Set<Integer> loadedYears() {
        return years.keySet();
    }

    public Optional<HolidayYear> year(int year) {
        return Optional.ofNullable(years.get(year));
    }

    // ---------------------------------------------------------------------------------------
    // Days

    public boolean isWorkingDay(LocalDate date) {
        requireLoaded(date);
        if (makeUpDays.containsKey(date)) return true;
        if (daysOff.containsKey(date)) return false;
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** The table's entry for this day, if it is a listed day off (weekends are not listed). */
    public Optional<DayOff> dayOff(LocalDate date) {
        requireLoaded(date);
        return Optional.ofNullable(daysOff.get(date));
    }

    /** Whether the day lies in a stretch of the table that no notice confirms yet. */
    public boolean isProvisional(LocalDate date) {
        requireLoaded(date);
        return unconfirmed.stream().anyMatch(p -> p.contains(date));
    }

    /** The unconfirmed stretches that share a day with {@code first..last}, both inclusive. */
    public List<UnconfirmedPeriod> unconfirmedBetween(LocalDate first, LocalDate last) {
        return unconfirmed.stream().filter(p -> p.overlaps(first, last)).collect(Collectors.toList());
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate day = date.plusDays(1);
        while (!isWorkingDay(day)) day = day.plusDays(1);
        return day;
    }

    /** The last working day strictly before {@code date}. */
    public LocalDate previousWorkingDay(LocalDate date) {
        LocalDate day = date.minusDays(1);
        while (!isWorkingDay(day)) day = day.minusDays(1);
        return day;
    }

    /** {@code date} itself if it is a working day, else the next working day. */
    public LocalDate workingDayOnOrAfter(LocalDate date) {
        return isWorkingDay(date) ? date : nextWorkingDay(date);
    }

    /**
     * The n-th working day after {@code start}; {@code start} itself never counts, working day or
     * not. {@code n = 0} gives {@code start} unchanged.
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) throw new IllegalArgumentException("negative number of working days: " + n);
        LocalDate day = start;
        for (int i = 0; i < n; i++) day = nextWorkingDay(day);
        return day;
    }

    /** The n-th working day before {@code start}; the mirror of {@link #plusWorkingDays}. */
    public LocalDate minusWorkingDays(LocalDate start, int n) {
        if (n < 0) throw new IllegalArgumentException("negative number of working days: " + n);
        LocalDate day = start;
        for (int i = 0; i < n; i++) day = previousWorkingDay(day);
        return day;
    }

    /**
     * The number of working days {@code d} with {@code a < d <= b}: the days a count starting the day
     * after {@code a} has used by the end of {@code b}. Negative when {@code b} is before {@code a}
     * ({@code -workingDaysBetween(b, a)}), zero when they are equal. So
     * {@code workingDaysBetween(a, plusWorkingDays(a, n)) == n}.
     */
    public int workingDaysBetween(LocalDate a, LocalDate b) {
        if (b.isBefore(a)) return -workingDaysBetween(b, a);
        int count = 0;
        for (LocalDate day = a.plusDays(1); !day.isAfter(b); day = day.plusDays(1)) {
            if (isWorkingDay(day)) count++;
        }
        return count;
    }

    // ---------------------------------------------------------------------------------------
    // Appointments

    /**
     * The appointment for a dossier received at {@code receivedAt} (local time at the desk) under a
     * procedure's time limit. See the class comment for the rules.
     *
     * @throws YearNotLoadedException when the count needs a year whose table is not loaded
     */
    public DueDate appointment(LocalDateTime receivedAt, TimeLimit limit) {
        return appointment(receivedAt, limit, Optional.empty());
    }

    /**
     * As {@link #appointment(LocalDateTime, TimeLimit)}, with the desk's opening hours: a same-day
     * dossier received after the day's last session (an online one in the evening, or at 13:00 on a
     * make-up Saturday the desk opens only in the morning) is due the next working day, as one received
     * after the cut-off is.
     */
    public DueDate appointment(LocalDateTime receivedAt, TimeLimit limit, Optional<OpeningHours> hours) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(limit, "limit");
        LocalDate receiptDay = receivedAt.toLocalDate();
        LocalDate counted = workingDayOnOrAfter(receiptDay);
        String receivedEn = "received " + en(receiptDay) + " " + TIME.format(receivedAt);
        String receivedVi = "tiếp nhận lúc " + TIME.format(receivedAt) + " " + vi(receiptDay);
        String offDayEn = counted.equals(receiptDay) ? "" : ", a day off, so it counts as received " + en(counted);
        String offDayVi = counted.equals(receiptDay) ? ""
                : " (ngày nghỉ, tính là tiếp nhận " + vi(counted) + ")";

        return switch (limit.unit()) {
            case NONE_FIXED -> new DueDate(receivedAt, limit, counted, null, false,
                    receivedEn + ": no fixed time limit, the date is set case by case",
                    "Không quy định thời hạn: hẹn trả theo từng trường hợp");
            case SAME_DAY -> {
                boolean afterCutOff = counted.equals(receiptDay) && (receivedAt.toLocalTime().isAfter(sameDayCutOff)
                        || hours.map(h -> h.isAfterHours(receivedAt)).orElse(false));
                LocalDate due = afterCutOff ? nextWorkingDay(counted) : counted;
                String why = afterCutOff
                        ? ", after the " + TIME.format(sameDayCutOff) + " cut-off: due the next working day " + en(due)
                        : counted.equals(receiptDay)
                        ? ", by the " + TIME.format(sameDayCutOff) + " cut-off: due the same day"
                        : offDayEn + ": due that day";
                String whyVi = afterCutOff
                        ? ", sau " + TIME.format(sameDayCutOff) + ": hẹn trả ngày làm việc tiếp theo, " + vi(due)
                        : counted.equals(receiptDay)
                        ? ", trước " + TIME.format(sameDayCutOff) + ": trả trong ngày, " + vi(due)
                        : offDayVi + ": hẹn trả " + vi(due);
                yield finish(receivedAt, limit, counted, due,
                        "same day: " + receivedEn + why,
                        "Trả trong ngày: " + receivedVi + whyVi);
            }
            case WORKING_DAYS -> {
                // Day 1 is the first working day after the receipt date itself (domain.md): a dossier
                // received on a Saturday has Monday as day 1, not Tuesday.
                int n = limit.value();
                LocalDate due = plusWorkingDays(receiptDay, n);
                List<LocalDate> skipped = weekdaysOff(receiptDay, due);
                String skippedEn = skipped.isEmpty() ? "" : "; weekdays off skipped: " + shortDays(skipped);
                String skippedVi = skipped.isEmpty() ? "" : "; không tính các ngày nghỉ " + shortDays(skipped);
                yield finish(receivedAt, limit, counted, due,
                        n + " working days counted from the day after " + en(receiptDay) + " (" + receivedEn + ")"
                                + skippedEn + ": due " + en(due),
                        limit.inVietnamese() + " kể từ ngày sau ngày " + DAY.format(receiptDay) + " (" + receivedVi + ")"
                                + skippedVi + ": hẹn trả " + vi(due));
            }
            case CALENDAR_DAYS -> {
                // Counting starts the day after the receipt date, day off or not; only the landing moves.
                int n = limit.value();
                LocalDate landing = receiptDay.plusDays(n);
                LocalDate due = workingDayOnOrAfter(landing);
                String movedEn = due.equals(landing) ? ""
                        : ", which is a day off" + dayOffName(landing).map(s -> " (" + s + ")").orElse("")
                        + ", moved to the next working day";
                String movedVi = due.equals(landing) ? ""
                        : ", là ngày nghỉ" + dayOffName(landing).map(s -> " (" + s + ")").orElse("")
                        + ", chuyển sang ngày làm việc tiếp theo";
                yield finish(receivedAt, limit, counted, due,
                        n + " days after " + en(receiptDay) + " (" + receivedEn + ") is " + en(landing)
                                + movedEn + ": due " + en(due),
                        limit.inVietnamese() + " kể từ ngày " + DAY.format(receiptDay) + " (" + receivedVi + ") là "
                                + vi(landing) + movedVi + ": hẹn trả " + vi(due));
            }
        };
    }

    private DueDate finish(LocalDateTime receivedAt, TimeLimit limit, LocalDate counted, LocalDate due,
                               String explanation, String explanationVi) {
        List<UnconfirmedPeriod> open = unconfirmedBetween(receivedAt.toLocalDate(), due);
        if (open.isEmpty()) {
            return new DueDate(receivedAt, limit, counted, due, false, explanation, explanationVi);
        }
        String spans = open.stream().map(p -> DAY.format(p.from()) + "–" + DAY.format(p.to()))
                .collect(Collectors.joining(", "));
        return new DueDate(receivedAt, limit, counted, due, true,
                explanation + " (provisional: the holiday table for " + spans + " is not confirmed yet)",
                explanationVi + " (lịch nghỉ " + spans + " chưa chính thức, ngày hẹn có thể thay đổi)");
    }

    // ---------------------------------------------------------------------------------------
    // Supplement clock

    /**
     * The working days a supplement request took off the clock: working days {@code d} with
     * {@code P < d <= Q}, where {@code P} is the day the request was issued and {@code Q} the day the
     * citizen brought the documents, each moved to the next working day when it fell on a day off.
     *
     * <p>So the day the request is issued still counts as a processing day (the department worked
     * it); the day the documents arrive is a waiting day, and counting restarts the day after, as
     * after a receipt. A pause and resume on the same day (or within the same stretch of days off)
     * waits zero days.
     */
    public int waitingWorkingDays(LocalDate pausedOn, LocalDate resumedOn) {
        Objects.requireNonNull(pausedOn, "pausedOn");
        Objects.requireNonNull(resumedOn, "resumedOn");
        if (resumedOn.isBefore(pausedOn)) {
            throw new IllegalArgumentException("resumed " + resumedOn + " before it was paused " + pausedOn);
        }
        return workingDaysBetween(workingDayOnOrAfter(pausedOn), workingDayOnOrAfter(resumedOn));
    }

    /**
     * The due date once the clock resumes: {@code due} pushed later by the {@linkplain
     * #waitingWorkingDays waiting working days}. Equivalently, the working days that were left at the
     * pause ({@link #remainingWorkingDays}) counted again from the day after the documents arrived.
     * A dossier already overdue when paused stays overdue by the same number of working days.
     * For several requests, apply once per pause, in order.
     */
    public LocalDate resumedDue(LocalDate due, LocalDate pausedOn, LocalDate resumedOn) {
        Objects.requireNonNull(due, "due");
        return plusWorkingDays(due, waitingWorkingDays(pausedOn, resumedOn));
    }

    /**
     * The working days a paused dossier has left: working days after the day the request was issued
     * (moved to the next working day if it fell on a day off) up to and including the due date.
     * Zero when paused on the due date itself; negative, by the days overdue, when paused after it.
     */
    public int remainingWorkingDays(LocalDate due, LocalDate pausedOn) {
        return workingDaysBetween(workingDayOnOrAfter(pausedOn), due);
    }

    // ---------------------------------------------------------------------------------------

    private void requireLoaded(LocalDate date) {
        if (!years.containsKey(date.getYear())) throw new YearNotLoadedException(date.getYear(), years.keySet());
    }

    /** Listed days off on weekdays in {@code (after, upTo]}: the ones a count actually skipped. */
    private List<LocalDate> weekdaysOff(LocalDate after, LocalDate upTo) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = after.plusDays(1); !day.isAfter(upTo); day = day.plusDays(1)) {
            if (!HolidayYear.isWeekend(day) && !isWorkingDay(day)) days.add(day);
        }
        return days;
    }

    private Optional<String> dayOffName(LocalDate date) {
        return Optional.ofNullable(daysOff.get(date)).map(DayOff::name);
    }

    private static String shortDays(List<LocalDate> days) {
        return days.stream().map(SHORT_DAY::format).collect(Collectors.joining(", "));
    }

    private static String en(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " " + DAY.format(date);
    }

    /** "thứ Tư, 05/02/2020". */
    static String vi(LocalDate date) {
        return weekdayVi(date.getDayOfWeek()) + ", " + DAY.format(date);
    }

    private static void checkSwapsAcrossYears(Map<Integer, HolidayYear> years, List<String> problems) {
        for (HolidayYear year : years.values()) {
            for (DayOff day : year.daysOff()) {
                if (day.repaidOn() == null) continue;
                HolidayYear other = years.get(day.repaidOn().getYear());
                if (other == null) continue;
                boolean matched = other.makeUpDay(day.repaidOn()).filter(m -> m.repays().equals(day.date())).isPresent();
                if (!matched) {
                    problems.add(year.sourceName() + ": swapped day " + day.date() + " says it is repaid on "
                            + day.repaidOn() + ", but " + other.sourceName() + " has no make-up day there repaying it");
                }
            }
            for (MakeUpDay makeUp : year.makeUpDays()) {
                if (makeUp.repays().getYear() == year.year()) continue;
                HolidayYear other = years.get(makeUp.repays().getYear());
                if (other == null) continue;
                boolean matched = other.dayOff(makeUp.repays())
                        .filter(d -> d.kind() == DayOff.Kind.SWAPPED && makeUp.date().equals(d.repaidOn())).isPresent();
                if (!matched) {
                    problems.add(year.sourceName() + ": make-up day " + makeUp.date() + " repays " + makeUp.repays()
                            + ", but " + other.sourceName() + " has no swapped day there with repaidOn " + makeUp.date());
                }
            }
        }
    }

    /** The day's name as Vietnamese writes it in a sentence: "thứ Hai" … "thứ Bảy", "Chủ nhật". */
    static String weekdayVi(java.time.DayOfWeek day) {
        return switch (day) {
            case MONDAY -> "thứ Hai";
            case TUESDAY -> "thứ Ba";
            case WEDNESDAY -> "thứ Tư";
            case THURSDAY -> "thứ Năm";
            case FRIDAY -> "thứ Sáu";
            case SATURDAY -> "thứ Bảy";
            case SUNDAY -> "Chủ nhật";
        };
    }
}
