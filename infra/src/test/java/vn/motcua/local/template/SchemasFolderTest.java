package vn.motcua.local.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemasFolderTest {

    @Test
    void missingSchemasSkipATestOnADevelopersMachine(@TempDir Path empty) {
        assertThatThrownBy(() -> SchemasFolder.requiredByTest(empty, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no SAM/CloudFormation schemas at " + empty)
                .hasMessageContaining("the shared/schemas folder beside the repository");
    }

    @Test
    void missingSchemasFailATestInCi(@TempDir Path empty) {
        assertThatThrownBy(() -> SchemasFolder.requiredByTest(empty, true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no SAM/CloudFormation schemas at " + empty);
    }

    @Test
    void theConfiguredFolderIsUsedWhenPresent() {
        Path dir = SchemasFolder.requiredByTest();
        assertThat(SchemasFolder.requiredByTest(dir, true)).isEqualTo(dir);
    }
}
