package vn.motcua.departments;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DepartmentSecretsTest {

    @Test
    void readsSecretsByAgencySkippingComments() {
        DepartmentSecrets secrets = DepartmentSecrets.fromJson(
                "{\"_about\":\"dev only\",\"so-ngoai-vu\":\"0123456789abcdef0123456789abcdef\"}", "secrets.json");
        assertThat(secrets.secretOf("so-ngoai-vu")).hasValueSatisfying(s -> assertThat(new String(s)).startsWith("0123"));
        assertThat(secrets.secretOf("so-khac")).isEmpty();
    }

    @Test
    void refusesShortSecretsAndNonObjects() {
        assertThatThrownBy(() -> DepartmentSecrets.fromJson("{\"so-ngoai-vu\":\"short\"}", "secrets.json"))
                .hasMessageContaining("secrets.json").hasMessageContaining("so-ngoai-vu");
        assertThatThrownBy(() -> DepartmentSecrets.fromJson("[]", "secrets.json")).hasMessageContaining("secrets.json");
        assertThatThrownBy(() -> DepartmentSecrets.fromJson("{", "secrets.json")).hasMessageContaining("not JSON");
    }
}
