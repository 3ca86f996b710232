package vn.motcua.local;

import org.junit.jupiter.api.Test;
import vn.motcua.local.stack.Ports;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code infra/run}'s flags, read over the run command's defaults. */
class CommandLineTest {

    private static final Path PROJECT = Path.of("/tmp/motcua-project");

    private static LocalRun.Options parse(String... args) throws CommandLine.Usage {
        return CommandLine.parse(args, LocalRun.Options.defaults(PROJECT));
    }

    @Test
    void no_flags_give_the_defaults() throws Exception {
        var o = parse();
        assertThat(o.projectDir()).isEqualTo(PROJECT);
        assertThat(o.dataDir()).isEqualTo(PROJECT.resolve(".local-data"));
        assertThat(o.fresh()).isFalse();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(3000);
        assertThat(o.awsPorts()).isEqualTo(Ports.LOCAL_RUN);
        assertThat(o.simulatorPort()).isEqualTo(3100);
        assertThat(o.parameters()).isEmpty();
    }

    @Test
    void every_flag_sets_its_option() throws Exception {
        var o = parse("--port", "3600", "--host", "0.0.0.0", "--data", "/tmp/i15a-data", "--fresh",
                "--aws-ports", "8001,9325,9001,8006", "--simulator-port", "3700", "--parameter", "Stage=demo",
                "--parameter", "SenderAddress=a=b@example.vn");
        assertThat(o.port()).isEqualTo(3600);
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/i15a-data"));
        assertThat(o.fresh()).isTrue();
        assertThat(o.awsPorts()).isEqualTo(new Ports(8001, 9325, 9001, 8006));
        assertThat(o.simulatorPort()).isEqualTo(3700);
        assertThat(o.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("Stage", "demo", "SenderAddress", "a=b@example.vn"));
        assertThat(parse("--aws-ports", "0").awsPorts()).isEqualTo(Ports.EPHEMERAL);
    }

    @Test
    void help_lists_every_flag_and_no_longer_the_web_server() {
        assertThatThrownBy(() -> parse("--help")).isInstanceOfSatisfying(CommandLine.Usage.class, e -> {
            assertThat(e.isHelp()).isTrue();
            assertThat(e.getMessage()).startsWith("Usage: infra/run [options]")
                    .contains("--port N", "--host ADDRESS", "--data DIR", "--fresh", "--aws-ports D,Q,S,E",
                            "--simulator-port N", "--parameter NAME=VALUE", "--no-build", "-h, --help")
                    .doesNotContain("--web", "--schemas");
        });
        assertThatThrownBy(() -> parse("-h")).isInstanceOfSatisfying(CommandLine.Usage.class, e -> assertThat(e.isHelp()).isTrue());
    }

    @Test
    void bad_flags_are_usage_errors_that_point_to_help() {
        assertThatThrownBy(() -> parse("--web", "web")).isInstanceOfSatisfying(CommandLine.Usage.class, e -> {
            assertThat(e.isHelp()).isFalse();
            assertThat(e.getMessage()).isEqualTo("infra/run: unknown option '--web'\nTry infra/run --help.");
        });
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageStartingWith("infra/run: --port takes a port number, got '70000'");
        assertThatThrownBy(() -> parse("--port")).hasMessageStartingWith("infra/run: --port needs a value");
        assertThatThrownBy(() -> parse("--aws-ports", "1,2")).hasMessageStartingWith("infra/run: --aws-ports takes the ports DYNAMODB,SQS,S3,SES[,MOTO]");
        assertThatThrownBy(() -> parse("--parameter", "=x")).hasMessageStartingWith("infra/run: --parameter takes NAME=VALUE");
    }

    @Test
    void the_builder_changes_one_option_and_keeps_the_others() {
        var defaults = LocalRun.Options.defaults(PROJECT).build();
        var changed = LocalRun.Options.defaults(PROJECT).port(0).build();
        assertThat(changed.port()).isZero();
        assertThat(changed).isEqualTo(new LocalRun.Options(defaults.projectDir(), defaults.dataDir(), defaults.fresh(),
                defaults.host(), 0, defaults.awsPorts(), defaults.parameters(), defaults.out(),
                defaults.simulatorPort(), defaults.portalPort()));
        var ephemeral = LocalRun.Options.ephemeral(PROJECT, Path.of("/tmp/d")).build();
        assertThat(ephemeral.port()).isZero();
        assertThat(ephemeral.simulatorPort()).isZero();
        assertThat(ephemeral.portalPort()).isZero();
        assertThat(ephemeral.awsPorts()).isEqualTo(Ports.EPHEMERAL);
        assertThat(ephemeral.dataDir()).isEqualTo(Path.of("/tmp/d"));
    }
}
