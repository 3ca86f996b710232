package vn.motcua.system;

import org.junit.jupiter.api.Test;
import vn.motcua.local.template.SchemasFolder;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateProblem;
import vn.motcua.local.template.TemplateValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real template.yaml against the schemas in shared/schemas and the artifacts the build just
 * made (this module builds after every function): what SAM CLI and cfn-lint would catch, plus the
 * project's own rules. Without the schemas it is skipped here, and fails in CI.
 */
class TemplateValidationTest {

    static Path projectRoot() {
        String configured = System.getProperty("motcua.project.dir");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().resolve("../..");
        return root.toAbsolutePath().normalize();
    }

    @Test
    void templateYamlIsValid() {
        Path schemas = SchemasFolder.requiredByTest();
        Path root = projectRoot();
        assertThat(root.resolve("template.yaml")).as("template.yaml at the project root").isRegularFile();
        Template template = Template.load(root.resolve("template.yaml"));

        List<TemplateProblem> problems = new TemplateValidator(schemas, root).validate(template);

        problems.stream().filter(p -> !p.isError()).forEach(p -> System.out.println("template.yaml " + p));
        List<TemplateProblem> errors = TemplateValidator.errors(problems);
        if (!errors.isEmpty()) fail(TemplateValidator.describe(template, errors));
    }

    @Test
    void everyFunctionModuleIsDeployedByTheTemplate() throws Exception {
        // the other direction: a module under functions/ that no template entry deploys is a mistake too
        Path root = projectRoot();
        Template template = Template.load(root.resolve("template.yaml"));
        var codeUris = template.resourcesOfType("AWS::Serverless::Function").stream()
                .map(r -> String.valueOf(r.properties().getOrDefault("CodeUri", template.functionGlobals().get("CodeUri"))))
                .toList();
        try (var modules = Files.list(root.resolve("functions"))) {
            for (Path module : modules.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).toList()) {
                String expected = "functions/" + module.getFileName() + "/target/function.zip";
                assertThat(codeUris).as("a function in template.yaml with CodeUri " + expected).contains(expected);
            }
        }
    }
}
