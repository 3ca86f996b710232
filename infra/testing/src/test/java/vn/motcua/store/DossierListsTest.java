package vn.motcua.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierEvent.*;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.store.Intakes.*;

/**
 * The lists, read from the indexes page by page, over one small world of dossiers in this class's own
 * table (the open index is one partition, so every test here sees the whole world):
 *
 * <pre>
 *        agency  received (Vietnam)  due         state
 *   a1   A       28 Feb 10:00        12 Mar      RECEIVED
 *   a2   A        1 Mar 06:00        10 Mar      RECEIVED     (still 29 Feb in UTC)
 *   a3   A        2 Mar 08:00        none fixed  RECEIVED
 *   a4   A        2 Mar 09:00        10 Mar      RECEIVED     (same due date as a2: code decides)
 *   a5   A        2 Mar 10:00        16 Mar      IN_PROCESS
 *   a6   A        3 Mar 09:00        17 Mar      RETURNED     (closed)
 *   b1   B       31 Mar 23:30        14 Apr      RECEIVED
 *   b2   B        1 Apr 00:10        15 Apr      STOPPED      (closed)
 * </pre>
 * and three refusals at the desk: 2 Mar, 31 Mar 23:59, 1 Apr 00:01.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DossierListsTest {

    private final Lifecycle lifecycle = Lifecycle.standard();
    private DossierRepository repository;
    private Agency a, b;
    private Dossier a1, a2, a3, a4, a5, a6, b1, b2;
    private DeskRefusal r1, r2, r3;

    @BeforeAll
    void world(TestStack aws) {
        repository = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        a = Intakes.newAgency();
        b = Intakes.newAgency();
        a1 = create(received(a, 1, vn(2020, 2, 28, 10, 0), LocalDate.of(2020, 3, 12)));
        a2 = create(received(a, 1, vn(2020, 3, 1, 6, 0), LocalDate.of(2020, 3, 10)));
        a3 = create(received(a, 1, vn(2020, 3, 2, 8, 0), null));
        a4 = create(received(a, 2, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 10)));
        a5 = create(received(a, 3, vn(2020, 3, 2, 10, 0), LocalDate.of(2020, 3, 16)));
        a6 = create(received(a, 1, vn(2020, 3, 3, 9, 0), LocalDate.of(2020, 3, 17)));
        b1 = create(received(b, 1, vn(2020, 3, 31, 23, 30), LocalDate.of(2020, 4, 14)));
        b2 = create(received(b, 1, vn(2020, 4, 1, 0, 10), LocalDate.of(2020, 4, 15)));

        apply(a5, new Transferred(id(), ROUTER, vn(2020, 3, 2, 14, 0), a.id()),
                new Accepted(id(), a.officer(), vn(2020, 3, 3, 8, 0)));
        apply(a6, new Transferred(id(), ROUTER, vn(2020, 3, 3, 14, 0), a.id()),
                new Accepted(id(), a.officer(), vn(2020, 3, 4, 8, 0)),
                new ResultReady(id(), a.officer(), vn(2020, 3, 10, 8, 0), Outcome.approved("results/a6.pdf")),
                new ReturnedAtDesk(id(), CLERK, vn(2020, 3, 11, 8, 0), Optional.empty()));
        apply(b2, new WithdrawalRequested(id(), CLERK, vn(2020, 4, 2, 9, 0), "Không còn nhu cầu"),
                new Stopped(id(), CLERK, vn(2020, 4, 2, 10, 0), Optional.empty()));

        r1 = refusal(vn(2020, 3, 2, 11, 0), DeskRefusal.Kind.GUIDED_TO_COMPLETE);
        r2 = refusal(vn(2020, 3, 31, 23, 59), DeskRefusal.Kind.REFUSED);
        r3 = refusal(vn(2020, 4, 1, 0, 1), DeskRefusal.Kind.GUIDED_TO_COMPLETE);
    }

    @Test
    void aDepartmentsDossiersInOneStateComeEarliestDueFirstAPageAtATime() {
        var first = repository.byAgencyAndState(a.id(), DossierState.RECEIVED, Optional.empty(), 2);

        assertThat(codes(first.items())).containsExactly(code(a2), code(a4));
        assertThat(first.cursor()).isPresent();
        assertThat(all((c, n) -> repository.byAgencyAndState(a.id(), DossierState.RECEIVED, c, n), 2))
                .containsExactly(code(a2), code(a4), code(a1), code(a3));
        assertThat(all((c, n) -> repository.byAgencyAndState(a.id(), DossierState.IN_PROCESS, c, n), 2)).containsExactly(code(a5));
        assertThat(all((c, n) -> repository.byAgencyAndState(a.id(), DossierState.RETURNED, c, n), 2)).containsExactly(code(a6));
        assertThat(all((c, n) -> repository.byAgencyAndState(b.id(), DossierState.STOPPED, c, n), 2)).containsExactly(code(b2));
    }

    @Test
    void theDeadlineWatchSeesOpenDossiersDueUpToItsDayAndNoClosedOnes() {
        assertThat(all((c, n) -> repository.openDueBy(LocalDate.of(2020, 3, 12), c, n), 2))
                .containsExactly(code(a2), code(a4), code(a1));
        assertThat(all((c, n) -> repository.openDueBy(LocalDate.of(2020, 3, 11), c, n), 1))
                .containsExactly(code(a2), code(a4));
        assertThat(all((c, n) -> repository.openDueBy(LocalDate.of(2020, 3, 9), c, n), 5)).isEmpty();
    }

    @Test
    void everyOpenDossierIsListedByDueDateThoseWithoutALimitLast() {
        assertThat(all(repository::allOpen, 4)).containsExactly(code(a2), code(a4), code(a1), code(a5), code(b1), code(a3));
    }

    @Test
    void dossiersReceivedInAPeriodComeInOrderOfReceiptAcrossMonths() {
        assertThat(all((c, n) -> repository.receivedBetween(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 4, 30), c, n), 3))
                .containsExactly(code(a1), code(a2), code(a3), code(a4), code(a5), code(a6), code(b1), code(b2));
        // March in Vietnam: a2 came at 06:00 on the 1st (29 Feb in UTC), b1 at 23:30 on the 31st
        assertThat(all((c, n) -> repository.receivedBetween(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31), c, n), 2))
                .containsExactly(code(a2), code(a3), code(a4), code(a5), code(a6), code(b1));
        assertThat(all((c, n) -> repository.receivedBetween(LocalDate.of(2020, 3, 2), LocalDate.of(2020, 3, 2), c, n), 10))
                .containsExactly(code(a3), code(a4), code(a5));
        assertThat(all((c, n) -> repository.receivedBetween(LocalDate.of(2020, 5, 1), LocalDate.of(2020, 6, 30), c, n), 10)).isEmpty();
    }

    @Test
    void aPageEndingAtTheEndOfAMonthContinuesInTheNext() {
        var feb = repository.receivedBetween(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 4, 30), Optional.empty(), 1);
        var next = repository.receivedBetween(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 4, 30), feb.cursor(), 2);

        assertThat(codes(feb.items())).containsExactly(code(a1));
        assertThat(codes(next.items())).containsExactly(code(a2), code(a3));
    }

    @Test
    void refusalsAtTheDeskAreListedByMonthAndNeverAsDossiers() {
        var march = new ArrayList<String>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = repository.deskRefusalsBetween(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31), cursor, 1);
            page.items().forEach(r -> march.add(r.id()));
            cursor = page.cursor();
        } while (cursor.isPresent());

        assertThat(march).containsExactly(r1.id(), r2.id());
        assertThat(repository.deskRefusalsBetween(LocalDate.of(2020, 4, 1), LocalDate.of(2020, 4, 30), Optional.empty(), 10).items())
                .containsExactly(r3);
        assertThat(all((c, n) -> repository.receivedBetween(LocalDate.of(2020, 3, 2), LocalDate.of(2020, 3, 2), c, n), 10))
                .doesNotContain(r1.id());
    }

    @Test
    void aRefusalRecordedTwiceIsKeptOnce() {
        var again = new DeskRefusal(r1.id(), r1.kind(), r1.procedureCode(), r1.agencyId(), r1.applicant(), r1.reasons(), r1.clerk(), r1.at());

        assertThat(repository.recordDeskRefusal(again)).isFalse();
        assertThat(repository.deskRefusalsBetween(LocalDate.of(2020, 3, 2), LocalDate.of(2020, 3, 2), Optional.empty(), 10).items())
                .containsExactly(r1);
    }

    @Test
    void aCursorOpensOnlyTheListItCameFrom() {
        var aPage = repository.byAgencyAndState(a.id(), DossierState.RECEIVED, Optional.empty(), 1);

        assertThatThrownBy(() -> repository.byAgencyAndState(b.id(), DossierState.RECEIVED, aPage.cursor(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.byAgencyAndState(a.id(), DossierState.RECEIVED, Optional.of("bm9wZQ"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.allOpen(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.receivedBetween(LocalDate.of(2020, 3, 2), LocalDate.of(2020, 3, 1), Optional.empty(), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Dossier create(Dossier d) {
        repository.create(d);
        return d;
    }

    private void apply(Dossier d, DossierEvent... events) {
        for (var e : events) {
            assertThat(repository.apply(d.code(), e, lifecycle).applied()).as("%s on %s", e.kind(), d.code()).isTrue();
        }
    }

    private DeskRefusal refusal(java.time.Instant at, DeskRefusal.Kind kind) {
        var r = new DeskRefusal(id(), kind, "1.000173", a.id(),
                new Applicant("Lê Thị Cúc", "051090000777", "0905777777", Optional.empty(), "Quảng Ngãi"),
                List.of("Thiếu đơn đề nghị"), CLERK, at);
        assertThat(repository.recordDeskRefusal(r)).isTrue();
        return r;
    }

    /** Every page of a list, each no longer than {@code limit}, as codes (or refusal ids). */
    private static List<String> all(BiFunction<Optional<String>, Integer, Page<Dossier>> list, int limit) {
        var codes = new ArrayList<String>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            var page = list.apply(cursor, limit);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            codes.addAll(codes(page.items()));
            cursor = page.cursor();
            assertThat(++pages).as("pages").isLessThan(50);
        } while (cursor.isPresent());
        return codes;
    }

    private static List<String> codes(List<Dossier> dossiers) { return dossiers.stream().map(DossierListsTest::code).toList(); }

    private static String code(Dossier d) { return d.code().value(); }

}
