package vn.motcua.store;

import org.junit.jupiter.api.Test;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.aws.FailingProxy;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DossierEvent.Transferred;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;

import java.time.LocalDate;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.store.Intakes.*;

/**
 * A conditional write that DynamoDB applied but whose reply was lost: the SDK sends it again, and the
 * retry's condition fails on the write itself. The repository must tell that from a race: the change is
 * applied once, and reported as this call's (not as a duplicate, which would skip what follows it).
 */
@LocalAws
class LostReplyTest {

    @Test
    void aWriteWhoseReplyWasLostIsAppliedOnceAndReportedAsApplied(TestStack aws) throws Exception {
        var agency = Intakes.newAgency();
        var dossier = received(agency, 1, vn(2020, 3, 2, 9, 0), LocalDate.of(2020, 3, 16));
        new DossierRepository(aws.dynamoDb(), aws.table("DossierTable")).create(dossier);

        try (var proxy = new FailingProxy(aws.stack().dynamoDbEndpoint())) {
            var env = new HashMap<>(aws.awsEnvironment());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", proxy.url());
            try (var db = AwsClients.newDynamoDb(AwsSettings.from(env))) {
                var repository = new DossierRepository(db, aws.table("DossierTable"));
                proxy.dropReply(r -> r.has("DynamoDB_20120810.PutItem"), 1);
                var transfer = new Transferred("router:lost-reply", ROUTER, vn(2020, 3, 2, 10, 0), dossier.agencyId());

                Decision decision = repository.apply(dossier.code(), transfer, Lifecycle.standard());

                assertThat(proxy.count("DynamoDB_20120810.PutItem")).as("the SDK sent the write again").isEqualTo(2);
                assertThat(decision).isInstanceOfSatisfying(Decision.Applied.class, a -> assertThat(a.duplicate()).isFalse());
                var stored = repository.find(dossier.code()).orElseThrow();
                assertThat(stored.state()).isEqualTo(DossierState.TRANSFERRED);
                assertThat(stored.version()).isEqualTo(dossier.version() + 1);
                assertThat(stored.history()).filteredOn(h -> h.eventId().equals("router:lost-reply")).hasSize(1);

                // the same event again (a redelivered message) is a duplicate, and changes nothing
                var again = repository.apply(dossier.code(), transfer, Lifecycle.standard());
                assertThat(again).isInstanceOfSatisfying(Decision.Applied.class, a -> assertThat(a.duplicate()).isTrue());
                assertThat(repository.find(dossier.code()).orElseThrow().version()).isEqualTo(dossier.version() + 1);
            }
        }
    }
}
