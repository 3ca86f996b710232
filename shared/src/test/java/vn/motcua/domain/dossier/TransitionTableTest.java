package vn.motcua.domain.dossier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TransitionTableTest {

    private final Journey journey = new Journey();

    static Stream<Lifecycle.Transition> legal() { return Lifecycle.transitions().stream(); }

    /** Every (state, event) pair the table does not list, for every state a dossier can be in. */
    static Stream<Arguments> illegal() {
        return Arrays.stream(DossierState.values()).filter(s -> s != DossierState.REFUSED_AT_DESK)
                .flatMap(s -> Arrays.stream(EventKind.values()).filter(k -> k != EventKind.RECEIVED)
                        .filter(k -> Lifecycle.next(s, k).isEmpty())
                        .map(k -> Arguments.of(s, k)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legal")
    void every_row_of_the_table_is_a_legal_move(Lifecycle.Transition row) {
        var before = journey.in(row.from());
        var event = Journey.validEvent(row.on());

        var decision = journey.lifecycle.apply(before, event);

        assertThat(decision).isInstanceOf(Decision.Applied.class);
        var after = ((Decision.Applied) decision).dossier();
        assertThat(after.state()).isEqualTo(row.to());
        assertThat(after.history()).hasSize(before.history().size() + 1).startsWith(before.history().toArray(HistoryEntry[]::new));
        var entry = after.history().get(after.history().size() - 1);
        assertThat(entry.kind()).isEqualTo(row.on());
        assertThat(entry.from()).contains(row.from());
        assertThat(entry.to()).isEqualTo(row.to());
        assertThat(entry.handOver().isPresent()).isEqualTo(row.on().isHandOver());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.wasApplied(event.eventId())).isTrue();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("illegal")
    void everything_else_is_refused_and_changes_nothing(DossierState state, EventKind kind) {
        var before = journey.in(state);
        var event = Journey.validEvent(kind);

        var decision = journey.lifecycle.apply(before, event);

        assertThat(decision).isInstanceOf(Refusal.class);
        assertThat(((Refusal) decision).code()).isEqualTo(RefusalCode.ILLEGAL_TRANSITION);
        assertThat(((Refusal) decision).message()).contains(kind.action()).contains(state.label());
    }

    @Test
    void withdrawal_is_possible_from_every_open_state_and_from_no_other() {
        for (var state : DossierState.values()) {
            assertThat(Lifecycle.next(state, EventKind.WITHDRAWAL_REQUESTED).isPresent())
                    .as(state.name()).isEqualTo(state.isOpen() && state != DossierState.REFUSED_AT_DESK);
        }
    }

    @Test
    void no_event_leads_into_or_out_of_refused_at_desk_and_stopped_is_final() {
        assertThat(Lifecycle.transitions()).noneMatch(t -> t.to() == DossierState.REFUSED_AT_DESK
                || t.from() == DossierState.REFUSED_AT_DESK);
        // a stopped dossier only records that a late upload was set aside
        assertThat(Lifecycle.transitions()).filteredOn(t -> t.from() == DossierState.STOPPED)
                .containsExactly(new Lifecycle.Transition(DossierState.STOPPED, EventKind.DOCUMENT_REJECTED, DossierState.STOPPED));
    }

    @Test
    void a_rejected_upload_is_recorded_in_every_state_a_dossier_can_be_in_and_moves_none() {
        for (var state : DossierState.values()) {
            if (state == DossierState.REFUSED_AT_DESK) continue;
            assertThat(Lifecycle.next(state, EventKind.DOCUMENT_REJECTED)).as(state.name()).contains(state);
        }
    }

    @Test
    void portal_numbers_follow_the_national_portal() {
        assertThat(Arrays.stream(DossierState.values()).mapToInt(DossierState::portalNumber))
                .containsExactly(2, 3, 4, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void every_state_has_plain_vietnamese_words() {
        assertThat(DossierState.SUPPLEMENT_REQUESTED.label()).isEqualTo("Chờ bổ sung hồ sơ");
        assertThat(DossierState.RETURNED.label()).isEqualTo("Đã trả kết quả");
        assertThat(DossierState.values()).allSatisfy(s -> assertThat(s.label()).isNotBlank());
    }
}
