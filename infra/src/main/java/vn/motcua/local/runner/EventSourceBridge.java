package vn.motcua.local.runner;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Creates the SQS and schedule event sources ({@code SqsEventSource}, {@code ScheduleEventSource}
 * in this package) by name. They are written on another branch; looking them up keeps this one
 * compiling and working before that branch is merged (the triggers are then reported as not
 * running). Once both are in, each method here can become a plain {@code new ...(...)}.
 */
final class EventSourceBridge {

    /** A started event source. */
    interface Source extends AutoCloseable {
        @Override void close();
    }

    /** A started schedule, which can also be fired at once. */
    interface Schedule extends Source {
        void fireNow() throws Exception;
    }

    private static final String PACKAGE = EventSourceBridge.class.getPackageName() + ".";

    private EventSourceBridge() {}

    /** An SQS poller for the function, started; empty when SqsEventSource is not on the class path. */
    static Optional<Source> sqs(LocalFunction function, SqsClient sqs, String queueUrl, String queueArn, int batchSize,
                                boolean reportBatchItemFailures, String region) {
        var constructor = constructor("SqsEventSource", LocalFunction.class, SqsClient.class, String.class, String.class,
                int.class, boolean.class, String.class);
        if (constructor.isEmpty()) return Optional.empty();
        AutoCloseable source = create(constructor.get(), function, sqs, queueUrl, queueArn, batchSize, reportBatchItemFailures, region);
        call(source, "start");
        return Optional.of(() -> closeQuietly(source));
    }

    /**
     * A schedule for the function; started unless {@code enabled} is false (it can still be fired by
     * hand). Empty when ScheduleEventSource is not on the class path.
     */
    static Optional<Schedule> schedule(LocalFunction function, String ruleName, String expression, String input,
                                       String region, String accountId, boolean enabled) {
        var constructor = constructor("ScheduleEventSource", LocalFunction.class, String.class, String.class, String.class,
                String.class, String.class);
        if (constructor.isEmpty()) return Optional.empty();
        AutoCloseable source = create(constructor.get(), function, ruleName, expression, input, region, accountId);
        if (enabled) call(source, "start");
        return Optional.of(new Schedule() {
            @Override public void fireNow() throws Exception { callChecked(source, "fireNow"); }
            @Override public void close() { closeQuietly(source); }
        });
    }

    private static Optional<Constructor<?>> constructor(String simpleName, Class<?>... parameters) {
        Class<?> type;
        try {
            type = Class.forName(PACKAGE + simpleName, true, EventSourceBridge.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return Optional.empty();
        }
        if (!AutoCloseable.class.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName() + " is not AutoCloseable");
        }
        try {
            return Optional.of(type.getConstructor(parameters));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no public constructor " + java.util.Arrays.toString(parameters), e);
        }
    }

    private static AutoCloseable create(Constructor<?> constructor, Object... args) {
        try {
            return (AutoCloseable) constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw unchecked(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void call(Object target, String method) {
        try {
            callChecked(target, method);
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    private static void callChecked(Object target, String name) throws Exception {
        Method method = target.getClass().getMethod(name);
        try {
            method.invoke(target);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw unchecked(e.getCause());
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error error) throw error;
        return new RunnerException(String.valueOf(t.getMessage()), t);
    }

    private static void closeQuietly(AutoCloseable source) {
        try {
            source.close();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}
