package vn.motcua.local;

import vn.motcua.local.stack.Ports;

import java.nio.file.Path;

/** The run command's options, over {@link LocalRun.Options#defaults}. */
final class CommandLine {

    static final String HELP = """
            Usage: infra/run [options]
            Runs Một Cửa locally from template.yaml: the local AWS stack, the seed data, every function,
            the HTTP API with its JWT authorizer (staff sign in through the local Cognito), the event sources.
            Ctrl-C stops everything.

              --port N               HTTP API port (default 3000)
              --host ADDRESS         listen address of the API and the simulator (default 127.0.0.1)
              --data DIR             where the data is kept across restarts (default .local-data)
              --fresh                wipe the data directory first
              --aws-ports D,Q,S,E[,M] DynamoDB, SQS, S3, SES and moto (Cognito, SSM, SNS) ports
                                     (default 8000,9324,9000,8005,8010; 0 for any free ones; moto on a free one if not given)
              --simulator-port N     the department simulator's port (default 3100)
              --portal-port N        the national portal simulator's port (default 3200)
              --parameter NAME=VALUE a template parameter (repeatable), e.g. --parameter Stage=demo
              --no-build             (infra/run only) start without checking the build
              -h, --help             this text""";

    /** Bad options, or a request for help: the message is what to print. */
    static final class Usage extends Exception {
        private final boolean help;

        Usage(String message, boolean help) {
            super(message);
            this.help = help;
        }

        boolean isHelp() { return help; }
    }

    private CommandLine() {}

    static LocalRun.Options parse(String[] args, LocalRun.Options.Builder defaults) throws Usage {
        var o = defaults;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> throw new Usage(HELP, true);
                case "--fresh" -> o.fresh(true);
                case "--port" -> o.port(port(arg, value(args, ++i, arg)));
                case "--host" -> o.host(value(args, ++i, arg));
                case "--data" -> o.dataDir(Path.of(value(args, ++i, arg)).toAbsolutePath().normalize());
                case "--aws-ports" -> o.awsPorts(awsPorts(value(args, ++i, arg)));
                case "--simulator-port" -> o.simulatorPort(port(arg, value(args, ++i, arg)));
                case "--portal-port" -> o.portalPort(port(arg, value(args, ++i, arg)));
                case "--parameter" -> {
                    String p = value(args, ++i, arg);
                    int eq = p.indexOf('=');
                    if (eq <= 0) throw usage("--parameter takes NAME=VALUE, got '" + p + "'");
                    o.parameter(p.substring(0, eq), p.substring(eq + 1));
                }
                default -> throw usage("unknown option '" + arg + "'");
            }
        }
        return o.build();
    }

    private static String value(String[] args, int i, String option) throws Usage {
        if (i >= args.length) throw usage(option + " needs a value");
        return args[i];
    }

    private static int port(String option, String value) throws Usage {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // below
        }
        throw usage(option + " takes a port number, got '" + value + "'");
    }

    private static Ports awsPorts(String value) throws Usage {
        if (value.equals("0")) return Ports.EPHEMERAL;
        String[] p = value.split(",");
        if (p.length != 4 && p.length != 5) {
            throw usage("--aws-ports takes the ports DYNAMODB,SQS,S3,SES[,MOTO] (or 0), got '" + value + "'");
        }
        // four ports (as before moto joined): moto takes a free one
        return new Ports(port("--aws-ports", p[0]), port("--aws-ports", p[1]), port("--aws-ports", p[2]), port("--aws-ports", p[3]),
                p.length == 5 ? port("--aws-ports", p[4]) : 0);
    }

    private static Usage usage(String message) {
        return new Usage("infra/run: " + message + "\n" + "Try infra/run --help.", false);
    }
}
