package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Rating;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.edge.Log;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Ratings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The citizen rates the service for a dossier whose result was returned: 1 to 5 and an optional comment, once per
 * dossier, authorised as the status page is, by the code and the receipt's secret ({@link LookupSecret}). The link is
 * in the last notice (email and SMS) and on the status page. A wrong code or secret gets the status page's one
 * answer (404), with the same work done; a dossier not yet returned, or already rated, a clear 409 in Vietnamese.
 * The comment is plain text: Unicode NFC, single spaces, no markup or control characters, at most
 * {@value Rating#MAX_COMMENT} characters (whoever shows it escapes it as any text; it is refused here so that
 * nothing that looks like HTML is ever stored).
 */
public record CitizenRating(Dossiers dossiers, Ratings ratings, Clock clock, java.util.function.Consumer<DossierCode> portalNudge) {

    /** Without the national portal's sync (nothing to nudge). */
    public CitizenRating(Dossiers dossiers, Ratings ratings, Clock clock) { this(dossiers, ratings, clock, code -> { }); }

    private static final DossierCode DECOY_CODE = new DossierCode("000.00.00.H00-000101-0000");
    private static final byte[] DECOY_HASH = LookupSecret.hash(DECOY_CODE, "decoy").getBytes(StandardCharsets.UTF_8);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    static final BadInput NOT_FOUND = new BadInput(404, "NOT_FOUND",
            "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập. Xin kiểm tra lại hai mã in trên giấy tiếp nhận hồ sơ.", List.of());

    /** Whether the status page offers the rating for this dossier: returned, and not rated yet. */
    public static boolean open(Dossier dossier, Optional<Rating> given) {
        return dossier.state() == DossierState.RETURNED && given.isEmpty();
    }

    /** Records the rating in {@code body} ({@code {"score": 1..5, "comment": "..."}}); answers what the citizen sees. */
    public ObjectNode rate(String code, String secret, JsonNode body, String requestId) throws BadInput {
        var dossier = opened(code, secret, requestId);
        var problems = new FieldProblems();
        Integer score = null;
        Optional<String> comment = Optional.empty();
        if (body == null || !body.isObject()) {
            problems.add("body", "WRONG_TYPE", "Nội dung gửi lên phải là một đối tượng JSON có điểm đánh giá (score).");
        } else {
            problems.onlyFields(body, "", Set.of("score", "comment"));
            score = problems.whole(body, "score", "score", Rating.MIN, Rating.MAX, null);
            comment = comment(problems.text(body, "comment", "comment", false), problems);
        }
        problems.throwIfAny();

        if (dossier.state() != DossierState.RETURNED) {
            Log.info("rating.refused").with("requestId", requestId).with("dossier", code).with("reason", "not_returned").write();
            throw new BadInput(409, "NOT_RETURNED", "Hồ sơ chưa được trả kết quả (tình trạng: " + dossier.state().label()
                    + "). Ông/Bà có thể đánh giá sau khi đã nhận kết quả.", List.of());
        }
        var rating = new Rating(dossier.code(), dossier.agencyId(), score, comment, clock.instant());
        if (!ratings.add(rating)) {
            var given = ratings.find(dossier.code());
            given.ifPresent(g -> nudgePortal(dossier)); // a retry after a crash between the two writes nudges again
            Log.info("rating.refused").with("requestId", requestId).with("dossier", code).with("reason", "already_rated").write();
            throw new BadInput(409, "ALREADY_RATED", "Hồ sơ này đã được đánh giá"
                    + given.map(g -> " ngày " + DAY.format(g.day())).orElse("")
                    + "; mỗi hồ sơ chỉ được đánh giá một lần. Cảm ơn Ông/Bà đã góp ý.", List.of());
        }
        nudgePortal(dossier);
        Log.info("rating.recorded").with("requestId", requestId).with("dossier", code).with("agency", dossier.agencyId())
                .with("score", score).write(); // the comment is the citizen's words: not logged
        var answer = Json.object();
        answer.put("code", dossier.code().value()).put("score", score).put("message", "Cảm ơn Ông/Bà đã đánh giá chất lượng phục vụ.");
        return answer;
    }

    /**
     * Wakes the national portal's sync for the rated dossier: the sync, which may write the dossier, owes the rating's
     * record ({@link vn.motcua.portal.PortalSync}); this function writes ratings only. A lost nudge: the daily
     * reconciliation finds the rating not owed and nudges the sync again ({@link vn.motcua.portal.PortalReconciliation}). A failure is logged, never the citizen's error.
     */
    private void nudgePortal(Dossier dossier) {
        try {
            portalNudge.accept(dossier.code());
        } catch (RuntimeException e) {
            Log.warn("rating.portal_nudge_failed").with("dossier", dossier.code().value()).with("error", e.getClass().getSimpleName()).write();
        }
    }

    /** The dossier when {@code secret} opens it; else the one 404, after the same hashing as a match. */
    private Dossier opened(String code, String secret, String requestId) throws BadInput {
        Optional<Dossier> dossier = DossierCode.isValid(code) ? dossiers.find(new DossierCode(code)) : Optional.empty();
        byte[] expected = dossier.map(d -> d.lookupSecret().getBytes(StandardCharsets.UTF_8)).orElse(DECOY_HASH);
        DossierCode hashedFor = dossier.map(Dossier::code).orElse(DECOY_CODE);
        boolean equal = MessageDigest.isEqual(expected, LookupSecret.hash(hashedFor, secret).getBytes(StandardCharsets.UTF_8));
        if (!equal || dossier.isEmpty() || !LookupSecret.matches(dossier.get(), secret)) {
            Log.info("rating.denied").with("requestId", requestId)
                    .with("reason", dossier.isPresent() ? "secret" : DossierCode.isValid(code) ? "unknown" : "malformed").write();
            throw NOT_FOUND;
        }
        return dossier.get();
    }

    static Optional<String> comment(String raw, FieldProblems problems) {
        if (raw == null) return Optional.empty();
        String text = ApplicantInput.normalise(raw);
        if (CONTROL.matcher(text).find() || text.contains("<") || text.contains(">")) {
            problems.add("comment", "INVALID_COMMENT", "Góp ý không được chứa thẻ HTML, dấu < > hay ký tự điều khiển.");
            return Optional.empty();
        }
        if (text.length() > Rating.MAX_COMMENT) {
            problems.add("comment", "COMMENT_TOO_LONG", "Góp ý dài " + text.length() + " ký tự; tối đa " + Rating.MAX_COMMENT + " ký tự.");
            return Optional.empty();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
