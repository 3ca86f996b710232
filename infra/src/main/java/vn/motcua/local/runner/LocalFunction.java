package vn.motcua.local.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

/**
 * One Lambda function loaded in process the way the Lambda Java runtime loads it: its own
 * deployment artifact (the zip, unpacked: classes at the root, jars in lib/), and containers as
 * Lambda scales them. Each container is its own class loader, its own environment, its own handler
 * instance and thread, one invocation at a time; a new one is created (a cold start, on the caller's
 * time, as on Lambda) only when every container is busy, up to {@link #maxContainers()}; past that
 * an invocation waits for a free container (Lambda would throttle: locally the limit is only a
 * stand-in for the account's concurrency). A handler that throws leaves its container as it is, to
 * be used again; one that times out or dies of a {@link VirtualMachineError} is thrown away, as
 * Lambda resets such an environment. Only the {@code com.amazonaws.services.lambda.runtime} core
 * interfaces are shared with the runner, as the runtime shares them. Stream handlers get the event
 * bytes untouched; POJO handlers go through Lambda's own serialization library, so what a handler
 * sees here is what it would see on AWS.
 */
public final class LocalFunction implements AutoCloseable {

    private final String name;
    private final Path root;
    private final String handler;
    private final Map<String, String> environment;
    private final int memoryMb;
    private final long timeoutMillis;
    private final java.util.concurrent.atomic.AtomicLong invocations = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong busyNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger numbers = new java.util.concurrent.atomic.AtomicInteger();
    // the pool, under its own lock: idle containers (the last used first, as the warmest), how many live
    private final Object lock = new Object();
    private final java.util.ArrayDeque<Container> idle = new java.util.ArrayDeque<>();
    private final List<Container> all = new ArrayList<>();
    private int live;
    private int maxContainers = 1;
    private int created;
    private int replaced;
    private int peakBusy;
    private int busy;
    private boolean closed;

    private LocalFunction(String name, Path root, String handler, Map<String, String> environment, int memoryMb, long timeoutMillis) {
        this.name = name;
        this.root = root;
        this.handler = handler;
        this.environment = Map.copyOf(environment);
        this.memoryMb = memoryMb;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Loads a function with its first container (its cold start, here): {@code artifact} is the built
     * zip (or a directory laid out like one), {@code handler} the template's {@code package.Class::method}.
     * One container at most until {@link #maxContainers(int)} allows more.
     */
    public static LocalFunction load(String name, Path artifact, String handler, Map<String, String> environment,
                                     int memoryMb, int timeoutSeconds, Path unpackDir) {
        Path root = Files.isDirectory(artifact) ? artifact : unpack(artifact, unpackDir);
        var function = new LocalFunction(name, root, handler, environment, memoryMb, timeoutSeconds * 1000L);
        var first = function.create();
        synchronized (function.lock) {
            function.live = 1;
            function.idle.push(first);
        }
        return function;
    }

    public String name() { return name; }

    /** How many times the function was invoked since it was loaded. */
    public long invocations() { return invocations.get(); }

    /** Time spent inside the handler since the function was loaded (what Lambda bills), in nanoseconds, all containers together. */
    public long busyNanos() { return busyNanos.get(); }

    /** The directory the function's classes are loaded from: the artifact itself, or where its zip was unpacked. */
    public Path directory() { return root; }

    /** How many containers may run at once. */
    public int maxContainers() {
        synchronized (lock) {
            return maxContainers;
        }
    }

    /** Allows up to {@code limit} containers at once (at least 1); lowering it retires idle containers past it. */
    public LocalFunction maxContainers(int limit) {
        if (limit < 1) throw new IllegalArgumentException("a function has at least one container, not " + limit);
        var retired = new ArrayList<Container>();
        synchronized (lock) {
            maxContainers = limit;
            while (live > limit && !idle.isEmpty()) {
                retired.add(idle.removeLast());
                live--;
            }
            lock.notifyAll();
        }
        retired.forEach(this::discard);
        return this;
    }

    /** How many containers there are now, busy or idle. */
    public int containers() {
        synchronized (lock) {
            return live;
        }
    }

    /** The most invocations that ran at the same moment since the function was loaded. */
    public int peakConcurrency() {
        synchronized (lock) {
            return peakBusy;
        }
    }

    /** Containers created since the function was loaded, the first one included. */
    public int containersCreated() {
        synchronized (lock) {
            return created;
        }
    }

    /** Containers thrown away after a timeout or a fatal error. */
    public int containersReplaced() {
        synchronized (lock) {
            return replaced;
        }
    }

    /**
     * Invokes the handler with the event's JSON and returns the answer's JSON bytes (empty for void),
     * in a free container, a new one when all are busy and the limit allows, else the first to be free.
     */
    public byte[] invoke(byte[] event) throws InvocationFailure {
        invocations.incrementAndGet();
        String requestId = UUID.randomUUID().toString();
        Container container = acquire(requestId);
        boolean keep = true;
        try {
            Context context = new LocalContext(requestId, name, memoryMb, timeoutMillis);
            var future = container.thread.submit(() -> {
                long t0 = System.nanoTime();
                try {
                    return container.invoker.invoke(event, context);
                } finally {
                    busyNanos.addAndGet(System.nanoTime() - t0);
                }
            });
            try {
                return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                keep = false; // Lambda resets an environment whose invocation timed out
                throw new InvocationFailure(name, requestId, "Task timed out after " + timeoutMillis / 1000 + " seconds", null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e.getCause();
                if (cause instanceof VirtualMachineError) keep = false; // the runtime would exit: a new environment next time
                throw new InvocationFailure(name, requestId, String.valueOf(cause), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                keep = false;
                throw new InvocationFailure(name, requestId, "interrupted", e);
            }
        } finally {
            release(container, keep);
        }
    }

    /** A free container; a new one (a cold start) when all are busy and the limit allows; else waits. */
    private Container acquire(String requestId) throws InvocationFailure {
        synchronized (lock) {
            while (true) {
                if (closed) throw new InvocationFailure(name, requestId, "the function is stopped", null);
                if (!idle.isEmpty()) {
                    busy++;
                    peakBusy = Math.max(peakBusy, busy);
                    return idle.pop();
                }
                if (live < maxContainers) {
                    live++;
                    busy++;
                    peakBusy = Math.max(peakBusy, busy);
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InvocationFailure(name, requestId, "interrupted while waiting for a free container", e);
                }
            }
        }
        try {
            return create();
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                live--;
                busy--;
                lock.notifyAll();
            }
            // Lambda reports a failed init as the invocation's error; the next invocation tries a new container
            if (e instanceof RunnerException r) throw new InvocationFailure(name, requestId, r.getMessage(), r.getCause());
            throw e;
        }
    }

    private void release(Container container, boolean keep) {
        boolean discard;
        synchronized (lock) {
            busy--;
            discard = !keep || closed || live > maxContainers;
            if (discard) {
                live--;
                if (!keep) replaced++;
            } else {
                idle.push(container);
            }
            lock.notifyAll();
        }
        if (discard) discard(container);
    }

    /** A new container: its class loader, its thread, the environment installed and the handler constructed on that thread. */
    private Container create() {
        int number = numbers.incrementAndGet();
        URLClassLoader loader = new FunctionClassLoader(name, urls(root), LocalFunction.class.getClassLoader());
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lambda-" + name + (number == 1 ? "" : "#" + number));
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        try {
            // Construct on the container's own thread, with its own environment, as a cold start would.
            Invoker invoker = thread.submit(() -> {
                installEnvironment(loader, environment);
                return Invoker.create(loader, handler);
            }).get();
            var container = new Container(loader, thread, invoker);
            synchronized (lock) {
                created++;
                all.add(container);
                if (closed) {
                    all.remove(container);
                    thread.shutdownNow();
                    close(loader);
                    throw new RunnerException("function " + name + " is stopped");
                }
            }
            return container;
        } catch (ExecutionException e) {
            thread.shutdownNow();
            close(loader);
            Throwable cause = e.getCause() instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e.getCause();
            throw new RunnerException("function " + name + ": handler " + handler + " could not be created: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
            close(loader);
            throw new RunnerException("interrupted while loading " + name, e);
        }
    }

    private void discard(Container container) {
        synchronized (lock) {
            all.remove(container);
        }
        container.thread.shutdownNow();
        close(container.loader);
    }

    /**
     * What SnapStart does before it takes the snapshot of an initialised environment: every
     * {@code vn.motcua.aws.Priming} the handler registered runs (its {@code beforeCheckpoint}), in each
     * idle container, on the container's own thread. No JVM here can snapshot: the container simply
     * goes on, primed (the bench and the priming test use this).
     */
    @SuppressWarnings("unchecked")
    public List<String> beforeCheckpoint() throws InvocationFailure {
        var lines = new ArrayList<String>();
        for (Object r : eachIdle("primeAll")) lines.addAll((List<String>) r);
        return lines;
    }

    /** What SnapStart does after a restore: {@code afterRestore} of every registered priming. */
    public void afterRestore() throws InvocationFailure {
        eachIdle("renewAll");
    }

    private List<Object> eachIdle(String method) throws InvocationFailure {
        var results = new ArrayList<Object>();
        List<Container> containers;
        synchronized (lock) {
            containers = List.copyOf(idle);
        }
        for (Container c : containers) {
            try {
                results.add(c.thread.submit(() -> Class.forName("vn.motcua.aws.Priming", true, c.loader).getMethod(method).invoke(null))
                        .get(timeoutMillis, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw new InvocationFailure(name, method, String.valueOf(e.getCause()), e.getCause());
            } catch (TimeoutException e) {
                throw new InvocationFailure(name, method, method + " took more than " + timeoutMillis / 1000 + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvocationFailure(name, method, "interrupted", e);
            }
        }
        return results;
    }

    /** One execution environment: a class loader, a thread, a handler instance. */
    private record Container(URLClassLoader loader, ExecutorService thread, Invoker invoker) {}

    @Override
    public void close() {
        List<Container> containers;
        synchronized (lock) {
            closed = true;
            containers = List.copyOf(all);
            all.clear();
            idle.clear();
            lock.notifyAll();
        }
        for (Container c : containers) {
            c.thread.shutdownNow();
            close(c.loader);
        }
    }

    private static void close(URLClassLoader loader) {
        try { loader.close(); } catch (IOException ignored) { /* nothing left to release */ }
    }

    /** The function's environment, through the per-class-loader override of vn.motcua.aws.Environment. */
    private static void installEnvironment(ClassLoader loader, Map<String, String> environment) throws ReflectiveOperationException {
        Class<?> env;
        try {
            env = Class.forName("vn.motcua.aws.Environment", true, loader);
        } catch (ClassNotFoundException e) {
            return; // a handler that does not use the project's shared library (tests, hello world)
        }
        env.getMethod("useForLocalRun", Map.class).invoke(null, Map.copyOf(environment));
    }

    private static Path unpack(Path zip, Path unpackDir) {
        if (!Files.isRegularFile(zip)) {
            throw new RunnerException("deployment artifact " + zip + " does not exist: build it first (mvn package)");
        }
        try {
            byte[] bytes = Files.readAllBytes(zip);
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
            Path target = unpackDir.resolve(zip.getParent().getParent().getFileName() + "-" + digest);
            if (Files.isDirectory(target)) return target; // same artifact unpacked before
            Path partial = Files.createDirectories(unpackDir).resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
            try (var in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path out = partial.resolve(entry.getName()).normalize();
                    if (!out.startsWith(partial)) throw new RunnerException(zip + ": entry escapes the artifact: " + entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(in, out);
                    }
                }
            }
            try {
                Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another runner unpacked the same artifact at the same moment: use theirs
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL[] urls(Path root) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(root.toUri().toURL());
            Path lib = root.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) urls.add(jar.toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return urls.toArray(URL[]::new);
    }

    /** Child-first, but the Lambda core interfaces come from the runner, as the runtime provides them. */
    private static final class FunctionClassLoader extends URLClassLoader {
        private final ClassLoader runner;

        FunctionClassLoader(String name, URL[] urls, ClassLoader runner) {
            super("function-" + name, urls, ClassLoader.getPlatformClassLoader());
            this.runner = runner;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (isRuntimeCore(className)) return runner.loadClass(className);
            return super.loadClass(className, resolve);
        }

        private static boolean isRuntimeCore(String className) {
            String prefix = "com.amazonaws.services.lambda.runtime.";
            if (!className.startsWith(prefix)) return false;
            String rest = className.substring(prefix.length());
            return !rest.contains(".") || rest.startsWith("logging.");
        }
    }

    /** How one handler is called: raw streams, or Lambda's POJO serialization. */
    private interface Invoker {
        byte[] invoke(byte[] event, Context context) throws Exception;

        static Invoker create(ClassLoader loader, String handler) throws ReflectiveOperationException {
            int sep = handler.indexOf("::");
            String className = sep < 0 ? handler : handler.substring(0, sep);
            String methodName = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
            Class<?> type = Class.forName(className, true, loader);
            Object instance = type.getDeclaredConstructor().newInstance();

            if (instance instanceof RequestStreamHandler stream && methodName.equals("handleRequest")) {
                return (event, context) -> {
                    var out = new ByteArrayOutputStream();
                    stream.handleRequest(new ByteArrayInputStream(event), out, context);
                    return out.toByteArray();
                };
            }
            Method method = handlerMethod(type, methodName);
            Type inputType = method.getGenericParameterTypes().length > 0 ? method.getGenericParameterTypes()[0] : null;
            if (instance instanceof RequestHandler<?, ?> && methodName.equals("handleRequest")) {
                inputType = requestHandlerInput(type);
            }
            PojoSerializer<Object> input = inputType == null ? null : serializer(inputType, loader);
            Type outputType = method.getGenericReturnType();
            PojoSerializer<Object> output = outputType == void.class ? null : serializer(outputType, loader);
            boolean takesContext = method.getParameterCount() == 2;
            method.setAccessible(true);
            return (event, context) -> {
                Object[] args;
                if (input == null) {
                    args = new Object[0];
                } else if (takesContext) {
                    args = new Object[] {input.fromJson(new ByteArrayInputStream(event)), context};
                } else {
                    args = new Object[] {input.fromJson(new ByteArrayInputStream(event))};
                }
                Object result = method.invoke(instance, args);
                if (output == null) return new byte[0];
                var out = new ByteArrayOutputStream();
                output.toJson(result, out);
                return out.toByteArray();
            };
        }

        private static Method handlerMethod(Class<?> type, String name) throws NoSuchMethodException {
            Method best = null;
            for (Method m : type.getMethods()) {
                if (!m.getName().equals(name) || m.isBridge() || m.getParameterCount() > 2) continue;
                if (best == null || m.getParameterCount() > best.getParameterCount()) best = m;
            }
            if (best == null) throw new NoSuchMethodException(type.getName() + "::" + name);
            return best;
        }

        private static Type requestHandlerInput(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Type t : c.getGenericInterfaces()) {
                    if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) return p.getActualTypeArguments()[0];
                }
            }
            return Object.class;
        }

        @SuppressWarnings("unchecked")
        private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
            if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
                return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
            }
            return JacksonFactory.getInstance().getSerializer(type);
        }
    }

    /** A handler that threw, or ran out of time: what Lambda would report as a function error. */
    public static final class InvocationFailure extends Exception {
        private final String requestId;

        InvocationFailure(String function, String requestId, String message, Throwable cause) {
            super(function + " (request " + requestId + "): " + message, cause);
            this.requestId = requestId;
        }

        public String requestId() { return requestId; }
    }
}
