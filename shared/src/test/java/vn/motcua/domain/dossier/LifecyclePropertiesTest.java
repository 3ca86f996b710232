package vn.motcua.domain.dossier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import vn.motcua.domain.dossier.DossierEvent.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of events, valid and not, from random actors and days, some replaying an
 * earlier event id: whatever happens, the dossier only moves along rows of the table, never loses
 * or rewrites history, and a refusal or a duplicate changes nothing.
 */
class LifecyclePropertiesTest {

    private final Lifecycle lifecycle = Lifecycle.standard();

    /**
     * One random step: on which day of March 2020, how (0: with bad input, 9: replaying an earlier
     * id), and what: a given kind by a given actor, or (kind null) the pick-th event that is legal
     * in whatever state the dossier has reached, by a sensible actor, so that journeys get far.
     */
    record Step(EventKind kind, Actor actor, int day, int variant, int pick) {}

    @Provide
    Arbitrary<List<Step>> journeys() {
        var kinds = Arbitraries.of(Arrays.stream(EventKind.values()).filter(k -> k != EventKind.RECEIVED).toList());
        var actors = Arbitraries.of(Journey.CLERK, Journey.DEPARTMENT, Journey.WATCH, Actor.department("so-ngoai-vu"));
        var days = Arbitraries.integers().between(2, 31);
        var variants = Arbitraries.integers().between(0, 9);
        var anything = Combinators.combine(kinds, actors, days, variants).as((k, a, d, v) -> new Step(k, a, d, v, 0));
        var guided = Combinators.combine(days, variants, Arbitraries.integers().between(0, 99))
                .as((d, v, p) -> new Step(null, null, d, v, p));
        return Arbitraries.frequencyOf(Tuple.of(1, anything), Tuple.of(4, guided)).list().ofMaxSize(40);
    }

    private static Step resolve(Step s, DossierState state) {
        if (s.kind() != null) return s;
        var legal = Arrays.stream(EventKind.values()).filter(k -> Lifecycle.next(state, k).isPresent()).toList();
        // mostly move forward: withdrawal, attachments and the overdue flag would otherwise take most steps
        var forward = legal.stream().filter(k -> k != EventKind.WITHDRAWAL_REQUESTED && k != EventKind.DOCUMENT_ATTACHED
                && k != EventKind.DOCUMENT_REJECTED && k != EventKind.DELIVERY_FAILED && k != EventKind.MARKED_OVERDUE).toList();
        if (s.pick() >= 20 && !forward.isEmpty()) legal = forward;
        if (legal.isEmpty()) return new Step(EventKind.ACCEPTED, Journey.DEPARTMENT, s.day(), s.variant(), 0);
        var kind = legal.get(s.pick() % legal.size());
        return new Step(kind, kind.side() == EventKind.Side.DEPARTMENT ? Journey.DEPARTMENT : Journey.CLERK,
                s.day(), s.variant(), s.pick());
    }

    @Property(tries = 500)
    @StatisticsReport(onFailureOnly = true)
    void the_dossier_moves_only_along_the_table_and_keeps_all_its_history(
            @ForAll("journeys") List<Step> steps, @ForAll boolean withLimit, @ForAll boolean byPost) {
        var procedure = withLimit ? Journey.PROCEDURE : Journey.NO_LIMIT;
        var resultReturn = byPost ? ResultReturn.byPost("12 Hùng Vương") : ResultReturn.atDesk();
        var dossier = ((Decision.Applied) Dossier.receive(Journey.intake(procedure, resultReturn))).dossier();
        var ids = new ArrayList<String>();
        var visited = java.util.EnumSet.of(DossierState.RECEIVED);
        ids.add(dossier.history().get(0).eventId());

        for (int i = 0; i < steps.size(); i++) {
            var step = resolve(steps.get(i), dossier.state());
            var id = step.variant() == 9 ? ids.get(i % ids.size()) : "p-" + i;
            var event = event(step, id, dossier.appointment().isPresent());
            var before = dossier;

            var decision = lifecycle.apply(before, event);

            if (decision instanceof Decision.Applied applied && applied.duplicate()) {
                assertThat(before.wasApplied(id)).isTrue();
                assertThat(applied.dossier()).isSameAs(before);
            } else if (decision instanceof Decision.Applied applied) {
                var after = applied.dossier();
                assertThat(Lifecycle.next(before.state(), event.kind())).contains(after.state());
                assertThat(after.history()).hasSize(before.history().size() + 1);
                assertThat(after.history().subList(0, before.history().size())).isEqualTo(before.history());
                assertThat(after.version()).isEqualTo(before.version() + 1);
                assertThat(after.wasApplied(id)).isTrue();
                ids.add(id);
                dossier = after;
                visited.add(after.state());
            } else {
                var refusal = (Refusal) decision;
                assertThat(refusal.message()).isNotBlank();
                // only another department is refused an id already applied: it must not learn it was
                assertThat(!before.wasApplied(id) || refusal.code() == RefusalCode.WRONG_AGENCY).isTrue();
            }
        }

        visited.forEach(state -> Statistics.label("visited").collect(state));
        assertThat(dossier.state()).isNotEqualTo(DossierState.REFUSED_AT_DESK);
        assertThat(dossier.version()).isEqualTo(dossier.history().size());
        assertThat(dossier.appliedEventIds()).hasSize(dossier.history().size());
        var history = dossier.history();
        for (int i = 1; i < history.size(); i++) {
            var entry = history.get(i);
            assertThat(entry.from()).contains(history.get(i - 1).to());
            assertThat(Lifecycle.next(entry.from().orElseThrow(), entry.kind())).contains(entry.to());
        }
        assertThat(dossier.supplementRequestCount()).isLessThanOrEqualTo(1);
        assertThat(history.stream().filter(h -> h.kind() == EventKind.DELAYED)).hasSizeLessThanOrEqualTo(1);
        assertThat(dossier.processControlSlip()).hasSize((int) history.stream().filter(h -> h.kind().isHandOver()).count());
    }

    /** The random journeys must get everywhere, or the property proves little. */
    @Property(tries = 500)
    @StatisticsReport(onFailureOnly = true)
    void journeys_reach_every_state(@ForAll("journeys") List<Step> steps) {
        the_dossier_moves_only_along_the_table_and_keeps_all_its_history(steps, true, true);
        Statistics.label("visited").coverage(checker -> {
            for (var state : DossierState.values()) {
                if (state != DossierState.REFUSED_AT_DESK) checker.check(state).count(c -> c > 0);
            }
        });
    }

    private static DossierEvent event(Step s, String id, boolean hasAppointment) {
        var at = Journey.day(s.day());
        var actor = s.actor();
        boolean bad = s.variant() == 0;
        var date = LocalDate.of(2020, 3, 10).plusDays(s.day() % 14);
        return switch (s.kind()) {
            case TRANSFERRED -> new Transferred(id, actor, at, bad ? "so-ngoai-vu" : Journey.AGENCY);
            case ACCEPTED -> new Accepted(id, actor, at);
            case SUPPLEMENT_REQUESTED -> new SupplementRequested(id, actor, at, bad ? List.of() : List.of("Ảnh 3x4"), "Thiếu ảnh");
            // a date for a dossier without appointment is a caller's bug (an exception), not a journey
            case SUPPLEMENT_RECEIVED -> new SupplementReceived(id, actor, at, bad || !hasAppointment ? null : date);
            case FEE_REQUESTED -> new FeeRequested(id, actor, at, bad ? -1 : 200_000, Optional.empty());
            case FEE_PAID -> new FeePaid(id, actor, at);
            case RESULT_READY -> new ResultReady(id, actor, at, s.variant() % 2 == 0
                    ? Outcome.refused(bad ? List.of() : List.of("Không đủ điều kiện")) : Outcome.approved("r/1.pdf"));
            case DELAYED -> new Delayed(id, actor, at, bad ? "" : "Chờ ý kiến", date);
            case RETURNED_AT_DESK -> new ReturnedAtDesk(id, actor, at, Optional.empty());
            case HANDED_TO_POST -> new HandedToPost(id, actor, at, bad ? "" : "EA" + id);
            case DELIVERED -> new Delivered(id, actor, at);
            case WITHDRAWAL_REQUESTED -> new WithdrawalRequested(id, actor, at, bad ? " " : "Không còn nhu cầu");
            case STOPPED -> new Stopped(id, actor, at, Optional.empty());
            case MARKED_OVERDUE -> new MarkedOverdue(id, actor, at);
            case DOCUMENT_ATTACHED -> new DocumentAttached(id, actor, at, Journey.document("Tài liệu", "d/" + s.day()));
            case DOCUMENT_REJECTED -> new DocumentRejected(id, actor, at, "d" + s.day() + ".pdf", DocumentRejection.values()[s.variant() % DocumentRejection.values().length]);
            case DELIVERY_FAILED -> new DossierEvent.DeliveryFailed(id, actor, at, "agency", 400, "");
            case RECEIVED -> throw new IllegalArgumentException();
        };
    }
}
