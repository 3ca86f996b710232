package vn.motcua.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The checks on template.yaml that no linter makes, since they need this project's build or its rules
 * (cfn-lint checks the schemas, references and values; the SAM transform the policy templates and
 * events: see {@link CfnTools}):
 * <ol>
 * <li>every function's CodeUri exists (once built) and holds the class and public method its Handler names;</li>
 * <li>the project's queue rules: partial batch failures, dead-letter queues, visibility timeouts,
 *     send permissions, an alarm on every dead-letter queue and on-failure destination;</li>
 * <li>no function triggered by a bucket's events refers back to that bucket (a circular dependency).</li>
 * </ol>
 * The run command refuses a template with errors from them.
 */
public final class TemplateValidator {

    private final Path projectRoot;

    /** @param projectRoot the folder CodeUri paths are relative to (the one holding template.yaml) */
    public TemplateValidator(Path projectRoot) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
    }

    /** Every problem found: errors first in check order, each with where and what; notes for what was not checked. */
    public List<TemplateProblem> validate(Template template) {
        var problems = new ArrayList<TemplateProblem>();
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
