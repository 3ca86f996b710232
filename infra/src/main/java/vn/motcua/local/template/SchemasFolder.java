package vn.motcua.local.template;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the SAM and CloudFormation schemas are: the {@code motcua.schemas.dir} system property
 * (Maven's surefire sets it to {@code shared/schemas} beside the repository), else that folder
 * beside the working directory's project.
 */
public final class SchemasFolder {

    public static final String PROPERTY = "motcua.schemas.dir";

    private SchemasFolder() {}

    public static Path configured() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) return Path.of(property).toAbsolutePath().normalize();
        String project = System.getProperty("motcua.project.dir");
        return TemplateValidator.defaultSchemasDir(project == null ? Path.of("").toAbsolutePath() : Path.of(project));
    }

    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("sam/sam.schema.json")) && Files.isDirectory(dir.resolve("cloudformation"));
    }

    /**
     * For tests that need the schemas: the folder, when it is there. When it is not, CI
     * ({@code CI=true}) fails the test, since a green run would then prove nothing; elsewhere the
     * test is skipped with a message saying where the schemas go.
     */
    public static Path requiredByTest() {
        return requiredByTest(configured(), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static Path requiredByTest(Path dir, boolean ci) {
        if (!present(dir)) {
            String message = "no SAM/CloudFormation schemas at " + dir + ": they are the shared/schemas folder beside the"
                    + " repository (sam/sam.schema.json, sam/policy_templates.json, cloudformation/*.json); put it there or set -D"
                    + PROPERTY + "=<folder>";
            if (ci) Assertions.fail(message);
            Assumptions.abort(message);
        }
        return dir;
    }
}
