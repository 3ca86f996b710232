package vn.motcua.local.portal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.portal.HttpNationalPortal;
import vn.motcua.portal.NationalPortal;
import vn.motcua.portal.PortalChange;
import vn.motcua.portal.PortalRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local portal simulator through the sync's own HTTP adapter: its modes, its counters, its state across a restart. */
class PortalSimulatorTest {

    private static final DossierCode CODE = new DossierCode("000.00.92.H48-261203-0001");

    private static PortalRecord record(int seq, int status) {
        var at = Instant.parse("2026-12-03T02:00:00Z");
        return PortalRecord.of(new PortalChange(CODE, "1.000173", seq, status, "RECEIVED", at, at, "IN_PERSON", Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty()), true);
    }

    @Test
    void it_keeps_records_counts_repeats_and_late_arrivals_and_a_restart_loses_nothing(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("portal/state.json");
        try (var portal = PortalSimulator.start("127.0.0.1", 0, Clock.systemUTC(), null, state, Duration.ofSeconds(2))) {
            var http = new HttpNationalPortal(portal.apiUrl(), Duration.ofSeconds(1));
            assertThat(http.send(record(1, 2))).isInstanceOf(NationalPortal.Answer.Accepted.class);
            assertThat(http.send(record(3, 4))).isInstanceOf(NationalPortal.Answer.Accepted.class);
            assertThat(http.send(record(2, 4))).isInstanceOf(NationalPortal.Answer.Accepted.class);
            assertThat(http.send(record(2, 4))).isInstanceOf(NationalPortal.Answer.Accepted.class);
            assertThat(portal.duplicates()).isEqualTo(1);
            assertThat(portal.outOfOrder()).isEqualTo(1);
            assertThat(http.holdings(CODE)).extracting(h -> h.seq() + ":" + h.status()).containsExactly("1:2", "2:4", "3:4");

            portal.mode(PortalSimulator.Mode.DOWN);
            assertThatThrownBy(() -> http.send(record(4, 9))).isInstanceOf(NationalPortal.Unavailable.class);
            assertThatThrownBy(() -> http.holdings(CODE)).isInstanceOf(NationalPortal.Unavailable.class);
            portal.mode(PortalSimulator.Mode.REJECT);
            assertThat(http.send(record(4, 9))).isInstanceOfSatisfying(NationalPortal.Answer.Rejected.class,
                    r -> assertThat(r.text()).startsWith("422"));
            portal.mode(PortalSimulator.Mode.SLOW);
            assertThatThrownBy(() -> http.send(record(4, 9))).as("slower than the sync waits").isInstanceOf(NationalPortal.Unavailable.class);
            Thread.sleep(1500);
            assertThat(portal.holds(CODE.value())).as("yet the portal kept it").hasSize(4);

            var page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("Chế độ: <strong>slow</strong>", CODE.value());
        }
        try (var again = PortalSimulator.start("127.0.0.1", 0, Clock.systemUTC(), null, state, Duration.ofSeconds(2))) {
            assertThat(again.mode()).isEqualTo(PortalSimulator.Mode.SLOW);
            assertThat(again.holds(CODE.value())).extracting(PortalSimulator.Held::seq).containsExactly(1, 2, 3, 4);
            assertThat(again.duplicates()).isEqualTo(1);
            assertThat(new HttpNationalPortal(again.apiUrl(), Duration.ofSeconds(1)).holdings(new DossierCode("000.00.92.H48-261203-0002"))).isEmpty();
        }
    }
}
