package vn.motcua.store;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.catalog.CatalogException;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.LocalAws;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.local.stack.TestStack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publishing and reading the operator's reference data against dynalite. */
@LocalAws
class ReferenceDataTest {

    private final TestStack aws;
    private final SeedData seed;

    ReferenceDataTest(TestStack aws) {
        this.aws = aws;
        this.seed = SeedData.read(ProjectDirectory.find().resolve("infra/seed"));
    }

    private ReferenceData reference(Duration maxAge) {
        return new ReferenceData(aws.dynamoDb(), aws.table("CatalogTable"), maxAge, Clock.systemUTC());
    }

    @Test
    void the_shipped_seed_publishes_and_reads_back_whole() {
        String version = seed.publish(aws.dynamoDb(), aws.table("CatalogTable"));

        var snapshot = reference(Duration.ofMinutes(5)).current();
        assertThat(snapshot.version()).isEqualTo(version);
        assertThat(snapshot.catalog().agencies()).hasSize(4);
        assertThat(snapshot.catalog().procedures()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(snapshot.calendar().loadedYears()).contains(2020, 2026, 2027);
        assertThat(snapshot.calendar().isWorkingDay(LocalDate.of(2020, 1, 23))).isFalse();

        // Same files again: nothing to write, same version.
        assertThat(seed.publish(aws.dynamoDb(), aws.table("CatalogTable"))).isEqualTo(version);
    }

    @Test
    void a_bad_file_is_refused_before_anything_is_written() {
        seed.publish(aws.dynamoDb(), aws.table("CatalogTable"));
        var before = reference(Duration.ZERO).current().version();

        var broken = new HashMap<>(seed.catalogFiles());
        broken.put("procedures.json", seed.catalogFiles().get("procedures.json").replaceFirst("\"working_days\"", "\"weeks\""));
        assertThatThrownBy(() -> reference(Duration.ZERO).publish(broken, seed.calendarFiles()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("procedures.json")
                .hasMessageContaining("weeks");

        assertThat(reference(Duration.ZERO).current().version()).isEqualTo(before);
    }

    @Test
    void readers_keep_their_snapshot_until_it_is_old_then_see_the_new_version() {
        seed.publish(aws.dynamoDb(), aws.table("CatalogTable"));
        var clock = new MutableClock(Instant.parse("2026-11-28T02:00:00Z"));
        var reader = new ReferenceData(aws.dynamoDb(), aws.table("CatalogTable"), Duration.ofMinutes(5), clock);
        String first = reader.current().version();

        var changed = new HashMap<>(seed.catalogFiles());
        changed.put("agencies.json", seed.catalogFiles().get("agencies.json").replaceFirst("Sở Ngoại vụ tỉnh Quảng Ngãi", "Sở Ngoại vụ Quảng Ngãi"));
        String second = reference(Duration.ZERO).publish(changed, seed.calendarFiles());
        assertThat(second).isNotEqualTo(first);

        assertThat(reader.current().version()).as("still within maxAge").isEqualTo(first);
        clock.advance(Duration.ofMinutes(6));
        assertThat(reader.current().version()).isEqualTo(second);
    }

    /** A SnapStart restore: the snapshot's copy is checked at once, re-read only when another version was published. */
    @Test
    void after_a_restore_the_version_is_checked_and_an_unchanged_one_is_kept() {
        seed.publish(aws.dynamoDb(), aws.table("CatalogTable"));
        var clock = new MutableClock(Instant.parse("2026-11-28T02:00:00Z"));
        var reader = new ReferenceData(aws.dynamoDb(), aws.table("CatalogTable"), Duration.ofMinutes(5), clock);
        var primed = reader.current();

        reader.renewAfterRestore();
        var restored = reader.current();
        assertThat(restored.version()).isEqualTo(primed.version());
        assertThat(restored.catalog()).as("the same version is not parsed again").isSameAs(primed.catalog());
        assertThat(restored.loadedAt()).isEqualTo(clock.instant());

        var changed = new HashMap<>(seed.catalogFiles());
        changed.put("agencies.json", seed.catalogFiles().get("agencies.json").replaceFirst("Sở Ngoại vụ tỉnh Quảng Ngãi", "Sở Ngoại vụ tỉnh QN"));
        String next = reference(Duration.ZERO).publish(changed, seed.calendarFiles());
        reader.renewAfterRestore();
        assertThat(reader.current().version()).as("within maxAge, yet checked after the restore").isEqualTo(next);
    }

    @Test
    void an_empty_table_says_what_to_do() {
        // A table shaped like the catalog table, with nothing published in it.
        String table = aws.namePrefix() + "empty-catalog";
        aws.dynamoDb().createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE")));
        var empty = new ReferenceData(aws.dynamoDb(), table, Duration.ZERO, Clock.systemUTC());
        assertThatThrownBy(empty::current).hasMessageContaining("publish the catalog and calendars first");
    }

    static final class MutableClock extends Clock {
        private Instant now;
        MutableClock(Instant now) { this.now = now; }
        void advance(Duration d) { now = now.plus(d); }
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
