package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The citizen's rating on in-memory ports: after the return, once, with the receipt's secret, validated. */
class CitizenRatingTest {

    private final Rehearsal world = Rehearsal.create();
    private final CitizenRating rating = world.wiring().citizenRating();

    private Dossier returned() {
        var d = world.inProcess();
        d = world.then(d, new DossierEvent.ResultReady("result-" + d.code().value(), vn.motcua.domain.dossier.Actor.department(d.agencyId()),
                Rehearsal.NOW, new Outcome.Approved(List.of("results/r.pdf"))));
        return world.then(d, new DossierEvent.ReturnedAtDesk("returned-" + d.code().value(), Rehearsal.CLERK, Rehearsal.NOW, Optional.empty()));
    }

    private static JsonNode body(String json) {
        try {
            return Json.parse(json);
        } catch (BadInput e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_returned_dossier_is_rated_once_and_the_second_rating_is_refused_in_vietnamese() throws BadInput {
        var d = returned();

        var answer = rating.rate(d.code().value(), Rehearsal.LOOKUP_SECRET, body("{\"score\":4,\"comment\":\"  Nhân viên   nhiệt tình \"}"), "r1");

        assertThat(answer.path("score").asInt()).isEqualTo(4);
        assertThat(world.ports().ratings().find(d.code())).hasValueSatisfying(r -> {
            assertThat(r.score()).isEqualTo(4);
            assertThat(r.comment()).contains("Nhân viên nhiệt tình");
            assertThat(r.agencyId()).isEqualTo(d.agencyId());
        });
        assertThatThrownBy(() -> rating.rate(d.code().value(), Rehearsal.LOOKUP_SECRET.toLowerCase(), body("{\"score\":1}"), "r2"))
                .isInstanceOfSatisfying(BadInput.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("ALREADY_RATED");
                    assertThat(e.getMessage()).contains("đã được đánh giá ngày 12/03/2020", "mỗi hồ sơ chỉ được đánh giá một lần");
                });
        assertThat(world.ports().ratings().find(d.code())).hasValueSatisfying(r -> assertThat(r.score()).isEqualTo(4));
    }

    @Test
    void not_before_the_result_is_returned() {
        var d = world.inProcess();
        assertThatThrownBy(() -> rating.rate(d.code().value(), Rehearsal.LOOKUP_SECRET, body("{\"score\":5}"), "r"))
                .isInstanceOfSatisfying(BadInput.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("NOT_RETURNED");
                    assertThat(e.getMessage()).contains("chưa được trả kết quả", "Đang giải quyết");
                });
        assertThat(world.ports().ratings().find(d.code())).isEmpty();
    }

    @Test
    void a_wrong_secret_an_unknown_or_malformed_code_get_the_status_pages_one_404() {
        var d = returned();
        for (String[] attempt : new String[][] {{d.code().value(), "WRONG123"}, {d.code().value(), ""},
                {"000.00.53.H48-200304-9999", Rehearsal.LOOKUP_SECRET}, {"<script>", Rehearsal.LOOKUP_SECRET}}) {
            assertThatThrownBy(() -> rating.rate(attempt[0], attempt[1], body("{\"score\":5}"), "r"))
                    .isSameAs(CitizenRating.NOT_FOUND);
        }
        assertThat(world.ports().ratings().find(d.code())).isEmpty();
    }

    @Test
    void score_and_comment_are_checked_with_vietnamese_messages_and_nothing_invalid_is_stored() {
        var d = returned();
        String code = d.code().value(), secret = Rehearsal.LOOKUP_SECRET;
        record Case(String body, String code, String field) {}
        for (var c : List.of(new Case("{}", "MISSING_FIELD", "score"), new Case("{\"score\":0}", "OUT_OF_RANGE", "score"),
                new Case("{\"score\":6}", "OUT_OF_RANGE", "score"), new Case("{\"score\":\"5\"}", "WRONG_TYPE", "score"),
                new Case("{\"score\":4.5}", "WRONG_TYPE", "score"),
                new Case("{\"score\":5,\"comment\":\"<script>alert(1)</script>\"}", "INVALID_COMMENT", "comment"),
                new Case("{\"score\":5,\"comment\":\"" + "a".repeat(501) + "\"}", "COMMENT_TOO_LONG", "comment"),
                new Case("{\"score\":5,\"stars\":5}", "UNKNOWN_FIELD", "stars"))) {
            assertThatThrownBy(() -> rating.rate(code, secret, body(c.body()), "r")).as(c.body())
                    .isInstanceOfSatisfying(BadInput.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo(c.code());
                        assertThat(e.fields()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo(c.field()));
                    });
        }
        assertThat(world.ports().ratings().find(d.code())).isEmpty();
    }

    @Test
    void the_status_page_offers_the_rating_after_the_return_until_given() throws BadInput {
        var d = returned();
        var lookup = world.wiring().publicLookup();
        assertThat(lookup.status(d.code().value(), Rehearsal.LOOKUP_SECRET, "r").orElseThrow().path("rating").path("open").asBoolean()).isTrue();
        assertThat(lookup.status(world.inProcess().code().value(), Rehearsal.LOOKUP_SECRET, "r").orElseThrow().path("rating").path("open").asBoolean())
                .isFalse();

        rating.rate(d.code().value(), Rehearsal.LOOKUP_SECRET, body("{\"score\":5}"), "r");

        var after = lookup.status(d.code().value(), Rehearsal.LOOKUP_SECRET, "r").orElseThrow().path("rating");
        assertThat(after.path("open").asBoolean()).isFalse();
        assertThat(after.path("given").path("score").asInt()).isEqualTo(5);
    }
}
