package vn.motcua.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks template.yaml offline, since neither SAM CLI nor cfn-lint runs here:
 * <ol>
 * <li>the SAM and CloudFormation schemas (unknown properties, wrong types, missing required
 *     properties, values out of range), intrinsic functions accepted wherever a value stands;</li>
 * <li>every {@code !Ref}, {@code !GetAtt}, {@code !Sub ${...}}, DependsOn and condition names something that exists;</li>
 * <li>every SAM policy template exists and gets exactly its parameters;</li>
 * <li>every function's CodeUri exists (once built) and holds the class and public method its Handler names;</li>
 * <li>the project's queue rules: partial batch failures, dead-letter queues, visibility timeouts,
 *     send permissions.</li>
 * </ol>
 * The checks that need the schemas folder are skipped, with a note, when it is missing; the run
 * command still refuses a template with errors from the others.
 */
public final class TemplateValidator {

    private final Path schemasDir;
    private final Path projectRoot;
    private final SchemaLibrary schemas;

    /**
     * @param schemasDir  the folder with sam/ and cloudformation/ (shared/schemas beside the repository)
     * @param projectRoot the folder CodeUri paths are relative to (the one holding template.yaml)
     */
    public TemplateValidator(Path schemasDir, Path projectRoot) {
        this.schemasDir = schemasDir.toAbsolutePath().normalize();
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.schemas = Files.isRegularFile(this.schemasDir.resolve("sam/sam.schema.json")) ? new SchemaLibrary(this.schemasDir) : null;
    }

    /** The schemas folder where this project expects it: {@code shared/schemas} beside the repository. */
    public static Path defaultSchemasDir(Path projectRoot) {
        return projectRoot.toAbsolutePath().normalize().resolveSibling("shared").resolve("schemas");
    }

    public boolean hasSchemas() { return schemas != null; }

    /** Every problem found: errors first in check order, each with where and what; notes for what was not checked. */
    public List<TemplateProblem> validate(Template template) {
        var problems = new ArrayList<TemplateProblem>();
        Path policyTemplates = schemasDir.resolve("sam/policy_templates.json");
        if (schemas == null) {
            problems.add(TemplateProblem.note(template, "Resources", "no schemas at " + schemasDir
                    + " (the shared/schemas folder beside the repository): properties and GetAtt attributes are not checked"));
        } else {
            problems.addAll(new SchemaCheck(schemas).check(template));
        }
        problems.addAll(new ReferenceCheck(schemas).check(template));
        if (Files.isRegularFile(policyTemplates)) {
            problems.addAll(new PolicyTemplateCheck(policyTemplates).check(template));
        } else {
            problems.add(TemplateProblem.note(template, "Resources", "no " + policyTemplates + ": policy templates are not checked"));
        }
        problems.addAll(new HandlerCheck(projectRoot).check(template));
        problems.addAll(new QueueRulesCheck().check(template));
        problems.addAll(new S3EventCycleCheck().check(template));
        return problems;
    }

    /** The errors only. */
    public static List<TemplateProblem> errors(List<TemplateProblem> problems) {
        return problems.stream().filter(TemplateProblem::isError).toList();
    }

    /**
     * For the run command: throws a {@link TemplateException} listing every error, one per line;
     * returns the notes when there is none.
     */
    public List<TemplateProblem> requireValid(Template template) {
        List<TemplateProblem> problems = validate(template);
        List<TemplateProblem> errors = errors(problems);
        if (!errors.isEmpty()) {
            throw new TemplateException(describe(template, errors));
        }
        return problems;
    }

    /** {@code template.yaml has 2 problems:} and one line per problem. */
    public static String describe(Template template, List<TemplateProblem> problems) {
        return template.file().getFileName() + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
