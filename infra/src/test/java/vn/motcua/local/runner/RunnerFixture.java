package vn.motcua.local.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import vn.motcua.aws.Environment;
import vn.motcua.local.template.TemplateResources;
import vn.motcua.local.template.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runner over the test template (src/test/resources/runner/template.yaml), with its handlers laid
 * out as a deployment artifact directory: the handler classes at the root, the Lambda events jar in
 * lib/, and the shared library's Environment class beside the handlers (each function gets its own
 * copy of it through its own class loader, as on Lambda).
 */
final class RunnerFixture {

    static final String REGION = "ap-southeast-1";
    static final String ACCOUNT = "000000000000";
    static final Map<String, String> AWS = Map.of(
            "AWS_REGION", REGION,
            "AWS_ACCESS_KEY_ID", "test",
            "AWS_SECRET_ACCESS_KEY", "test",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9",
            "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9");

    private RunnerFixture() {}

    static Template template() {
        try {
            return Template.load(Path.of(RunnerFixture.class.getResource("/runner/template.yaml").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalRunner.Setup setup(Path projectDir) {
        var template = template();
        var resources = new TemplateResources(template, REGION, ACCOUNT, URI.create("http://127.0.0.1:9"),
                TemplateResources.Naming.defaults());
        return new LocalRunner.Setup(template, resources, projectDir, AWS, REGION, ACCOUNT);
    }

    /** With a local Cognito (moto): the JWT authorizer checks tokens against its keys. */
    static LocalRunner.Setup setup(Path projectDir, URI cognito) {
        var template = template();
        var resources = new TemplateResources(template, REGION, ACCOUNT, URI.create("http://127.0.0.1:9"),
                TemplateResources.Naming.defaults());
        var aws = new java.util.HashMap<>(AWS);
        aws.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognito.toString());
        return new LocalRunner.Setup(template, resources, projectDir, Map.copyOf(aws), REGION, ACCOUNT);
    }

    /** Lays out {@code projectDir/build/handlers}, the template's CodeUri. */
    static void buildArtifact(Path projectDir) {
        Path artifact = projectDir.resolve("build/handlers");
        try {
            copyClasses(location(vn.motcua.local.runner.handlers.EchoHandler.class), "vn/motcua/local/runner/handlers", artifact);
            copyClasses(location(Environment.class), "vn/motcua/aws/Environment", artifact);
            Path lib = Files.createDirectories(artifact.resolve("lib"));
            Path events = location(APIGatewayV2HTTPEvent.class);
            Files.copy(events, lib.resolve(events.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the class files under {@code prefix} from a classes directory or a jar. */
    private static void copyClasses(Path from, String prefix, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            copyTree(from, prefix, to);
        } else {
            try (var jar = java.nio.file.FileSystems.newFileSystem(from)) {
                copyTree(jar.getPath("/"), prefix, to);
            }
        }
    }

    private static void copyTree(Path root, String prefix, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString();
                if (!relative.startsWith(prefix) || !relative.endsWith(".class")) continue;
                Path target = to.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
