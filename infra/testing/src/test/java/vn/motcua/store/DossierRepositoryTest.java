package vn.motcua.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierEvent.*;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.Refusal;
import vn.motcua.domain.dossier.RefusalCode;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.store.Intakes.*;

/** One dossier at a time, against dynalite through the real SDK: create, find, and events applied once. */
@LocalAws
class DossierRepositoryTest {

    private final Lifecycle lifecycle = Lifecycle.standard();
    private DossierRepository repository;
    private Agency agency;

    @BeforeEach
    void setUp(TestStack aws) {
        repository = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        agency = Intakes.newAgency();
    }

    @Test
    void aCreatedDossierIsFoundAsItWasStored() {
        var dossier = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));

        repository.create(dossier);

        assertThat(repository.find(dossier.code())).contains(dossier);
    }

    @Test
    void aSecondDossierWithTheSameCodeIsRefusedAndTheFirstStays() {
        var first = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        var second = received(agency, 1, vn(2020, 3, 2, 10, 0), LocalDate.of(2020, 3, 16));
        repository.create(first);

        assertThatThrownBy(() -> repository.create(second)).isInstanceOf(DossierExistsException.class)
                .hasMessageContaining(first.code().value());
        assertThat(repository.find(first.code())).contains(first);
    }

    @Test
    void anUnknownCodeIsNotFound() {
        var code = received(agency, 9, vn(2020, 3, 2, 9, 0), null).code();

        assertThat(repository.find(code)).isEmpty();
        assertThatThrownBy(() -> repository.apply(code, new Accepted(id(), agency.officer(), vn(2020, 3, 3, 8, 0)), lifecycle))
                .isInstanceOf(UnknownDossierException.class);
    }

    @Test
    void aWholeLifeIsStoredEventByEventAndReadsBackTheSame() {
        var d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16), ResultReturn.byPost("Thôn 3, xã Tịnh Hà"));
        repository.create(d);
        var code = d.code();
        var dept = agency.officer();

        List<DossierEvent> life = List.of(
                new DocumentAttached(id(), CLERK, vn(2020, 3, 2, 9, 10), document("Đơn đề nghị", vn(2020, 3, 2, 9, 10))),
                new Transferred(id(), ROUTER, vn(2020, 3, 2, 14, 0), agency.id()),
                new Accepted(id(), dept, vn(2020, 3, 3, 8, 0)),
                new SupplementRequested(id(), dept, vn(2020, 3, 5, 10, 0), List.of("Phiếu khám sức khỏe"), "Quá 6 tháng"),
                new SupplementReceived(id(), CLERK, vn(2020, 3, 9, 8, 0), LocalDate.of(2020, 3, 19)),
                new FeeRequested(id(), dept, vn(2020, 3, 10, 9, 0), 2_000_000, Optional.of("Phí thẩm định")),
                new FeePaid(id(), CLERK, vn(2020, 3, 10, 15, 0)),
                new ResultReady(id(), dept, vn(2020, 3, 18, 10, 0), Outcome.refused(List.of("Thiết bị không đạt"), "results/r.pdf")),
                new HandedToPost(id(), CLERK, vn(2020, 3, 19, 9, 0), "EA123456789VN"),
                new Delivered(id(), Actor.system("vnpost-tracking"), vn(2020, 3, 21, 11, 0)));
        Dossier expected = d;
        for (var event : life) {
            var decision = repository.apply(code, event, lifecycle);
            assertThat(decision).as("%s", event.kind()).isInstanceOf(Decision.Applied.class);
            expected = ((Decision.Applied) decision).dossier();
        }

        var stored = repository.find(code).orElseThrow();
        assertThat(stored).isEqualTo(expected);
        assertThat(stored.state()).isEqualTo(DossierState.RETURNED);
        assertThat(stored.version()).isEqualTo(11);
        assertThat(stored.delivery().orElseThrow().delivered()).isTrue();
        assertThat(stored.processControlSlip()).hasSize(3);
    }

    @Test
    void aRefusedEventWritesNothing() {
        var d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        repository.create(d);

        var decision = repository.apply(d.code(), new Accepted(id(), agency.officer(), vn(2020, 3, 3, 8, 0)), lifecycle);

        assertThat(decision).isInstanceOf(Refusal.class);
        assertThat(((Refusal) decision).code()).isEqualTo(RefusalCode.ILLEGAL_TRANSITION);
        assertThat(repository.find(d.code())).contains(d);
    }

    @Test
    void theSameEventAppliedAgainChangesNothing() {
        var d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        repository.create(d);
        var transfer = new Transferred(id(), ROUTER, vn(2020, 3, 2, 14, 0), agency.id());

        var first = repository.apply(d.code(), transfer, lifecycle);
        var again = repository.apply(d.code(), transfer, lifecycle);

        assertThat(((Decision.Applied) first).duplicate()).isFalse();
        assertThat(((Decision.Applied) again).duplicate()).isTrue();
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void tenDifferentEventsRacingOnOneDossierAreAllKept() throws Exception {
        var d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        repository.create(d);
        int writers = 10;
        var barrier = new CyclicBarrier(writers);
        var tasks = new ArrayList<Callable<Decision>>();
        for (int i = 0; i < writers; i++) {
            var event = new DocumentAttached(id(), CLERK, vn(2020, 3, 2, 9, 10 + i), document("Tài liệu " + i, vn(2020, 3, 2, 9, 10 + i)));
            tasks.add(() -> {
                barrier.await();
                return repository.apply(d.code(), event, lifecycle);
            });
        }

        var decisions = runAll(tasks);

        assertThat(decisions).allSatisfy(x -> assertThat(x).isInstanceOfSatisfying(Decision.Applied.class,
                a -> assertThat(a.duplicate()).isFalse()));
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.documents()).extracting(doc -> doc.name())
                .containsExactlyInAnyOrder("Tài liệu 0", "Tài liệu 1", "Tài liệu 2", "Tài liệu 3", "Tài liệu 4",
                        "Tài liệu 5", "Tài liệu 6", "Tài liệu 7", "Tài liệu 8", "Tài liệu 9");
        assertThat(stored.history()).hasSize(1 + writers);
        assertThat(stored.appliedEventIds()).hasSize(1 + writers);
        assertThat(stored.version()).isEqualTo(1 + writers);
    }

    @Test
    void withOneAttemptTheWritersThatLoseTheRaceWriteNothing(TestStack aws) throws Exception {
        // proves the races above really collide: without the retry, losers are refused, not merged
        var oneShot = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"),
                new DossierRepository.Options(1, java.time.Duration.ofSeconds(60), java.time.Duration.ofHours(24)));
        var d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        oneShot.create(d);
        int writers = 10;
        var barrier = new CyclicBarrier(writers);
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < writers; i++) {
            var event = new DocumentAttached(id(), CLERK, vn(2020, 3, 2, 9, 10 + i), document("Tài liệu " + i, vn(2020, 3, 2, 9, 10 + i)));
            tasks.add(() -> {
                barrier.await();
                try {
                    oneShot.apply(d.code(), event, lifecycle);
                    return true;
                } catch (DossierBusyException busy) {
                    return false;
                }
            });
        }

        var written = runAll(tasks).stream().filter(ok -> ok).count();

        assertThat(written).isBetween(1L, writers - 1L);
        var stored = oneShot.find(d.code()).orElseThrow();
        assertThat(stored.documents()).hasSize((int) written);
        assertThat(stored.version()).isEqualTo(1 + written);
    }

    @Test
    void theSameEventFromSeveralThreadsAtOnceIsAppliedOnce() throws Exception {
        var d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        repository.create(d);
        int copies = 4;
        // a few rounds, each with its own event delivered several times at once, as a queue may do
        List<DossierEvent> events = List.of(
                new Transferred(id(), ROUTER, vn(2020, 3, 2, 14, 0), agency.id()),
                new Accepted(id(), agency.officer(), vn(2020, 3, 3, 8, 0)),
                new DocumentAttached(id(), agency.officer(), vn(2020, 3, 4, 8, 0), document("Ý kiến thẩm định", vn(2020, 3, 4, 8, 0))),
                new ResultReady(id(), agency.officer(), vn(2020, 3, 12, 10, 0), Outcome.approved("results/giay-phep.pdf")));
        for (var event : events) {
            var barrier = new CyclicBarrier(copies);
            var tasks = new ArrayList<Callable<Decision>>();
            for (int i = 0; i < copies; i++) {
                tasks.add(() -> {
                    barrier.await();
                    return repository.apply(d.code(), event, lifecycle);
                });
            }

            var decisions = runAll(tasks);

            assertThat(decisions).as("%s", event.kind()).allMatch(x -> x instanceof Decision.Applied)
                    .filteredOn(x -> !((Decision.Applied) x).duplicate()).hasSize(1);
        }
        var stored = repository.find(d.code()).orElseThrow();
        assertThat(stored.version()).isEqualTo(1 + events.size());
        assertThat(stored.history()).extracting(h -> h.eventId())
                .containsExactlyElementsOf(concat(d.history().get(0).eventId(), events.stream().map(DossierEvent::eventId).toList()));
        assertThat(stored.state()).isEqualTo(DossierState.RESULT_READY);
    }

    @Test
    void aClosedDossierLeavesTheOpenIndexAndMovesInTheAgencyLists() {
        var d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        repository.create(d);
        assertThat(openCodes()).contains(d.code().value());

        repository.apply(d.code(), new WithdrawalRequested(id(), CLERK, vn(2020, 3, 3, 9, 0), "Không còn nhu cầu"), lifecycle);
        repository.apply(d.code(), new Stopped(id(), CLERK, vn(2020, 3, 3, 10, 0), Optional.empty()), lifecycle);

        assertThat(openCodes()).doesNotContain(d.code().value());
        assertThat(repository.byAgencyAndState(agency.id(), DossierState.RECEIVED, Optional.empty(), 10).items()).isEmpty();
        assertThat(repository.byAgencyAndState(agency.id(), DossierState.STOPPED, Optional.empty(), 10).items())
                .extracting(x -> x.code()).containsExactly(d.code());
    }

    @Test
    void aDossierTooLargeForOneItemIsRefusedBeforeDynamoDbSeesIt() {
        Dossier d = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        for (int i = 0; i < 1_200; i++) {
            var at = vn(2020, 3, 2, 10, 0);
            d = ((Decision.Applied) lifecycle.apply(d, new DocumentAttached(id(), CLERK, at, document("Tài liệu " + i, at)))).dossier();
        }
        var tooLarge = d;

        assertThatThrownBy(() -> repository.create(tooLarge)).isInstanceOf(DossierTooLargeException.class)
                .hasMessageContaining(tooLarge.code().value());
        assertThat(repository.find(tooLarge.code())).isEmpty();
    }

    private List<String> openCodes() {
        var codes = new ArrayList<String>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = repository.allOpen(cursor, 100);
            page.items().forEach(x -> codes.add(x.code().value()));
            cursor = page.cursor();
        } while (cursor.isPresent());
        return codes;
    }

    static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            var results = new ArrayList<T>();
            for (Future<T> f : pool.invokeAll(tasks)) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new ArrayList<String>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
