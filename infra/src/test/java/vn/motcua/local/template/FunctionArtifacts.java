package vn.motcua.local.template;

import com.amazonaws.services.lambda.runtime.RequestHandler;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small Lambda artifacts for the handler checks: sources compiled here, zipped like functions/*. */
final class FunctionArtifacts {

    private FunctionArtifacts() {}

    /** Compiles the sources ({@code "demo/Handler.java" -> text}) and zips their classes, with the given jars in lib/. */
    static Path zip(Path zip, Map<String, String> sources, List<Path> libs) throws IOException {
        Path work = Files.createTempDirectory("motcua-test-handler");
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        var files = new ArrayList<String>();
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        var args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17"));
        args.addAll(files);
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        if (exit != 0) throw new IllegalStateException("test handler sources do not compile");
        Files.createDirectories(zip.getParent());
        try (var out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                add(out, classes.relativize(file).toString().replace('\\', '/'), file);
            }
            for (Path lib : libs) add(out, "lib/" + lib.getFileName(), lib);
        }
        return zip;
    }

    private static void add(ZipOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
    }

    /** The aws-lambda-java-core jar on this test's class path, as a function would carry it in lib/. */
    static Path lambdaCoreJar() {
        try {
            return Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
