package vn.motcua.reports;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Appointment;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.ResultReturn;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statistics of March 2020 over hand-built dossiers: each one exercises one column. */
class StatisticsTest {

    static final String A = "so-a", B = "so-b";
    static final LocalDate FIRST = LocalDate.of(2020, 3, 1), LAST = LocalDate.of(2020, 3, 31);
    static int seq = 0;

    static Instant vn(int month, int day) {
        return LocalDateTime.of(2020, month, day, 9, 0).atZone(Dossier.ZONE).toInstant();
    }

    /** A dossier of {@code agency} received on {@code received}, due {@code due}, its result at the desk on {@code result} (null: open). */
    static Dossier dossier(String agency, Instant received, LocalDate due, Instant result, Channel channel, boolean rescheduled) {
        var history = new ArrayList<HistoryEntry>();
        history.add(new HistoryEntry("e" + (++seq), EventKind.RECEIVED, Actor.clerk("q"), received, Optional.empty(),
                Optional.empty(), DossierState.RECEIVED, Optional.empty()));
        history.add(new HistoryEntry("e" + (++seq), EventKind.TRANSFERRED, Actor.system("router"), received.plusSeconds(3600),
                Optional.empty(), Optional.of(DossierState.RECEIVED), DossierState.IN_PROCESS, Optional.empty()));
        if (result != null) {
            history.add(new HistoryEntry("e" + (++seq), EventKind.RESULT_READY, Actor.department(agency), result,
                    Optional.empty(), Optional.of(DossierState.IN_PROCESS), DossierState.RESULT_READY, Optional.empty()));
        }
        var appointment = due == null ? Optional.<Appointment>empty() : Optional.of(rescheduled
                ? new Appointment(due.minusDays(3), due, Optional.of(new Appointment.Delay("xác minh", received.plusSeconds(86400), agency, due.minusDays(3), due)))
                : Appointment.on(due));
        var code = new DossierCode(String.format("000.00.53.H48-200301-%04d", ++seq));
        return new Dossier(code, "1.000173", agency, "quay", TimeLimit.workingDays(5),
                new Applicant("Nguyễn Văn An", "051090000123", "0905123456", Optional.empty(), "Quảng Ngãi"),
                channel, ResultReturn.atDesk(), received, appointment, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), result == null ? DossierState.IN_PROCESS : DossierState.RESULT_READY, false, List.of(),
                history, Set.of(), "hash", history.size());
    }

    static Dossier dossier(String agency, Instant received, LocalDate due, Instant result) {
        return dossier(agency, received, due, result, Channel.IN_PERSON, false);
    }

    static DeskRefusal refusal(String agency, DeskRefusal.Kind kind, Instant at) {
        return new DeskRefusal("r" + (++seq), kind, "1.000173", agency,
                new Applicant("Trần Thị Bích", "051090000124", "0905123457", Optional.empty(), "Quảng Ngãi"),
                List.of("Thiếu giấy tờ"), Actor.clerk("q"), at);
    }

    @Test
    void one_agency_in_march() {
        var dossiers = List.of(
                dossier(A, vn(2, 20), LocalDate.of(2020, 3, 6), vn(3, 5)),                 // carried over, early
                dossier(A, vn(2, 10), LocalDate.of(2020, 2, 20), vn(2, 19)),               // finished before: not counted
                dossier(A, vn(2, 25), LocalDate.of(2020, 3, 2), null),                     // carried over, overdue at the end
                dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 10), Channel.ONLINE, false), // on time
                dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 12), Channel.BY_POST, false), // late
                dossier(A, vn(3, 3), LocalDate.of(2020, 3, 13), vn(3, 9), Channel.IN_PERSON, true), // new date met: late
                dossier(A, vn(3, 25), LocalDate.of(2020, 4, 6), null),                     // within deadline
                dossier(A, vn(3, 26), null, null),                                         // no fixed limit: within
                dossier(A, vn(3, 20), LocalDate.of(2020, 4, 1), vn(4, 2)),                 // finished after: in process
                dossier(A, vn(4, 1), LocalDate.of(2020, 4, 8), null),                      // after the period
                dossier(B, vn(3, 2), LocalDate.of(2020, 3, 5), vn(3, 4)));                 // another agency
        var refusals = List.of(refusal(A, DeskRefusal.Kind.GUIDED_TO_COMPLETE, vn(3, 4)),
                refusal(A, DeskRefusal.Kind.REFUSED, vn(3, 5)), refusal(A, DeskRefusal.Kind.REFUSED, vn(4, 5)));

        var rows = Statistics.compute(FIRST, LAST, List.of(A), dossiers, refusals);

        assertThat(rows).hasSize(1);
        var a = rows.get(0);
        assertThat(a.carriedOver()).isEqualTo(2);
        assertThat(a.received()).isEqualTo(6);
        assertThat(a.receivedTotal()).isEqualTo(8);
        assertThat(List.of(a.inPerson(), a.byPost(), a.online())).containsExactly(4, 1, 1);
        assertThat(List.of(a.early(), a.onTime(), a.late())).containsExactly(1, 1, 2);
        assertThat(List.of(a.withinDeadline(), a.overdue())).containsExactly(3, 1);
        assertThat(a.receivedTotal()).isEqualTo(a.finished() + a.inProcess());
        assertThat(a.onTimeRate()).contains(0.5);
        assertThat(List.of(a.guided(), a.refused())).containsExactly(1, 1);
    }

    @Test
    void an_agency_without_activity_has_zeros_and_no_rate() {
        var row = Statistics.compute(FIRST, LAST, List.of(B, A), List.of(), List.of()).get(0);
        assertThat(row.agencyId()).isEqualTo(B);
        assertThat(row.finished()).isZero();
        assertThat(row.onTimeRate()).isEmpty();
    }

    @Test
    void a_dossier_read_twice_counts_once() {
        var d = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 9));
        var row = Statistics.compute(FIRST, LAST, List.of(A), List.of(d, d), List.of()).get(0);
        assertThat(row.received()).isEqualTo(1);
        assertThat(row.early()).isEqualTo(1);
        assertThat(row.onTimeRate()).contains(1.0);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a dossier waiting for the citizen's supplement at the period's end is in process within the deadline, "
            + "not overdue, even when its unextended date has passed: the clock is stopped, as the desk shows it")
    void a_paused_dossier_is_not_overdue() {
        var open = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), null);
        var history = new ArrayList<>(open.history());
        history.add(new HistoryEntry("e" + (++seq), EventKind.SUPPLEMENT_REQUESTED, Actor.department(A), vn(3, 6),
                Optional.empty(), Optional.of(DossierState.IN_PROCESS), DossierState.SUPPLEMENT_REQUESTED, Optional.empty()));
        var paused = new Dossier(open.code(), open.procedureCode(), A, open.deskId(), open.timeLimit(), open.applicant(),
                open.channel(), open.resultReturn(), open.receivedAt(), open.appointment(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), DossierState.SUPPLEMENT_REQUESTED, false, List.of(), history, Set.of(),
                "hash", history.size());
        var row = Statistics.compute(FIRST, LAST, List.of(A), List.of(paused), List.of()).get(0);
        assertThat(List.of(row.withinDeadline(), row.overdue())).containsExactly(1, 0);
        // the same dossier still in process at the end is overdue
        var notPaused = Statistics.compute(FIRST, LAST, List.of(A), List.of(open), List.of()).get(0);
        assertThat(List.of(notPaused.withinDeadline(), notPaused.overdue())).containsExactly(0, 1);
    }

    @Test
    void a_period_that_ends_before_it_starts_is_refused() {
        assertThatThrownBy(() -> Statistics.compute(LAST, FIRST, List.of(A), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_dossier_withdrawn_and_stopped_in_the_period_counts_as_withdrawn_neither_finished_nor_in_process() {
        var d = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 16), null);
        var lifecycle = vn.motcua.domain.dossier.Lifecycle.standard();
        d = ((vn.motcua.domain.dossier.Decision.Applied) lifecycle.apply(d, new vn.motcua.domain.dossier.DossierEvent.WithdrawalRequested(
                "w", Actor.clerk("q"), vn(3, 4), "Không còn nhu cầu"))).dossier();
        d = ((vn.motcua.domain.dossier.Decision.Applied) lifecycle.apply(d, new vn.motcua.domain.dossier.DossierEvent.Stopped(
                "s", Actor.department(A), vn(3, 5), Optional.empty()))).dossier();

        var row = Statistics.compute(FIRST, LAST, List.of(A), List.of(d), List.of()).get(0);

        assertThat(row.received()).isEqualTo(1);
        assertThat(row.withdrawn()).isEqualTo(1);
        assertThat(row.finished()).isZero();
        assertThat(row.inProcess()).isZero();
        assertThat(Statistics.compute(LAST.plusDays(1), LAST.plusDays(30), List.of(A), List.of(d), List.of()).get(0).withdrawn())
                .as("stopped before that period").isZero();
    }
}
