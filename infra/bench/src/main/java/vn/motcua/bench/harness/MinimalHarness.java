package vn.motcua.bench.harness;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The minimal path: construct the handler named as in template.yaml ({@code Class::method}), invoke it
 * with each event file in turn, print each answer on one line prefixed {@code RESULT <ms> }, exit. Run in
 * a fresh JVM per measurement; nothing else of ours loads, so what it costs beyond a hello-world
 * handler is the function's own cold cost. POJO handlers go through Lambda's own serialization
 * library, as the runtime would do it (see {@link PojoInvoker}); stream handlers get the bytes.
 *
 * <p>With {@code --snapstart}, between construction and the first event it does what SnapStart does:
 * every priming the function registered runs (its {@code beforeCheckpoint}), then, as after a restore,
 * its {@code afterRestore}; {@code PRIMED <ms>} tells how long that took.
 */
public final class MinimalHarness {

    private MinimalHarness() {}

    public static void main(String[] args) throws Throwable {
        boolean snapStart = args.length > 0 && args[0].equals("--snapstart");
        int first = snapStart ? 1 : 0;
        if (args.length < first + 2) {
            System.err.println("usage: MinimalHarness [--snapstart] <Class::method> <event.json>...");
            System.exit(2);
        }
        String handler = args[first];
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        Context context = new HarnessContext();
        PrintStream stdout = System.out;
        int status = 0;
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            if (snapStart) {
                long t0 = System.nanoTime();
                Class<?> priming = Class.forName("vn.motcua.aws.Priming");
                Object lines = priming.getMethod("primeAll").invoke(null);
                priming.getMethod("renewAll").invoke(null);
                stdout.println("PRIMED " + (System.nanoTime() - t0) / 1e6 + " " + lines);
            }
            for (int i = first + 1; i < args.length; i++) {
                byte[] event = Files.readAllBytes(Path.of(args[i]));
                var out = new ByteArrayOutputStream();
                long t0 = System.nanoTime();
                if (instance instanceof RequestStreamHandler stream) {
                    stream.handleRequest(new ByteArrayInputStream(event), out, context);
                } else if (instance instanceof RequestHandler<?, ?> pojo) {
                    PojoInvoker.invoke(pojo, event, out, context);
                } else {
                    throw new IllegalArgumentException(className + " is neither a RequestStreamHandler nor a RequestHandler");
                }
                double millis = (System.nanoTime() - t0) / 1e6;
                stdout.print("RESULT " + millis + " ");
                stdout.write(out.toByteArray());
                stdout.println();
            }
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        stdout.flush();
        System.exit(status);
    }
}
