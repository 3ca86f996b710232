package vn.motcua.aws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentTest {

    @AfterEach
    void backToProcessEnvironment() {
        Environment.clearLocalRun();
    }

    @Test
    void readsTheProcessEnvironmentByDefault() {
        // PATH is set in any environment that runs Maven
        assertThat(Environment.get("PATH")).isEqualTo(java.util.Optional.ofNullable(System.getenv("PATH")));
    }

    @Test
    void theLocalRunMapReplacesTheProcessEnvironmentEntirely() {
        Environment.useForLocalRun(Map.of("CATALOG_TABLE", "motcua-dev-catalog"));

        assertThat(Environment.get("CATALOG_TABLE")).contains("motcua-dev-catalog");
        assertThat(Environment.get("PATH")).as("nothing leaks from the real environment").isEmpty();
    }

    @Test
    void blankCountsAsUnset() {
        Environment.useForLocalRun(Map.of("STAGE", "  "));

        assertThat(Environment.get("STAGE")).isEmpty();
        assertThat(Environment.getOrDefault("STAGE", "dev")).isEqualTo("dev");
    }

    @Test
    void requireNamesTheMissingVariable() {
        Environment.useForLocalRun(Map.of());

        assertThatThrownBy(() -> Environment.require("DOSSIER_TABLE"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DOSSIER_TABLE")
                .hasMessageContaining("Environment.Variables");
    }

    @Test
    void theOverrideIsACopy() {
        var variables = new java.util.HashMap<String, String>(Map.of("A", "1"));
        Environment.useForLocalRun(variables);
        variables.put("A", "2");

        assertThat(Environment.require("A")).isEqualTo("1");
    }
}
