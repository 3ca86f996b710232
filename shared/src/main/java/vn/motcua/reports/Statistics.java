package vn.motcua.reports;

import vn.motcua.domain.dossier.Timeliness;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The national statistics layout for one period, per agency: a pure function of the dossiers, the
 * desk's refusals and the period (days in Vietnam, both included).
 *
 * <ul>
 *   <li>received: new (received in the period, counted by channel) and carried over (received before
 *       the period and still open at its first moment, by the dossier's history);</li>
 *   <li>finished: the result reached the desk in the period, early / on time / late as the department's
 *       hand-over classified it ({@link Dossier#finished()}, which counts a rescheduled dossier or one
 *       with more than one supplement request as late);</li>
 *   <li>in process at the period's end: open at its last moment, overdue when the appointment date
 *       (current, with supplement pauses) is before the last day, unless it is then waiting for a
 *       supplement (the clock is stopped: within the deadline, as the desk shows it);</li>
 *   <li>guidance (form 02) and refusals (form 03) at the desk, apart: they were never received.</li>
 * </ul>
 * Dossiers stopped or withdrawn are neither finished nor in process (the form has no column for them); the
 * dossiers withdrawn, whose processing stopped in the period, are counted apart ({@code withdrawn}).
 */
public final class Statistics {

    private Statistics() {}

    /** One agency's line. {@code onTimeRate} is (early + on time) / finished, empty when nothing finished. */
    public record Row(String agencyId, int carriedOver, int received, int inPerson, int byPost, int online,
                      int early, int onTime, int late, int withinDeadline, int overdue, int guided, int refused, int withdrawn) {

        public int receivedTotal() { return carriedOver + received; }

        public int finished() { return early + onTime + late; }

        public int inProcess() { return withinDeadline + overdue; }

        public Optional<Double> onTimeRate() {
            return finished() == 0 ? Optional.empty() : Optional.of((early + onTime) / (double) finished());
        }
    }

    /**
     * One row per agency in {@code agencyIds}, in that order (agencies without activity get zeros).
     * Dossiers and refusals of other agencies are left out. A dossier listed twice counts once.
     */
    public static List<Row> compute(LocalDate first, LocalDate last, List<String> agencyIds,
                                    Collection<Dossier> dossiers, Collection<DeskRefusal> refusals) {
        if (last.isBefore(first)) throw new IllegalArgumentException("period ends before it starts: " + first + ".." + last);
        Instant start = first.atStartOfDay(Dossier.ZONE).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(Dossier.ZONE).toInstant();
        var counters = new LinkedHashMap<String, int[]>();
        agencyIds.forEach(a -> counters.put(a, new int[13]));
        var seen = new java.util.HashSet<String>();
        for (var d : dossiers) {
            int[] c = counters.get(d.agencyId());
            if (c == null || !seen.add(d.code().value())) continue;
            if (d.receivedAt().isBefore(start)) {
                if (openAt(d, start)) c[0]++;
            } else if (d.receivedAt().isBefore(end)) {
                c[1]++;
                switch (d.channel()) {
                    case IN_PERSON -> c[2]++;
                    case BY_POST -> c[3]++;
                    case ONLINE -> c[4]++;
                }
            } else {
                continue;
            }
            var stopped = d.history().stream().filter(h -> h.kind() == EventKind.STOPPED).findFirst();
            if (stopped.isPresent() && !stopped.get().at().isBefore(start) && stopped.get().at().isBefore(end)) c[12]++;
            var result = resultReady(d);
            if (result.isPresent() && !result.get().at().isBefore(start) && result.get().at().isBefore(end)) {
                var t = d.finished().orElseGet(() -> d.classify(Dossier.localDate(result.get().at())));
                c[t == Timeliness.EARLY ? 5 : t == Timeliness.ON_TIME ? 6 : 7]++;
            } else if (openAt(d, end)) {
                // Waiting for the citizen's supplement, the clock is stopped: not overdue, as the desk shows it.
                boolean paused = stateAt(d, end) == DossierState.SUPPLEMENT_REQUESTED;
                boolean overdue = !paused && d.appointment().map(a -> a.current().isBefore(last)).orElse(false);
                c[overdue ? 9 : 8]++;
            }
        }
        for (var r : refusals) {
            int[] c = r.agencyId() == null ? null : counters.get(r.agencyId());
            if (c == null || r.at().isBefore(start) || !r.at().isBefore(end)) continue;
            c[r.kind() == DeskRefusal.Kind.REFUSED ? 11 : 10]++;
        }
        return counters.entrySet().stream().map(e -> {
            int[] c = e.getValue();
            return new Row(e.getKey(), c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12]);
        }).toList();
    }

    private static Optional<HistoryEntry> resultReady(Dossier d) {
        return d.history().stream().filter(h -> h.kind() == EventKind.RESULT_READY).findFirst();
    }

    /** Open just before {@code moment}: received earlier, and the last state reached before it is an open one. */
    static boolean openAt(Dossier d, Instant moment) {
        return d.receivedAt().isBefore(moment) && stateAt(d, moment).isOpen();
    }

    /** The last state the dossier reached before {@code moment}. */
    static DossierState stateAt(Dossier d, Instant moment) {
        DossierState state = DossierState.RECEIVED;
        for (var h : d.history()) {
            if (!h.at().isBefore(moment)) break;
            state = h.to();
        }
        return state;
    }

    /** Rows by agency id, for callers that look one up. */
    public static Map<String, Row> byAgency(List<Row> rows) {
        var map = new LinkedHashMap<String, Row>();
        rows.forEach(r -> map.put(r.agencyId(), r));
        return map;
    }
}
