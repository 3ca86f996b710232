package vn.motcua.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.store.Intakes.*;

/** The intake's {@code Idempotency-Key}: a retried submission gets the same dossier, another body under the key is refused. */
@LocalAws
class IdempotencyKeysTest {

    private static final Instant NOW = Instant.parse("2020-03-02T02:00:00Z");

    private DossierRepository repository;
    private DossierCodes codes;
    private Agency agency;
    private String key;

    @BeforeEach
    void setUp(TestStack aws) {
        repository = new DossierRepository(aws.dynamoDb(), aws.table("DossierTable"));
        codes = new DossierCodes(aws.dynamoDb(), aws.table("DossierTable"));
        agency = Intakes.newAgency();
        key = UUID.randomUUID().toString();
    }

    /** What the intake does with a claim, in short: the same request twice makes one dossier. */
    private DossierCode submit(String requestHash, Instant at) {
        var claim = repository.claimIdempotencyKey(key, requestHash, at);
        if (claim instanceof IdempotencyClaim.Bound bound) {
            if (repository.find(bound.code()).isEmpty()) repository.create(dossier(bound.code(), at));
            return bound.code();
        }
        assertThat(claim).isInstanceOf(IdempotencyClaim.Claimed.class);
        var code = repository.bindIdempotencyKey(key, requestHash, codes.next(agency.eid(), at));
        repository.create(dossier(code, at));
        return code;
    }

    private Dossier dossier(DossierCode code, Instant at) {
        var d = received(agency, code.sequence(), at, LocalDate.of(2020, 3, 16));
        assertThat(d.code()).isEqualTo(code);
        return d;
    }

    @Test
    void aRetriedSubmissionGetsTheSameDossier() {
        var first = submit("hash-1", NOW);
        var retry = submit("hash-1", NOW.plusSeconds(5));

        assertThat(retry).isEqualTo(first);
        assertThat(codes.next(agency.eid(), NOW).sequence()).as("no second code was taken").isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        submit("hash-1", NOW);

        assertThat(repository.claimIdempotencyKey(key, "hash-2", NOW.plusSeconds(5))).isInstanceOf(IdempotencyClaim.Mismatch.class);
    }

    @Test
    void aRetryWhileTheFirstIsStillRunningIsToldSo() {
        assertThat(repository.claimIdempotencyKey(key, "hash-1", NOW)).isInstanceOf(IdempotencyClaim.Claimed.class);

        assertThat(repository.claimIdempotencyKey(key, "hash-1", NOW.plusSeconds(3)))
                .isEqualTo(new IdempotencyClaim.InProgress(NOW));
    }

    @Test
    void aClaimWhoseRequestDiedIsTakenOverAfterTheLease() {
        repository.claimIdempotencyKey(key, "hash-1", NOW);

        assertThat(repository.claimIdempotencyKey(key, "hash-1", NOW.plusSeconds(61))).isInstanceOf(IdempotencyClaim.Claimed.class);
        assertThat(repository.claimIdempotencyKey(key, "hash-1", NOW.plusSeconds(62))).isInstanceOf(IdempotencyClaim.InProgress.class);
    }

    @Test
    void aRequestThatDiedAfterBindingItsCodeIsFinishedByTheRetryWithThatCode() {
        repository.claimIdempotencyKey(key, "hash-1", NOW);
        var bound = repository.bindIdempotencyKey(key, "hash-1", codes.next(agency.eid(), NOW));
        // ... and the function died before creating the dossier

        var retry = submit("hash-1", NOW.plusSeconds(90));

        assertThat(retry).isEqualTo(bound);
        assertThat(repository.find(bound)).isPresent();
    }

    @Test
    void theReceiptSecretBoundWithTheCodeComesBackToARetry() {
        repository.claimIdempotencyKey(key, "hash-1", NOW);
        var code = repository.bindIdempotencyKey(key, "hash-1", codes.next(agency.eid(), NOW), "K7M2Q9XA");

        assertThat(repository.claimIdempotencyKey(key, "hash-1", NOW.plusSeconds(5)))
                .isEqualTo(new IdempotencyClaim.Bound(code, java.util.Optional.of("K7M2Q9XA")));
    }

    @Test
    void theFirstCodeBoundWins() {
        repository.claimIdempotencyKey(key, "hash-1", NOW);
        var first = repository.bindIdempotencyKey(key, "hash-1", codes.next(agency.eid(), NOW));

        assertThat(repository.bindIdempotencyKey(key, "hash-1", codes.next(agency.eid(), NOW))).isEqualTo(first);
        assertThatThrownBy(() -> repository.bindIdempotencyKey(key, "hash-2", first)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> repository.bindIdempotencyKey("never-claimed-" + key, "hash-1", first)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyPastItsRetentionIsFreeForAnyRequest() {
        submit("hash-1", NOW);

        assertThat(repository.claimIdempotencyKey(key, "hash-2", NOW.plus(Duration.ofHours(25)))).isInstanceOf(IdempotencyClaim.Claimed.class);
    }

    @Test
    void ofSeveralRequestsClaimingAtOnceOneGetsTheKey() throws Exception {
        int requests = 8;
        var barrier = new CyclicBarrier(requests);
        var tasks = new ArrayList<Callable<IdempotencyClaim>>();
        for (int i = 0; i < requests; i++) {
            tasks.add(() -> {
                barrier.await();
                return repository.claimIdempotencyKey(key, "hash-1", NOW);
            });
        }

        var claims = DossierRepositoryTest.runAll(tasks);

        assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.Claimed).hasSize(1);
        assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.InProgress).hasSize(requests - 1);
    }

    @Test
    void aKeyIsVisibleAsciiOfBoundedLength() {
        assertThatThrownBy(() -> repository.claimIdempotencyKey("", "h", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.claimIdempotencyKey("a b", "h", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.claimIdempotencyKey("k".repeat(256), "h", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.claimIdempotencyKey("khóa", "h", NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
