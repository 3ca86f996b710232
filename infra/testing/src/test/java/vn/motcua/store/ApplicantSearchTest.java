package vn.motcua.store;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.domain.dossier.SearchText;
import vn.motcua.domain.dossier.DossierEvent.WithdrawalRequested;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.store.Intakes.*;

/**
 * The desk's search by applicant, from the three search indexes of the dossier table (dynalite, the table as the
 * template makes it) and from the in-memory store alike: a name with or without diacritics, by its beginning; an
 * ID number; a phone. The keys are written with the dossier, so a dossier that moves on is still found, once.
 */
@LocalAws
class ApplicantSearchTest {

    @Test
    void names_with_or_without_diacritics_id_numbers_and_phones_from_the_indexes(TestStack aws) {
        searches(new DossierRepository(aws.dynamoDb(), aws.table("DossierTable")));
    }

    @Test
    void the_in_memory_store_answers_the_same() {
        searches(new InMemoryDossiers());
    }

    private static void searches(Dossiers store) {
        // a family name and numbers of this run only: the table is shared with other tests
        String family = "Đặng" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).replaceAll("\\d", "x");
        String id1 = String.format("0511%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String phone1 = String.format("09%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        var a = newAgency();
        var first = received(a, 1, vn(2026, 12, 1, 9, 0), LocalDate.of(2026, 12, 15), ResultReturn.atDesk(),
                new Applicant(family + " Thị Thu Hà", id1, phone1, Optional.empty(), "Quảng Ngãi"));
        var second = received(a, 2, vn(2026, 12, 2, 9, 0), LocalDate.of(2026, 12, 16), ResultReturn.atDesk(),
                new Applicant(family + " Văn Đức", "C" + id1.substring(5), "0" + phone1.substring(2) + "1", Optional.empty(), "Quảng Ngãi"));
        var third = received(a, 3, vn(2026, 12, 2, 10, 0), LocalDate.of(2026, 12, 16), ResultReturn.atDesk(),
                new Applicant(family + " Thị Thu Hà", id1, phone1, Optional.empty(), "Quảng Ngãi"));
        store.create(first);
        store.create(second);
        store.create(third);
        // a move rewrites the item: its search keys with it
        store.apply(third.code(), new WithdrawalRequested(id(), CLERK, vn(2026, 12, 2, 11, 0), "Không còn nhu cầu"), Lifecycle.standard());

        String plain = SearchText.normalise(family);
        assertThat(codes(store.byApplicantName(plain + " thi thu ha", Optional.empty(), 10)))
                .containsExactly(code(first), code(third));
        assertThat(codes(store.byApplicantName(SearchText.normalise(family + " Thị Thu Hà"), Optional.empty(), 10)))
                .as("with diacritics, the same").containsExactly(code(first), code(third));
        assertThat(codes(store.byApplicantName(plain, Optional.empty(), 10))).as("the family name alone: all three, by name")
                .containsExactly(code(first), code(third), code(second));
        assertThat(codes(store.byApplicantName(plain + " van d", Optional.empty(), 10))).as("the beginning of a name")
                .containsExactly(code(second));
        assertThat(codes(store.byApplicantName(plain + " thi thu hai", Optional.empty(), 10))).isEmpty();
        assertThat(codes(store.byApplicantIdNumber(id1, Optional.empty(), 10))).containsExactly(code(first), code(third));
        assertThat(codes(store.byApplicantPhone(phone1, Optional.empty(), 10))).containsExactly(code(first), code(third));
        assertThat(store.byApplicantIdNumber(id1, Optional.empty(), 10).items().get(1).state()).isEqualTo(DossierState.WITHDRAWAL_REQUESTED);

        // paged: one at a time, each once
        var paged = new ArrayList<String>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = store.byApplicantName(plain, cursor, 1);
            paged.addAll(codes(page));
            cursor = page.cursor();
        } while (cursor.isPresent() && paged.size() < 10);
        assertThat(paged).containsExactly(code(first), code(third), code(second));
    }

    private static List<String> codes(Page<Dossier> page) { return page.items().stream().map(ApplicantSearchTest::code).toList(); }

    private static String code(Dossier d) { return d.code().value(); }
}
