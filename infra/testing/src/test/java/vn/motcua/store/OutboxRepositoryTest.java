package vn.motcua.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;
import vn.motcua.store.Page;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.store.Intakes.*;

/**
 * The outbox in the dossier's item on dynalite through the real SDK: owed work written by the change's own conditional
 * put, found through the sparse {@code owedWork} index of template.yaml (no scan), settled once, and never put back by
 * a writer of the dossier that read it before it was settled.
 */
@LocalAws
class OutboxRepositoryTest {

    private final Lifecycle lifecycle = Lifecycle.standard();
    private TestStack aws;
    private DossierRepository repository;
    private Agency agency;

    @BeforeEach
    void setUp(TestStack aws) {
        this.aws = aws;
        repository = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        agency = Intakes.newAgency();
    }

    private static OwedWork notice(String id, Instant at) { return OwedWork.of(OwedWork.NOTICE, id, "{\"n\":\"" + id + "\"}", at); }

    @Test
    void workOwedByTheChangeIsStoredWithItAndFoundThroughTheSparseIndexUntilSettled() {
        var at = vn(2020, 3, 2, 9, 0);
        var d = received(agency, 1, at, LocalDate.of(2020, 3, 16));
        repository.create(d, OutboxChange.owing(notice("receive-1", at)));
        var transfer = new Transferred(id(), ROUTER, vn(2020, 3, 2, 14, 0), agency.id());

        var decision = repository.apply(d.code(), transfer, lifecycle,
                OutboxChange.owing(OwedWork.of(OwedWork.DISPATCH, "dispatch-1", "{}", vn(2020, 3, 2, 14, 0))));

        assertThat(decision).isInstanceOf(Decision.Applied.class);
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(2);
        assertThat(repository.owed(d.code())).extracting(OwedWork::key).containsExactly("notice#receive-1", "dispatch#dispatch-1");
        assertThat(Page.all(c -> repository.owingSince(vn(2020, 3, 2, 9, 1), c, 100))).contains(d.code());
        assertThat(Page.all(c -> repository.owingSince(vn(2020, 3, 2, 8, 59), c, 100))).doesNotContain(d.code());

        assertThat(repository.settle(d.code(), OutboxChange.settling("notice#receive-1", "dispatch#dispatch-1"))).isTrue();
        assertThat(repository.settle(d.code(), OutboxChange.settling("notice#receive-1"))).as("idempotent").isFalse();

        assertThat(repository.owed(d.code())).isEmpty();
        assertThat(Page.all(c -> repository.owingSince(vn(2030, 1, 1, 0, 0), c, 100))).doesNotContain(d.code());
        assertThat(repository.find(d.code()).orElseThrow().version()).as("settling does not change the dossier").isEqualTo(2);
    }

    @Test
    void aWriterThatReadTheDossierBeforeAnEntryWasSettledDoesNotPutItBack() {
        var at = vn(2020, 3, 2, 9, 0);
        var d = received(agency, 2, at, LocalDate.of(2020, 3, 16));
        repository.create(d, OutboxChange.owing(notice("receive-2", at)));
        var other = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        // the notifier settles the receipt's notice between this writer's read and its conditional put
        var once = new AtomicBoolean();
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putItem") && once.compareAndSet(false, true)) {
                        other.settle(d.code(), OutboxChange.settling("notice#receive-2"));
                    }
                    try {
                        return method.invoke(aws.dynamoDb(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var racer = new DossierRepository(racing, aws.table("DossierTable"));

        var decision = racer.apply(d.code(), new Transferred(id(), ROUTER, vn(2020, 3, 2, 14, 0), agency.id()), lifecycle,
                OutboxChange.owing(OwedWork.of(OwedWork.DISPATCH, "dispatch-2", "{}", vn(2020, 3, 2, 14, 0))));

        assertThat(once).isTrue();
        assertThat(((Decision.Applied) decision).duplicate()).isFalse();
        assertThat(repository.owed(d.code())).extracting(OwedWork::key).containsExactly("dispatch#dispatch-2");
        assertThat(repository.find(d.code()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void theSweepsAttemptIsCountedOnlyOnTheOutboxItSaw() {
        var at = vn(2020, 3, 2, 9, 0);
        var d = received(agency, 3, at, LocalDate.of(2020, 3, 16));
        repository.create(d, OutboxChange.owing(notice("receive-3", at)));
        var seen = repository.owed(d.code());
        var later = vn(2020, 3, 2, 9, 30);

        assertThat(repository.editOwed(d.code(), seen, w -> w.requeued(later))).isTrue();
        assertThat(repository.editOwed(d.code(), seen, w -> w.requeued(later))).as("the outbox changed since").isFalse();

        assertThat(repository.owed(d.code())).singleElement().satisfies(w -> {
            assertThat(w.attempts()).isEqualTo(1);
            assertThat(w.queuedAt()).isEqualTo(later);
            assertThat(w.owedSince()).isEqualTo(at);
        });
        assertThat(Page.all(c -> repository.owingSince(vn(2020, 3, 2, 9, 1), c, 100))).as("keyed by the last queuing").doesNotContain(d.code());
        assertThat(Optional.of(repository.find(d.code()).orElseThrow().version())).contains(1L);
    }
}
