package vn.motcua.local.stack;

import vn.motcua.local.template.Template;
import vn.motcua.local.template.TemplateResources;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the local AWS stack on its own, creates template.yaml's resources on it, prints where
 * everything is, and runs until Ctrl-C.
 *
 * <pre>
 *   --data-dir DIR     keep data there across restarts (default: .local-data under the project)
 *   --in-memory        keep nothing
 *   --ephemeral-ports  let the system choose the ports (default: the fixed {@link Ports#LOCAL_RUN})
 *   --stage NAME       the template's Stage parameter (default: its Default, dev)
 * </pre>
 */
public final class LocalStackMain {

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        try {
            run(args);
        } catch (LocalStackException | IllegalArgumentException | vn.motcua.local.template.TemplateException e) {
            System.err.println("local stack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws InterruptedException {
        var options = LocalAwsStack.Options.inMemory().withPorts(Ports.LOCAL_RUN);
        options = options.withDataDir(options.projectDir().resolve(".local-data"));
        var naming = TemplateResources.Naming.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, "--data-dir")).toAbsolutePath());
                case "--in-memory" -> options = options.withDataDir(null);
                case "--ephemeral-ports" -> options = options.withPorts(Ports.EPHEMERAL);
                case "--stage" -> naming = naming.withParameter("Stage", value(args, ++i, "--stage"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --data-dir DIR, --in-memory, --ephemeral-ports, --stage NAME)");
            }
        }
        var template = Template.load(options.projectDir().resolve("template.yaml"));
        var stack = LocalAwsStack.start(options);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "motcua-local-stack-stop"));

        var report = Provisioning.createOn(stack, stack.resources(template, naming));
        System.out.println("Local AWS stack up in " + stack.startupTime().toMillis() + " ms, data: "
                + stack.dataDir().map(Path::toString).orElse("in memory"));
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("SES mailbox: " + stack.sesMailbox());
        System.out.println("Environment for code and tools:");
        stack.awsEnvironment().forEach((k, v) -> System.out.println("  export " + k + "=" + v));
        System.out.println();
        System.out.println("Ctrl-C stops it.");
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
