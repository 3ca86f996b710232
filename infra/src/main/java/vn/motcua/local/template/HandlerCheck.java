package vn.motcua.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Every function's code is where CodeUri says, and its Handler names a class and public method
 * that are in that built artifact. The artifact is loaded in a throwaway class loader whose parent
 * is the platform loader, so nothing on this JVM's class path can stand in for a missing class;
 * classes are not initialised (no static code of the function runs).
 */
final class HandlerCheck {

    private static final Pattern HANDLER = Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)(?:::([A-Za-z_$][\\w$]*))?");
    private static final List<String> HANDLER_INTERFACES = List.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private final Path projectRoot;

    HandlerCheck(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    List<TemplateProblem> check(Template template) {
        var problems = new ArrayList<TemplateProblem>();
        var artifacts = new LinkedHashMap<Path, Artifact>();
        try {
            for (SamFunction function : SamFunction.all(template)) {
                checkFunction(template, function, artifacts, problems);
            }
        } finally {
            artifacts.values().forEach(Artifact::close);
        }
        return problems;
    }

    private void checkFunction(Template template, SamFunction f, Map<Path, Artifact> artifacts, List<TemplateProblem> problems) {
        if ("Image".equals(f.get("PackageType"))) {
            problems.add(TemplateProblem.note(template, f.pathOf("PackageType"), "an image function: its code is not checked"));
            return;
        }
        if (f.get("InlineCode") != null) {
            problems.add(TemplateProblem.note(template, f.pathOf("InlineCode"), "inline code: not checked"));
            return;
        }
        Object runtime = f.get("Runtime");
        if (!(runtime instanceof String r) || !r.startsWith("java")) {
            problems.add(TemplateProblem.note(template, f.pathOf("Runtime"), "runtime " + runtime
                    + ": only Java handlers are checked"));
            return;
        }
        Object codeUri = f.get("CodeUri");
        Object handler = f.get("Handler");
        if (codeUri == null) {
            problems.add(TemplateProblem.error(template, f.path() + ".Properties", "the function has no CodeUri (on it or in Globals.Function)"));
        }
        if (handler == null) {
            problems.add(TemplateProblem.error(template, f.path() + ".Properties", "the function has no Handler (on it or in Globals.Function)"));
        }
        if (codeUri == null || handler == null) return;
        if (!(codeUri instanceof String uri) || uri.startsWith("s3://")) {
            problems.add(TemplateProblem.note(template, f.pathOf("CodeUri"), "CodeUri is not a local path: the code is not checked"));
            return;
        }
        if (!(handler instanceof String h)) {
            problems.add(TemplateProblem.note(template, f.pathOf("Handler"), "Handler is computed: not checked"));
            return;
        }
        var m = HANDLER.matcher(h.trim());
        if (!m.matches()) {
            problems.add(TemplateProblem.error(template, f.pathOf("Handler"), "Handler '" + h
                    + "' must read package.Class::method (or package.Class for a RequestHandler)"));
            return;
        }
        Path path = projectRoot.resolve(uri).normalize();
        if (!Files.exists(path)) {
            problems.add(TemplateProblem.error(template, f.pathOf("CodeUri"), "CodeUri " + uri + " does not exist (looked for "
                    + path + "): run mvn package to build the function"));
            return;
        }
        Artifact artifact;
        try {
            artifact = artifacts.computeIfAbsent(path, Artifact::open);
        } catch (UncheckedIOException e) {
            problems.add(TemplateProblem.error(template, f.pathOf("CodeUri"), "CodeUri " + uri
                    + " cannot be read as a zip or a directory: " + e.getCause().getMessage()));
            return;
        }
        String problem = artifact.checkHandler(m.group(1), m.group(2));
        if (problem != null) {
            problems.add(TemplateProblem.error(template, f.pathOf("Handler"), "Handler " + h + ": " + problem + " in " + uri));
        }
    }

    /** A function's built code: classes at the root, dependencies in lib/ (a zip, or a directory laid out the same). */
    private record Artifact(Path source, URLClassLoader loader, Path unpacked) implements AutoCloseable {
        static Artifact open(Path source) {
            try {
                var urls = new ArrayList<URL>();
                urls.add(source.toUri().toURL()); // a directory, or a zip read like a jar
                Path libs;
                Path unpacked = null;
                if (Files.isDirectory(source)) {
                    libs = source.resolve("lib");
                } else {
                    // jars inside the zip cannot be class-path entries as they are: copy them out
                    unpacked = Files.createTempDirectory("motcua-handler-check");
                    libs = unpacked;
                    try (var zip = new ZipFile(source.toFile())) {
                        for (var entry : java.util.Collections.list(zip.entries())) {
                            String name = entry.getName();
                            if (name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0) {
                                try (InputStream in = zip.getInputStream(entry)) {
                                    Files.copy(in, unpacked.resolve(name.substring(4)));
                                }
                            }
                        }
                    }
                }
                if (Files.isDirectory(libs)) {
                    try (Stream<Path> jars = Files.list(libs)) {
                        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) urls.add(jar.toUri().toURL());
                    }
                }
                var loader = new URLClassLoader("handler-check:" + source.getFileName(), urls.toArray(URL[]::new),
                        ClassLoader.getPlatformClassLoader());
                return new Artifact(source, loader, unpacked);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Null when the handler is there and usable, else what is wrong. */
        String checkHandler(String className, String methodName) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                return "class " + className + " is not there (no " + className.replace('.', '/') + ".class at the root"
                        + (Files.isDirectory(source) ? "" : " of the zip") + ")";
            } catch (LinkageError e) {
                return "class " + className + " cannot be loaded: " + missing(e);
            }
            try {
                if (!Modifier.isPublic(type.getModifiers())) return "class " + className + " is not public";
                if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                    return "class " + className + " is abstract: Lambda cannot create it";
                }
                if (methodName == null) {
                    boolean implementsHandler = HANDLER_INTERFACES.stream().anyMatch(i -> implementsInterface(type, i));
                    return implementsHandler ? null : "class " + className
                            + " names no method, so it must implement RequestHandler or RequestStreamHandler, and it does not";
                }
                List<Method> candidates = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName)).toList();
                if (candidates.isEmpty()) {
                    var names = new TreeSet<String>();
                    Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                            .forEach(m -> names.add(m.getName()));
                    boolean hidden = Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(methodName));
                    return "class " + className + (hidden ? " has a method '" + methodName + "' but it is not public"
                            : " has no public method '" + methodName + "'" + Text.didYouMean(methodName, names));
                }
                boolean allStatic = candidates.stream().allMatch(m -> Modifier.isStatic(m.getModifiers()));
                if (!allStatic) {
                    try {
                        type.getConstructor();
                    } catch (NoSuchMethodException e) {
                        return "class " + className + " has no public constructor without arguments, which Lambda needs to create it";
                    }
                }
                if (candidates.stream().allMatch(m -> m.getParameterCount() > 3)) {
                    return "method " + methodName + " takes " + candidates.stream().map(Method::getParameterCount)
                            .min(Comparator.naturalOrder()).orElse(0) + " arguments; Lambda passes at most the event, an output stream and the Context";
                }
                return null;
            } catch (LinkageError e) {
                return "class " + className + " cannot be linked: " + missing(e);
            }
        }

        private static boolean implementsInterface(Class<?> type, String name) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    if (i.getName().equals(name) || implementsInterface(i, name)) return true;
                }
            }
            return false;
        }

        private static String missing(LinkageError e) {
            String message = String.valueOf(e.getMessage());
            if (e instanceof NoClassDefFoundError) {
                return "it needs " + message.replace('/', '.') + ", which is neither in the zip nor in its lib/ jars";
            }
            return e.getClass().getSimpleName() + ": " + message;
        }

        @Override
        public void close() {
            try {
                loader.close();
            } catch (IOException ignored) {
                // a throwaway loader; nothing to do
            }
            if (unpacked != null) {
                try (Stream<Path> files = Files.walk(unpacked)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // temp files; the OS cleans up
                }
            }
        }
    }
}
