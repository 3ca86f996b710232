package vn.motcua.reports;

import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.domain.dossier.SupplementRequest;
import vn.motcua.portal.SyncLedger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The province's scorecard after Decision 766/QĐ-TTg (23 June 2022): per agency and month, every indicator the
 * system can compute from its own records, each with its formula and the part of the decision it follows; the
 * indicators it cannot compute are listed with the reason, never given a value. {@link #INDICATORS} is the list:
 * an indicator becomes computable by changing its one line and, where it needs them, the {@link Facts}.
 *
 * <p>The decision's annex scores each group in points (transparency 18, progress 20, online service 12, online
 * payment 10, digitisation 22, satisfaction 18 in the 2025 national portal's display); the annex's exact
 * formulas and thresholds were not read (see docs/law.md), so the scorecard gives the rates and counts the
 * points are computed from, not points.
 */
public final class Scorecard {

    private Scorecard() {}

    public static final String DECISION = "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ";

    /** The decision's groups of indicators. */
    public enum Group {
        TRANSPARENCY("Công khai, minh bạch"),
        PROGRESS("Tiến độ, kết quả giải quyết"),
        ONLINE("Cung cấp dịch vụ trực tuyến"),
        PAYMENT("Thanh toán trực tuyến"),
        DIGITISATION("Số hóa hồ sơ"),
        SATISFACTION("Mức độ hài lòng");

        private final String vi;
        Group(String vi) { this.vi = vi; }
        public String vi() { return vi; }
    }

    /** An indicator's value for one agency and month. */
    public sealed interface Value {
        /** {@code numerator / denominator}, the denominator above zero. */
        record Ratio(int numerator, int denominator) implements Value {
            public double rate() { return numerator / (double) denominator; }
        }
        record Count(int count) implements Value {}
        /** The denominator is zero: "không có hồ sơ", not 0 % and not NaN. */
        record Nothing(String whatIsMissing) implements Value {}
        /** The system has not what it takes; {@link Indicator#notComputableBecause()} says why. */
        record NotComputable() implements Value {}
    }

    /**
     * One indicator: its group, its name and formula as the office reads them, its source, and how it is computed
     * from the month's {@link Facts}, or why it is not.
     */
    public record Indicator(String id, Group group, String nameVi, String formulaVi, String source,
                            Optional<Function<Facts, Value>> compute, Optional<String> notComputableBecause) {

        static Indicator computed(String id, Group group, String nameVi, String formulaVi, String source, Function<Facts, Value> compute) {
            return new Indicator(id, group, nameVi, formulaVi, source, Optional.of(compute), Optional.empty());
        }

        static Indicator notComputable(String id, Group group, String nameVi, String source, String why) {
            return new Indicator(id, group, nameVi, "", source, Optional.empty(), Optional.of(why));
        }

        public boolean computable() { return compute.isPresent(); }

        Value valueFor(Facts facts) { return compute.map(f -> f.apply(facts)).orElseGet(Value.NotComputable::new); }
    }

    private static String annex(Group group) { return DECISION + ", Phụ lục, nhóm chỉ số «" + group.vi() + "»"; }

    private static Value ratio(int numerator, int denominator, String nothing) {
        return denominator == 0 ? new Value.Nothing(nothing) : new Value.Ratio(numerator, denominator);
    }

    /**
     * How soon the portal must have acknowledged a change for it to count as synced on time. No text we could read
     * gives the limit (docs/law.md); a day is this system's assumption, shown in the formula the office reads.
     */
    public static final Duration SYNC_LIMIT = Duration.ofHours(24);

    /** The sync ledger's entries of a dossier ({@link SyncLedger#forDossier}); none where nothing is synced. */
    @FunctionalInterface
    public interface SyncRecords {
        List<SyncLedger.Entry> of(Dossier dossier);

        SyncRecords NONE = dossier -> List.of();
    }

    private static final String NO_FINISHED = "không có hồ sơ giải quyết xong trong tháng";

    /** The indicators, in the order the office reads them. One line each. */
    public static final List<Indicator> INDICATORS = List.of(
            Indicator.notComputable("published-on-time", Group.TRANSPARENCY, "Thủ tục hành chính được công khai đúng hạn", annex(Group.TRANSPARENCY),
                    "Danh mục thủ tục của hệ thống không ghi ngày công bố và ngày công khai."),
            Indicator.computed("synced-on-time", Group.TRANSPARENCY, "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia đúng thời gian",
                    "Số hồ sơ có mọi thay đổi trong tháng được Cổng xác nhận trong vòng " + SYNC_LIMIT.toHours()
                            + " giờ / Số hồ sơ có thay đổi trong tháng phải đồng bộ (thời hạn " + SYNC_LIMIT.toHours()
                            + " giờ là giả định của hệ thống: chưa tìm được văn bản quy định)",
                    DECISION + ", Phụ lục; Quyết định số 31/2021/QĐ-TTg, Điều 30",
                    f -> ratio(f.syncedOnTime(), f.syncDue(), "không có thay đổi nào ghi vào sổ đồng bộ với Cổng trong tháng")),
            Indicator.computed("on-time", Group.PROGRESS, "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn",
                    "(Số hồ sơ giải quyết trước hạn + đúng hạn) / Số hồ sơ đã giải quyết trong tháng", annex(Group.PROGRESS),
                    f -> ratio(f.row().early() + f.row().onTime(), f.row().finished(), NO_FINISHED)),
            Indicator.computed("early", Group.PROGRESS, "Tỷ lệ hồ sơ giải quyết trước hạn",
                    "Số hồ sơ giải quyết trước hạn / Số hồ sơ đã giải quyết trong tháng", annex(Group.PROGRESS),
                    f -> ratio(f.row().early(), f.row().finished(), NO_FINISHED)),
            Indicator.computed("late-with-apology", Group.PROGRESS, "Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi",
                    "Số hồ sơ giải quyết trễ hạn có văn bản xin lỗi (mẫu 04) / Số hồ sơ giải quyết trễ hạn trong tháng", annex(Group.PROGRESS),
                    f -> ratio(f.lateWithApology(), f.row().late(), "không có hồ sơ trễ hạn trong tháng")),
            Indicator.computed("apologies", Group.PROGRESS, "Số văn bản xin lỗi, hẹn lại ngày trả kết quả đã phát hành",
                    "Số văn bản xin lỗi (mẫu 04) phát hành trong tháng", annex(Group.PROGRESS),
                    f -> new Value.Count(f.apologies())),
            Indicator.computed("overdue", Group.PROGRESS, "Số hồ sơ quá hạn",
                    "Số hồ sơ giải quyết trễ hạn trong tháng + Số hồ sơ đang giải quyết đã quá hạn ở cuối tháng", annex(Group.PROGRESS),
                    f -> new Value.Count(f.row().late() + f.row().overdue())),
            Indicator.computed("supplement-twice", Group.PROGRESS, "Số hồ sơ yêu cầu bổ sung quá một lần",
                    "Số hồ sơ có yêu cầu bổ sung lần thứ hai trở lên phát hành trong tháng", annex(Group.PROGRESS),
                    f -> new Value.Count(f.supplementedTwice())),
            Indicator.computed("online", Group.ONLINE, "Tỷ lệ hồ sơ nộp trực tuyến",
                    "Số hồ sơ tiếp nhận trực tuyến / Số hồ sơ tiếp nhận mới trong tháng", annex(Group.ONLINE),
                    f -> ratio(f.row().online(), f.row().received(), "không có hồ sơ tiếp nhận trong tháng")),
            Indicator.notComputable("end-to-end-online", Group.ONLINE, "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến toàn trình", annex(Group.ONLINE),
                    "Danh mục thủ tục của hệ thống không ghi mức độ dịch vụ công trực tuyến."),
            Indicator.notComputable("paid-online", Group.PAYMENT, "Tỷ lệ hồ sơ thanh toán trực tuyến", annex(Group.PAYMENT),
                    "Hệ thống ghi nhận phí đã nộp tại quầy, không ghi nhận thanh toán trực tuyến."),
            Indicator.computed("documents-digitised", Group.DIGITISATION, "Tỷ lệ hồ sơ được số hóa thành phần hồ sơ",
                    "Số hồ sơ nộp trực tiếp, qua bưu chính có ít nhất một giấy tờ được số hóa / Số hồ sơ nộp trực tiếp, qua bưu chính tiếp nhận trong tháng",
                    annex(Group.DIGITISATION) + "; Thông tư số 01/2023/TT-VPCP",
                    f -> ratio(f.paperDigitised(), f.paperReceived(), "không có hồ sơ giấy tiếp nhận trong tháng")),
            Indicator.computed("results-digitised", Group.DIGITISATION, "Tỷ lệ kết quả giải quyết được số hóa",
                    "Số hồ sơ đã giải quyết có tệp kết quả điện tử / Số hồ sơ đã giải quyết trong tháng",
                    annex(Group.DIGITISATION) + "; Thông tư số 01/2023/TT-VPCP",
                    f -> ratio(f.resultsDigitised(), f.row().finished(), NO_FINISHED)),
            Indicator.computed("satisfied", Group.SATISFACTION, "Tỷ lệ đánh giá hài lòng",
                    "Số lượt đánh giá 4 hoặc 5 điểm / Số lượt đánh giá của người dân trong tháng", annex(Group.SATISFACTION),
                    f -> ratio((int) f.ratings().stream().filter(r -> r.score() >= 4).count(), f.ratings().size(), "không có lượt đánh giá trong tháng")));

    /**
     * What one agency's month is made of: its statistics row ({@link Statistics}) and the counts the statistics do
     * not have. Built by {@link #facts}.
     */
    public record Facts(Statistics.Row row, int apologies, int lateWithApology, int supplementedTwice,
                        int paperReceived, int paperDigitised, int resultsDigitised, List<Rating> ratings,
                        int syncDue, int syncedOnTime) {}

    /** One agency's month: each indicator of {@link #INDICATORS} with its value. */
    public record Card(String agencyId, YearMonth month, List<Score> scores) {}

    public record Score(Indicator indicator, Value value) {}

    /**
     * The cards of {@code month}, one per agency in {@code agencyIds}, in that order. {@code dossiers} must hold
     * every dossier received in the month or open at its start (as for {@link Statistics}); {@code ratings} the
     * ratings of the month (others are left out); {@code sync} each dossier's sync ledger, read at {@code now}.
     */
    public static List<Card> compute(YearMonth month, List<String> agencyIds, Collection<Dossier> dossiers,
                                     Collection<DeskRefusal> refusals, Collection<Rating> ratings, SyncRecords sync, Instant now) {
        LocalDate first = month.atDay(1), last = month.atEndOfMonth();
        var rows = Statistics.byAgency(Statistics.compute(first, last, agencyIds, dossiers, refusals));
        var cards = new ArrayList<Card>();
        for (var agency : agencyIds) {
            var facts = facts(agency, month, rows.get(agency), dossiers, ratings, sync, now);
            cards.add(new Card(agency, month, INDICATORS.stream().map(i -> new Score(i, i.valueFor(facts))).toList()));
        }
        return cards;
    }

    /** As {@link #compute(YearMonth, List, Collection, Collection, Collection, SyncRecords, Instant)} with no sync ledger. */
    public static List<Card> compute(YearMonth month, List<String> agencyIds, Collection<Dossier> dossiers,
                                     Collection<DeskRefusal> refusals, Collection<Rating> ratings) {
        return compute(month, agencyIds, dossiers, refusals, ratings, SyncRecords.NONE, Instant.now());
    }

    static Facts facts(String agency, YearMonth month, Statistics.Row row, Collection<Dossier> dossiers, Collection<Rating> ratings,
                       SyncRecords sync, Instant now) {
        Instant start = month.atDay(1).atStartOfDay(Dossier.ZONE).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(Dossier.ZONE).toInstant();
        int apologies = 0, lateWithApology = 0, twice = 0, paper = 0, paperDigitised = 0, results = 0, syncDue = 0, synced = 0;
        var seen = new java.util.HashSet<String>();
        for (var d : dossiers) {
            if (!d.agencyId().equals(agency) || !seen.add(d.code().value())) continue;
            boolean apologised = false;
            for (var h : d.history()) {
                if (h.kind() == EventKind.DELAYED) {
                    apologised = true;
                    if (in(h.at(), start, end)) apologies++;
                }
            }
            List<SupplementRequest> requests = d.supplements();
            for (int i = 1; i < requests.size(); i++) {
                if (in(requests.get(i).requestedAt(), start, end)) { twice++; break; }
            }
            if (in(d.receivedAt(), start, end) && d.channel() != Channel.ONLINE) {
                paper++;
                if (!d.documents().isEmpty()) paperDigitised++;
            }
            // finished in the month, as the statistics count it: the result reached the desk in the month
            var ready = d.history().stream().filter(h -> h.kind() == EventKind.RESULT_READY).findFirst().map(HistoryEntry::at);
            if (ready.isPresent() && in(ready.get(), start, end)) {
                var timeliness = d.finished().orElseGet(() -> d.classify(Dossier.localDate(ready.get())));
                if (timeliness == vn.motcua.domain.dossier.Timeliness.LATE && apologised) lateWithApology++;
                if (d.outcome().map(o -> !o.documentRefs().isEmpty()).orElse(false)) results++;
            }
            // the ledger is read only for a dossier that changed in the month (one read each)
            if (d.history().stream().anyMatch(h -> in(h.at(), start, end))) {
                var due = sync.of(d).stream().filter(e -> in(e.changedAt(), start, end) && settledOrLate(e, now)).toList();
                if (!due.isEmpty()) {
                    syncDue++;
                    if (due.stream().allMatch(e -> e.syncedWithin(SYNC_LIMIT))) synced++;
                }
            }
        }
        var monthRatings = ratings.stream().filter(r -> r.agencyId().equals(agency) && YearMonth.from(r.day()).equals(month)).toList();
        return new Facts(row, apologies, lateWithApology, twice, paper, paperDigitised, results, monthRatings, syncDue, synced);
    }

    /** Answered by the portal, or still owed past the limit: a change still within its limit is not judged yet. */
    private static boolean settledOrLate(SyncLedger.Entry e, Instant now) {
        return e.state() == SyncLedger.State.ACKNOWLEDGED || e.state() == SyncLedger.State.REJECTED
                || !e.changedAt().plus(SYNC_LIMIT).isAfter(now);
    }

    private static boolean in(Instant at, Instant start, Instant end) { return !at.isBefore(start) && at.isBefore(end); }

    /** "66,7 %", "3", or the reason there is no value. */
    public static String text(Value value, Indicator indicator) {
        return switch (value) {
            case Value.Ratio r -> Reports.percent(100 * r.rate()) + " %";
            case Value.Count c -> Integer.toString(c.count());
            case Value.Nothing n -> n.whatIsMissing();
            case Value.NotComputable x -> "Chưa tính được: " + indicator.notComputableBecause().orElse("");
        };
    }

    /** The months of a period, first to last (a period within one month gives that month). */
    public static List<YearMonth> months(LocalDate from, LocalDate to) {
        var months = new ArrayList<YearMonth>();
        for (var m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) months.add(m);
        return months;
    }
}
