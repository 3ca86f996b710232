package vn.motcua.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The standard tools for template.yaml, installed beside the JDK on every machine of this project (the
 * developers' guide): cfn-lint, and the SAM transform as CloudFormation applies it, offline
 * ({@code infra/cfn/transform.py}: cfn-lint's AWS::LanguageExtensions, then aws-sam-translator). Both are
 * Python; they are run as processes, their answers read as JSON.
 */
public final class CfnTools {

    /** The versions this project is checked with. */
    public static final String INSTALL = "pip install cfn-lint==1.51.0 aws-sam-translator==1.110.0";

    private static final long TIMEOUT_SECONDS = 180;

    private CfnTools() {}

    /** One cfn-lint finding. */
    public record Finding(String level, String rule, String message, String file, int line) {
        public boolean isError() { return level.equals("Error"); }

        @Override
        public String toString() { return file + ":" + line + " " + rule + " " + message; }
    }

    /** The project's root: the {@code motcua.project.dir} property (surefire sets it), else the working directory's parent. */
    public static Path projectRoot() {
        String configured = System.getProperty("motcua.project.dir");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath().resolve("..");
        return root.toAbsolutePath().normalize();
    }

    /** Why the tools cannot run here, or null when they can. */
    public static String missing() {
        try {
            var version = run(List.of("cfn-lint", "--version"), projectRoot());
            if (version.exit() != 0) return "cfn-lint --version failed: " + version.err();
            var imports = run(List.of("python3", "-c", "import cfnlint, samtranslator, boto3"), projectRoot());
            if (imports.exit() != 0) return "python3 cannot import cfnlint, samtranslator and boto3: " + imports.err().strip();
            return null;
        } catch (UncheckedIOException e) {
            return e.getCause().getMessage();
        }
    }

    /**
     * For tests that need the tools: nothing when they are there. When they are not, CI ({@code CI=true})
     * fails the test, since a green run would then prove nothing; elsewhere it is skipped, naming the install command.
     */
    public static void requiredByTest() {
        requiredByTest(missing(), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static void requiredByTest(String missing, boolean ci) {
        if (missing == null) return;
        String message = "cfn-lint and aws-sam-translator are needed to check template.yaml (" + missing + "): " + INSTALL;
        if (ci) Assertions.fail(message);
        Assumptions.abort(message);
    }

    /** cfn-lint's findings on a template, errors and warnings (the default levels), with these rules left out. */
    public static List<Finding> lint(Path template, List<String> ignoredRules) {
        // the file first: --ignore-checks takes every argument after it
        var command = new ArrayList<>(List.of("cfn-lint", template.toString(), "--format", "json"));
        if (!ignoredRules.isEmpty()) command.addAll(List.of("--ignore-checks", String.join(",", ignoredRules)));
        var result = run(command, projectRoot());
        // exit status: a bit mask of 2 (errors), 4 (warnings), 8 (informational); 1 when cfn-lint itself failed
        if ((result.exit() & 1) != 0 || result.out().isBlank()) {
            throw new TemplateException("cfn-lint failed on " + template + " (exit " + result.exit() + "): " + result.err());
        }
        JsonNode answer;
        try {
            answer = Json.tree(result.out());
        } catch (IOException e) {
            throw new TemplateException("cfn-lint answered what is not JSON: " + result.out(), e);
        }
        var findings = new ArrayList<Finding>();
        for (JsonNode m : answer) {
            findings.add(new Finding(m.path("Level").asText(), m.path("Rule").path("Id").asText(), m.path("Message").asText(),
                    Path.of(m.path("Filename").asText()).getFileName().toString(),
                    m.path("Location").path("Start").path("LineNumber").asInt()));
        }
        return findings;
    }

    /**
     * The template as CloudFormation deploys it, written to {@code output} as JSON: loops expanded, SAM
     * resources translated, these parameter values over the defaults.
     *
     * @throws TemplateException with the transform's own words when it refuses the template
     */
    public static void transform(Path template, Path output, Map<String, String> parameters) {
        var command = new ArrayList<>(List.of("python3", projectRoot().resolve("infra/cfn/transform.py").toString(),
                template.toString(), output.toString()));
        parameters.forEach((name, value) -> command.addAll(List.of("--parameter", name + "=" + value)));
        var result = run(command, projectRoot());
        if (result.exit() != 0) {
            throw new TemplateException("the transform refused " + template.getFileName() + ":\n" + result.err().strip());
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(List<String> command, Path directory) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(command.getFirst() + " cannot be started: " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TemplateException(String.join(" ", command) + " took more than " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TemplateException("interrupted while running " + command.getFirst());
        }
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
