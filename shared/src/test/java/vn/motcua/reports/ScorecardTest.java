package vn.motcua.reports;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.domain.dossier.SupplementRequest;
import vn.motcua.portal.SyncLedger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.reports.StatisticsTest.A;
import static vn.motcua.reports.StatisticsTest.B;
import static vn.motcua.reports.StatisticsTest.dossier;
import static vn.motcua.reports.StatisticsTest.vn;

/**
 * The scorecard of March 2020, computed by hand. Agency A:
 * <pre>
 *   e1  in person, due 10/3, result 9/3, one scan, one result file     early
 *   t2  by post,   due 10/3, result 10/3                              on time
 *   l3  in person, apology 6/3 (new date 12/3), result 11/3            late (a new date counts late), apologised
 *   s4  in person, supplements 3/3 and 5/3, result 9/3 (due 20/3)      late (two supplement requests)
 *   p5  in person, due 5/3, waiting for its supplement since 4/3       in process, clock stopped: not overdue
 *   o6  in person, due 6/3, in process                                 overdue at the month's end
 *   w7  in person, withdrawn and stopped 8/3                           neither finished nor in process
 *   n8  online, due 3/4,  in process                                   within the deadline
 * </pre>
 * Finished 4 (e1 t2 l3 s4): on time and early 2/4 = 50,0 %, early 1/4 = 25,0 %; late 2, one with its apology:
 * 50,0 %; overdue 2 late + 1 in process = 3; supplements more than once 1; online 1/8 = 12,5 %; paper dossiers
 * with a scan 1/7 = 14,3 %; results with a file 1/4 = 25,0 %; ratings 5, 4, 2 in March (and a 5 in February):
 * satisfied 2/3 = 66,7 %. Agency B has nothing: "không có hồ sơ", never 0 % or NaN.
 */
public class ScorecardTest {

    static final YearMonth MARCH = YearMonth.of(2020, 3);

    @Test
    void march_by_hand() {
        var e1 = with(dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 9)), Channel.IN_PERSON, List.of(scan()), List.of(),
                Optional.of(Outcome.approved("results/e1.pdf")), List.of(), null);
        var t2 = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 10), Channel.BY_POST, false);
        var l3 = with(dossier(A, vn(3, 2), LocalDate.of(2020, 3, 12), vn(3, 11), Channel.IN_PERSON, true), Channel.IN_PERSON, List.of(),
                List.of(), Optional.of(Outcome.approved()), List.of(entry(EventKind.DELAYED, vn(3, 6), DossierState.IN_PROCESS)), null);
        var s4 = with(dossier(A, vn(3, 2), LocalDate.of(2020, 3, 20), vn(3, 9)), Channel.IN_PERSON, List.of(),
                List.of(supplement(vn(3, 3)), supplement(vn(3, 5))), Optional.empty(), List.of(), null);
        var p5 = with(dossier(A, vn(3, 2), LocalDate.of(2020, 3, 5), null), Channel.IN_PERSON, List.of(), List.of(supplement(vn(3, 4))),
                Optional.empty(), List.of(entry(EventKind.SUPPLEMENT_REQUESTED, vn(3, 4), DossierState.SUPPLEMENT_REQUESTED)), null);
        var o6 = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 6), null);
        var w7 = with(dossier(A, vn(3, 3), LocalDate.of(2020, 3, 20), null), Channel.IN_PERSON, List.of(), List.of(), Optional.empty(),
                List.of(entry(EventKind.WITHDRAWAL_REQUESTED, vn(3, 7), DossierState.WITHDRAWAL_REQUESTED),
                        entry(EventKind.STOPPED, vn(3, 8), DossierState.STOPPED)), DossierState.STOPPED);
        var n8 = dossier(A, vn(3, 4), LocalDate.of(2020, 4, 3), null, Channel.ONLINE, false);
        var ratings = List.of(rating(A, 5, vn(3, 16)), rating(A, 4, vn(3, 17)), rating(A, 2, vn(3, 18)), rating(A, 5, vn(2, 18)));

        var cards = Scorecard.compute(MARCH, List.of(A, B), List.of(e1, t2, l3, s4, p5, o6, w7, n8), List.of(), ratings);

        assertThat(cards).extracting(Scorecard.Card::agencyId).containsExactly(A, B);
        var a = texts(cards.get(0));
        assertThat(a).containsEntry("on-time", "50,0 %").containsEntry("early", "25,0 %")
                .containsEntry("late-with-apology", "50,0 %").containsEntry("apologies", "1").containsEntry("overdue", "3")
                .containsEntry("supplement-twice", "1").containsEntry("online", "12,5 %")
                .containsEntry("documents-digitised", "14,3 %").containsEntry("results-digitised", "25,0 %")
                .containsEntry("satisfied", "66,7 %");
        assertThat(value(cards.get(0), "on-time")).isEqualTo(new Scorecard.Value.Ratio(2, 4));
        assertThat(value(cards.get(0), "documents-digitised")).isEqualTo(new Scorecard.Value.Ratio(1, 7));

        var b = texts(cards.get(1));
        assertThat(value(cards.get(1), "on-time")).isInstanceOf(Scorecard.Value.Nothing.class);
        assertThat(b.get("on-time")).isEqualTo("không có hồ sơ giải quyết xong trong tháng");
        assertThat(b.get("satisfied")).isEqualTo("không có lượt đánh giá trong tháng");
        assertThat(b).containsEntry("apologies", "0").containsEntry("overdue", "0");
        assertThat(b.values()).noneMatch(t -> t.contains("NaN") || t.equals("0,0 %"));
    }

    @Test
    void what_the_system_cannot_compute_is_listed_with_why_and_gets_no_value() {
        var notComputable = Scorecard.INDICATORS.stream().filter(i -> !i.computable()).toList();
        assertThat(notComputable).extracting(Scorecard.Indicator::id).contains("published-on-time", "paid-online");
        assertThat(notComputable).allSatisfy(i -> assertThat(i.notComputableBecause()).get().asString().isNotBlank());
        var card = Scorecard.compute(MARCH, List.of(A), List.of(dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 9))), List.of(), List.of()).get(0);
        assertThat(value(card, "paid-online")).isInstanceOf(Scorecard.Value.NotComputable.class);
        assertThat(texts(card).get("paid-online")).startsWith("Chưa tính được: ").contains("thanh toán trực tuyến");
        // every indicator carries its source; every computed one its formula; the five groups of the decision are there
        assertThat(Scorecard.INDICATORS).allSatisfy(i -> assertThat(i.source()).contains("766/QĐ-TTg"));
        assertThat(Scorecard.INDICATORS.stream().filter(Scorecard.Indicator::computable)).allSatisfy(i -> assertThat(i.formulaVi()).containsPattern("^\\(?Số ").doesNotContain("_"));
        assertThat(Scorecard.INDICATORS).extracting(Scorecard.Indicator::group).contains(Scorecard.Group.values());
        assertThat(Scorecard.INDICATORS).extracting(Scorecard.Indicator::id).doesNotHaveDuplicates();
    }

    /**
     * Synced on time, read at 31/3 20:00: s1's two March changes acknowledged within the day (on time); s2's one
     * acknowledged 30 hours after it (late); s3's portal refusal (not synced); s4's change of 31/3 10:00 still owed
     * but within its day (not judged yet, not counted); s5's only record is of February (not this month's).
     * 1 of 3 = 33,3 %. With no ledger at all the month says so, never 0 %.
     */
    @Test
    void synced_on_time_counts_the_dossiers_whose_every_change_of_the_month_the_portal_acknowledged_within_the_limit() {
        var s1 = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 9));
        var s2 = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 9));
        var s3 = dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), null);
        var s4 = dossier(A, vn(3, 2), LocalDate.of(2020, 4, 10), null);
        var s5 = dossier(A, vn(3, 2), LocalDate.of(2020, 4, 10), null);
        Instant now = vn(3, 31).plus(java.time.Duration.ofHours(12));
        var ledger = Map.of(
                s1.code(), List.of(acked(1, vn(3, 2), 2), acked(2, vn(3, 9), 23)),
                s2.code(), List.of(acked(1, vn(3, 2), 30)),
                s3.code(), List.of(ledgerEntry(1, vn(3, 2), SyncLedger.State.REJECTED)),
                s4.code(), List.of(ledgerEntry(1, vn(3, 31).plus(java.time.Duration.ofHours(2)), SyncLedger.State.OWED)),
                s5.code(), List.of(acked(1, vn(2, 28), 1)));

        var card = Scorecard.compute(MARCH, List.of(A, B), List.of(s1, s2, s3, s4, s5), List.of(), List.of(),
                d -> ledger.getOrDefault(d.code(), List.of()), now);

        assertThat(value(card.get(0), "synced-on-time")).isEqualTo(new Scorecard.Value.Ratio(1, 3));
        assertThat(texts(card.get(0))).containsEntry("synced-on-time", "33,3 %");
        assertThat(texts(card.get(1))).containsEntry("synced-on-time", "không có thay đổi nào ghi vào sổ đồng bộ với Cổng trong tháng");
        var indicator = Scorecard.INDICATORS.stream().filter(i -> i.id().equals("synced-on-time")).findFirst().orElseThrow();
        assertThat(indicator.formulaVi()).contains("24 giờ", "giả định");
    }

    static SyncLedger.Entry acked(int seq, Instant changedAt, int hoursLater) {
        var at = changedAt.plus(java.time.Duration.ofHours(hoursLater));
        return new SyncLedger.Entry(seq, 2, changedAt, Optional.of(at), Optional.of(at), SyncLedger.State.ACKNOWLEDGED, "ok");
    }

    static SyncLedger.Entry ledgerEntry(int seq, Instant changedAt, SyncLedger.State state) {
        return new SyncLedger.Entry(seq, 2, changedAt, Optional.empty(), Optional.empty(), state, state == SyncLedger.State.REJECTED ? "422" : "");
    }

    @Test
    void a_second_supplement_request_counts_in_the_month_it_was_issued() {
        var d = with(dossier(A, vn(2, 20), LocalDate.of(2020, 4, 20), null), Channel.IN_PERSON, List.of(),
                List.of(supplement(vn(2, 24)), supplement(vn(3, 2)), supplement(vn(3, 9))), Optional.empty(), List.of(), null);
        assertThat(texts(Scorecard.compute(MARCH, List.of(A), List.of(d), List.of(), List.of()).get(0))).containsEntry("supplement-twice", "1");
        assertThat(texts(Scorecard.compute(YearMonth.of(2020, 2), List.of(A), List.of(d), List.of(), List.of()).get(0))).containsEntry("supplement-twice", "0");
    }

    // ---- fixtures ------------------------------------------------------------------------------

    static Map<String, String> texts(Scorecard.Card card) {
        var map = new HashMap<String, String>();
        card.scores().forEach(s -> map.put(s.indicator().id(), Scorecard.text(s.value(), s.indicator())));
        return map;
    }

    static Scorecard.Value value(Scorecard.Card card, String id) {
        return card.scores().stream().filter(s -> s.indicator().id().equals(id)).findFirst().orElseThrow().value();
    }

    static DossierDocument scan() {
        return new DossierDocument("Đơn đề nghị", "dossiers/x/1/don.pdf", 1000, "sha256:ab", Actor.clerk("q"), vn(3, 2));
    }

    static SupplementRequest supplement(Instant at) {
        return new SupplementRequest(A, at, List.of("Bản sao giấy phép"), "Thiếu giấy tờ", Optional.empty());
    }

    static HistoryEntry entry(EventKind kind, Instant at, DossierState to) {
        return new HistoryEntry("h" + (++StatisticsTest.seq), kind, Actor.department(A), at, Optional.empty(), Optional.empty(), to, Optional.empty());
    }

    static Rating rating(String agency, int score, Instant at) {
        return new Rating(new DossierCode(String.format("000.00.53.H48-200301-%04d", ++StatisticsTest.seq)), agency, score, Optional.empty(), at);
    }

    /** {@code d} with its channel, scans, supplements, outcome, more history (kept in time order) and state (null: as it was). */
    /** A dossier of agency A received 2 March 2020, its result at the desk on 9 March (for other packages' tests). */
    public static Dossier finishedInMarch() {
        return dossier(A, vn(3, 2), LocalDate.of(2020, 3, 10), vn(3, 9));
    }

    public static Dossier with(Dossier d, Channel channel, List<DossierDocument> documents, List<SupplementRequest> supplements,
                        Optional<Outcome> outcome, List<HistoryEntry> more, DossierState state) {
        var history = new ArrayList<>(d.history());
        history.addAll(more);
        history.sort(java.util.Comparator.comparing(HistoryEntry::at));
        return new Dossier(d.code(), d.procedureCode(), d.agencyId(), d.deskId(), d.timeLimit(), d.applicant(), channel, d.resultReturn(),
                d.receivedAt(), d.appointment(), supplements, d.fee(), outcome, d.delivery(), state == null ? d.state() : state, false,
                documents, history, d.appliedEventIds(), d.lookupSecret(), history.size());
    }
}
