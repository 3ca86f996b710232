package vn.motcua.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When the desk receives, as the operator's desk file gives it (for example Monday to Friday
 * 07:00–11:30 and 13:30–17:00, Saturday morning). Opening hours say when people are served; whether
 * a day counts for a time limit is the {@link WorkingCalendar}'s (a Saturday morning at the desk is
 * still a day off for counting).
 */
public final class OpeningHours {

    /** One session, {@code from} before {@code to}. */
    public record Session(LocalTime from, LocalTime to) {
        public Session {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            if (!from.isBefore(to)) throw new IllegalArgumentException("a session ends after it starts: " + from + "-" + to);
        }

        boolean contains(LocalTime t) { return !t.isBefore(from) && !t.isAfter(to); }
    }

    private final Map<DayOfWeek, List<Session>> week;

    /** Sessions per day, each day's in order and not overlapping; a day without sessions is closed. */
    public OpeningHours(Map<DayOfWeek, List<Session>> week) {
        var copy = new EnumMap<DayOfWeek, List<Session>>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            var sessions = List.copyOf(week.getOrDefault(day, List.of()));
            for (int i = 1; i < sessions.size(); i++) {
                if (!sessions.get(i - 1).to().isBefore(sessions.get(i).from())) {
                    throw new IllegalArgumentException(day + ": sessions overlap or are out of order: " + sessions);
                }
            }
            copy.put(day, sessions);
        }
        if (copy.values().stream().allMatch(List::isEmpty)) throw new IllegalArgumentException("the desk is never open");
        this.week = copy;
    }

    public List<Session> sessions(DayOfWeek day) { return week.get(day); }

    /** Whether the desk is open at this moment (session ends included). */
    public boolean isOpen(LocalDateTime at) {
        return week.get(at.getDayOfWeek()).stream().anyMatch(s -> s.contains(at.toLocalTime()));
    }

    /** After the day's last session has ended, or on a day the desk does not open. */
    public boolean isAfterHours(LocalDateTime at) {
        var sessions = week.get(at.getDayOfWeek());
        return sessions.isEmpty() || at.toLocalTime().isAfter(sessions.get(sessions.size() - 1).to());
    }

    /**
     * The sessions of a day the calendar says is a working day: the weekday's, or, for a declared
     * make-up Saturday on which the weekly hours open less or not at all, those of a Monday (the
     * government declares such a Saturday a full working day).
     */
    public List<Session> sessionsOnWorkingDay(LocalDate day) {
        var own = week.get(day.getDayOfWeek());
        var weekday = week.get(DayOfWeek.MONDAY);
        return own.size() >= weekday.size() || weekday.isEmpty() ? own : weekday;
    }

    /**
     * The hour the result is promised for on {@code due}: from the start of that day's last session
     * (the afternoon, so the department's morning counts); when it is due on the day of receipt (a
     * same-day procedure), by the end of the day's last session.
     */
    public Optional<LocalTime> appointmentTime(LocalDate due, LocalDate receivedOn) {
        var sessions = sessionsOnWorkingDay(due);
        if (sessions.isEmpty()) return Optional.empty();
        var last = sessions.get(sessions.size() - 1);
        return Optional.of(due.equals(receivedOn) ? last.to() : last.from());
    }

    /** "Thứ Hai đến thứ Sáu: 07:00–11:30, 13:30–17:00; thứ Bảy: 07:00–11:30", days with the same sessions joined. */
    public String inVietnamese() {
        var parts = new ArrayList<String>();
        DayOfWeek[] days = DayOfWeek.values();
        int i = 0;
        while (i < days.length) {
            int j = i;
            while (j + 1 < days.length && week.get(days[j + 1]).equals(week.get(days[i]))) j++;
            var sessions = week.get(days[i]);
            if (!sessions.isEmpty()) {
                String span = i == j ? dayVi(days[i], true) : dayVi(days[i], true) + " đến " + dayVi(days[j], false);
                parts.add(span + ": " + String.join(", ", sessions.stream().map(s -> s.from() + "–" + s.to()).toList()));
            }
            i = j + 1;
        }
        return String.join("; ", parts);
    }

    private static String dayVi(DayOfWeek day, boolean first) {
        String name = WorkingCalendar.weekdayVi(day);
        return first ? Character.toUpperCase(name.charAt(0)) + name.substring(1) : name;
    }
}
