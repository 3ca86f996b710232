package vn.motcua.system;

import org.junit.jupiter.api.Test;
import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateProblem;
import vn.motcua.local.template.TemplateValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real template.yaml against the artifacts the build just made (this module builds after every
 * function): every Handler in its zip, and the project's own queue and S3 rules. cfn-lint and the SAM
 * transform check the rest (infra's CfnLintTest and TransformedTemplateTest).
 */
class TemplateValidationTest {

    static Path projectRoot() {
        String configured = System.getProperty("motcua.project.dir");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().resolve("../..");
        return root.toAbsolutePath().normalize();
    }

    @Test
    void templateYamlIsValid() {
        Path root = projectRoot();
        assertThat(root.resolve("template.yaml")).as("template.yaml at the project root").isRegularFile();
        Template template = Template.load(root.resolve("template.yaml"));

        List<TemplateProblem> problems = new TemplateValidator(root).validate(template);

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

    /** The Fn::ForEach loops, expanded as AWS::LanguageExtensions would: one of each per department of the catalog. */
    @Test
    void everyDepartmentOfTheCatalogHasItsQueueDeadLetterQueueAlarmAndDispatcherEventSource() throws Exception {
        Path root = projectRoot();
        Template template = Template.load(root.resolve("template.yaml"));
        var agencies = new java.util.ArrayList<String>();
        vn.motcua.edge.Json.mapper().readTree(Files.readString(root.resolve("infra/seed/catalog/agencies.json")))
                .path("agencies").forEach(a -> agencies.add(a.path("id").asText()));
        var declared = String.valueOf(Template.map(template.parameters().get("DepartmentIds")).get("Default")).split(",");
        assertThat(declared).as("DepartmentIds lists the catalog's agencies").containsExactlyInAnyOrderElementsOf(agencies);

        var dispatcher = template.resource("DispatcherFunction").orElseThrow();
        var events = Template.map(dispatcher.properties().get("Events"));
        var routerGrant = Template.list(Template.map(Template.list(template.resource("RouterFunction").orElseThrow()
                .properties().get("Policies")).get(0)).get("Statement")).stream().map(Template::map)
                .filter(st -> "SendToDispatchQueues".equals(st.get("Sid"))).findFirst().orElseThrow();
        String granted = ((vn.motcua.local.template.Intrinsic.Sub) routerGrant.get("Resource")).text();
        String grantedName = granted.substring(granted.lastIndexOf(':') + 1);
        for (String agency : agencies) {
            String id = agency.replace("-", "");
            var queue = template.resource("DispatchQueue" + id).orElseThrow(() -> new AssertionError("no DispatchQueue" + id));
            assertThat(template.resource("UndeliveredQueue" + id)).isPresent();
            assertThat(template.resource("UndeliveredAlarm" + id)).isPresent();
            assertThat(Template.map(queue.properties().get("RedrivePolicy")).get("deadLetterTargetArn"))
                    .isEqualTo(new vn.motcua.local.template.Intrinsic.GetAtt("UndeliveredQueue" + id, "Arn"));
            var source = Template.map(Template.map(events.get("Dispatch" + id)).get("Properties"));
            assertThat(source.get("Queue")).isEqualTo(new vn.motcua.local.template.Intrinsic.GetAtt("DispatchQueue" + id, "Arn"));
            assertThat(Template.list(source.get("FunctionResponseTypes"))).contains("ReportBatchItemFailures");
            // least privilege: the router may send to every dispatch queue and to no dead-letter queue
            String queueName = ((vn.motcua.local.template.Intrinsic.Sub) queue.properties().get("QueueName")).text();
            String deadName = ((vn.motcua.local.template.Intrinsic.Sub) template.resource("UndeliveredQueue" + id).orElseThrow()
                    .properties().get("QueueName")).text();
            assertThat(glob(grantedName, queueName)).as(grantedName + " covers " + queueName).isTrue();
            assertThat(glob(grantedName, deadName)).as(grantedName + " must not cover " + deadName).isFalse();
        }
        assertThat(events).hasSize(agencies.size());
    }

    /** An IAM resource pattern ({@code *} any characters) against a name, both as !Sub texts. */
    private static boolean glob(String pattern, String name) {
        return name.matches(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }
}
