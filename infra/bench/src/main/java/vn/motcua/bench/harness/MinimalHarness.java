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
 * once with the event file, print the answer on one line prefixed {@code RESULT }, exit. Run in a
 * fresh JVM per measurement; nothing else of ours loads, so what it costs beyond a hello-world
 * handler is the function's own cold cost. POJO handlers go through Lambda's own serialization
 * library, as the runtime would do it (see {@link PojoInvoker}); stream handlers get the bytes.
 */
public final class MinimalHarness {

    private MinimalHarness() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: MinimalHarness <Class::method> <event.json>");
            System.exit(2);
        }
        String handler = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        Context context = new HarnessContext();
        var out = new ByteArrayOutputStream();
        int status = 0;
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            if (instance instanceof RequestStreamHandler stream) {
                stream.handleRequest(new ByteArrayInputStream(event), out, context);
            } else if (instance instanceof RequestHandler<?, ?> pojo) {
                PojoInvoker.invoke(pojo, event, out, context);
            } else {
                throw new IllegalArgumentException(className + " is neither a RequestStreamHandler nor a RequestHandler");
            }
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        PrintStream stdout = System.out;
        stdout.print("RESULT ");
        stdout.write(out.toByteArray());
        stdout.println();
        stdout.flush();
        System.exit(status);
    }
}
