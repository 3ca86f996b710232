package vn.motcua.domain.catalog;

import org.junit.jupiter.api.Test;
import vn.motcua.reference.CatalogFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog the project ships in infra/seed/catalog must load, and hold what the pilot needs. */
class SeedCatalogTest {

    static Path seedDir() {
        var project = System.getProperty("motcua.project.dir");
        var dir = project != null ? Path.of(project, "infra", "seed", "catalog") : Path.of("..", "infra", "seed", "catalog");
        assertThat(dir.resolve("agencies.json")).as("seed catalog next to the shared module").exists();
        return dir;
    }

    static Catalog load() throws IOException {
        var dir = seedDir();
        return CatalogFiles.validate(Files.readString(dir.resolve("agencies.json"), StandardCharsets.UTF_8), "agencies.json",
                Files.readString(dir.resolve("procedures.json"), StandardCharsets.UTF_8), "procedures.json");
    }

    @Test
    void the_shipped_seed_files_parse() throws IOException {
        var catalog = load();

        assertThat(catalog.agencies()).extracting(Agency::id).containsExactly(
                "so-ngoai-vu", "so-khoa-hoc-cong-nghe", "so-thong-tin-truyen-thong", "so-giao-duc-dao-tao");
        assertThat(catalog.agencies()).allSatisfy(a -> {
            assertThat(catalog.proceduresOf(a.id())).as(a.id()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(a.electronicId().value()).endsWith(".H48");
            assertThat(a.name().vi()).startsWith("Sở ").endsWith("tỉnh Quảng Ngãi");
        });
    }

    @Test
    void unconfirmed_data_is_marked_as_such() throws IOException {
        var catalog = load();
        // none of the four departments' e-ids could be confirmed: they must say so
        assertThat(catalog.agencies()).allSatisfy(a -> assertThat(a.electronicId().placeholder()).as(a.id()).isTrue());
        assertThat(catalog.procedures()).allSatisfy(p -> {
            assertThat(p.codePlaceholder()).as(p.code()).isEqualTo(!Procedure.NATIONAL_CODE.matcher(p.code()).matches());
            assertThat(p.source()).as("where %s comes from", p.code()).isPresent();
        });
        assertThat(catalog.procedures()).filteredOn(p -> !p.codePlaceholder()).extracting(Procedure::code)
                .contains("2.001914", "1.000173", "2.002131");
    }
}
