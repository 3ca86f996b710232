package vn.motcua.local.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's root (the directory holding template.yaml) is. */
public final class ProjectDirectory {

    /** Set by surefire from the parent pom; a local runner may set it too. */
    public static final String PROPERTY = "motcua.project.dir";

    private ProjectDirectory() {}

    /**
     * The {@value #PROPERTY} system property if set, else the nearest directory at or above the
     * working directory that holds template.yaml.
     */
    public static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("template.yaml"))) {
                throw new LocalStackException("-D" + PROPERTY + "=" + configured + " does not hold template.yaml");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) return dir;
        }
        throw new LocalStackException("No template.yaml in " + start + " or any directory above it; run from the"
                + " project, or pass -D" + PROPERTY + "=<the directory holding template.yaml>");
    }
}
