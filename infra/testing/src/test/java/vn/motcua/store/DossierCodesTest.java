package vn.motcua.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.TestStack;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.store.Intakes.vn;

@LocalAws
class DossierCodesTest {

    private DossierCodes codes;
    private Intakes.Agency agency;

    @BeforeEach
    void setUp(TestStack aws) {
        codes = new DossierCodes(aws.dynamoDb(), aws.table("DossierTable"));
        agency = Intakes.newAgency();
    }

    @Test
    void twoHundredConcurrentRequestsGetTwoHundredConsecutiveCodes() throws Exception {
        var at = vn(2020, 3, 2, 9, 0);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(40);
        try {
            var tasks = new ArrayList<Callable<DossierCode>>();
            for (int i = 0; i < 200; i++) {
                tasks.add(() -> {
                    start.await();
                    return codes.next(agency.eid(), at);
                });
            }
            var futures = new ArrayList<Future<DossierCode>>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            start.countDown();
            var got = new ArrayList<DossierCode>();
            for (var f : futures) got.add(f.get());

            assertThat(got).doesNotHaveDuplicates();
            assertThat(got).extracting(DossierCode::sequence).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
            assertThat(got).allSatisfy(c -> assertThat(c.value()).startsWith(agency.eid().value() + "-200302-"));
            assertThat(got).extracting(DossierCode::value).contains(agency.eid().value() + "-200302-0001", agency.eid().value() + "-200302-0200");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDayIsTheReceiptsDayInVietnam() {
        // 17:30 UTC on 1 March is 00:30 on 2 March in Quảng Ngãi; 16:59 UTC is still 1 March there
        assertThat(codes.next(agency.eid(), Instant.parse("2020-03-01T16:59:00Z")).value()).isEqualTo(agency.eid().value() + "-200301-0001");
        assertThat(codes.next(agency.eid(), Instant.parse("2020-03-01T17:30:00Z")).value()).isEqualTo(agency.eid().value() + "-200302-0001");
    }

    @Test
    void theSequenceRestartsEachDayAndIsItsOwnForEachAgency() {
        var other = Intakes.newAgency();

        assertThat(List.of(codes.next(agency.eid(), vn(2020, 3, 2, 9, 0)), codes.next(agency.eid(), vn(2020, 3, 2, 16, 0)),
                codes.next(agency.eid(), vn(2020, 3, 3, 8, 0)), codes.next(other.eid(), vn(2020, 3, 2, 9, 0))))
                .extracting(DossierCode::value)
                .containsExactly(agency.eid().value() + "-200302-0001", agency.eid().value() + "-200302-0002",
                        agency.eid().value() + "-200303-0001", other.eid().value() + "-200302-0001");
    }

    @Test
    void pastNineThousandNineHundredNinetyNineTheNumberWidens(TestStack aws) {
        var day = LocalDate.of(2020, 3, 2);
        aws.dynamoDb().putItem(p -> p.tableName(aws.table("DossierTable")).item(Map.of(
                "pk", AttributeValue.fromS(DossierCodes.counterKey(agency.eid(), day)), "seq", AttributeValue.fromN("9998"))));

        var last4 = codes.next(agency.eid(), vn(2020, 3, 2, 15, 0));
        var first5 = codes.next(agency.eid(), vn(2020, 3, 2, 15, 1));

        assertThat(last4.value()).isEqualTo(agency.eid().value() + "-200302-9999");
        assertThat(first5.value()).isEqualTo(agency.eid().value() + "-200302-10000");
        assertThat(new DossierCode(first5.value()).sequence()).isEqualTo(10_000);
    }
}
