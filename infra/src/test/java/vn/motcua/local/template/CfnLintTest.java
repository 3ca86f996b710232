package vn.motcua.local.template;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * template.yaml through cfn-lint, the standard linter: no error and no warning. A warning that is not
 * worth fixing is suppressed in the template (Metadata cfn-lint ignore_checks), each with its reason.
 */
class CfnLintTest {

    static Path template;

    @BeforeAll
    static void tools() {
        CfnTools.requiredByTest();
        template = CfnTools.projectRoot().resolve("template.yaml");
    }

    @Test
    void templateYamlHasNoErrorAndNoWarning() {
        var findings = CfnTools.lint(template, List.of());
        assertThat(findings).as("cfn-lint on template.yaml:\n" + findings.stream().map(Object::toString)
                .reduce("", (a, b) -> a + "  " + b + "\n")).isEmpty();
    }

    @Test
    void everySuppressedRuleSaysWhyOnTheLineAbove() throws IOException {
        List<String> lines = Files.readAllLines(template);
        var rule = Pattern.compile("^\\s*- [EWI]\\d{4}\\s*$");
        int suppressed = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("ignore_checks:")) continue;
            for (int j = i + 1; j < lines.size() && (lines.get(j).trim().startsWith("#") || rule.matcher(lines.get(j)).matches()); j++) {
                if (!rule.matcher(lines.get(j)).matches()) continue;
                suppressed++;
                assertThat(lines.get(j - 1).trim()).as("template.yaml:" + (j + 1) + " suppresses " + lines.get(j).trim()
                        + ": the line above says why").startsWith("#");
            }
        }
        assertThat(suppressed).as("suppressions in template.yaml").isPositive();
    }

    /** The test can fail: each mistake below is one cfn-lint reports as an error. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            Runtime: java25                     | Runtime: java17                      | E2533 | a deprecated runtime
            VisibilityTimeout: 120              | VisiblityTimeout: 120                | E3002 | an unknown property
            DOSSIER_TABLE: !Ref DossierTable    | DOSSIER_TABLE: !Ref DossierTabel     | E1020 | a dangling !Ref
            RetentionInDays: !Ref LogRetentionDays | RetentionInDays: 13                | E3030 | a value the service refuses
            Trigger: PreTokenGeneration         | Trigger: PreTokenGenerationn         | E3002 | an unknown Cognito trigger
            Type: HttpApi                       | Type: HttpAPI                        | E0001 | what the SAM transform refuses
            """)
    void aMistakeIsAnError(String from, String to, String rule, String what, @TempDir Path dir) throws IOException {
        String yaml = Files.readString(template);
        assertThat(yaml).contains(from.strip());
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, yaml.replaceFirst(Pattern.quote(from.strip()), to.strip()));
        assertThat(CfnTools.lint(broken, List.of())).as(what).anySatisfy(f -> {
            assertThat(f.isError()).isTrue();
            assertThat(f.rule()).isEqualTo(rule);
        });
    }

    @Test
    void withoutTheToolsTheTestIsSkippedNamingTheInstallCommandExceptUnderCi() {
        assertThatThrownBy(() -> CfnTools.requiredByTest("cfn-lint cannot be started", false))
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("cfn-lint cannot be started").hasMessageContaining(CfnTools.INSTALL);
        assertThatThrownBy(() -> CfnTools.requiredByTest("cfn-lint cannot be started", true))
                .isInstanceOf(AssertionError.class).hasMessageContaining(CfnTools.INSTALL);
        CfnTools.requiredByTest(null, true);
    }
}
