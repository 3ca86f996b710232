package vn.motcua.wiring;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.aws.AwsClients;
import vn.motcua.aws.AwsSettings;
import vn.motcua.aws.Environment;
import vn.motcua.store.S3LinkSigner;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every adapter runs dry to its end: requests built, signed and answered in memory, none skipped, nothing sent. */
class DryRunTest {

    @AfterEach
    void restore() {
        Environment.clearLocalRun();
    }

    @Test
    void every_adapter_runs_dry_without_a_skipped_step() {
        // an endpoint no one listens on: a request that did leave the process would fail the step
        var env = Map.of("AWS_REGION", "ap-southeast-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:9", "DEPARTMENT_SECRETS", "ssm");
        Environment.useForLocalRun(env);
        var links = new S3LinkSigner(AwsClients.newS3Presigner(AwsSettings.from(Map.of("AWS_REGION", "ap-southeast-1",
                "AWS_ACCESS_KEY_ID", "AKIATEST", "AWS_SECRET_ACCESS_KEY", "test"))), "documents");

        var skipped = DryRun.run(new DryRun.Uses(true, true, true, true, true, true, true, Optional.of(links), true, true, true, true));

        assertThat(skipped).isEmpty();
    }
}
