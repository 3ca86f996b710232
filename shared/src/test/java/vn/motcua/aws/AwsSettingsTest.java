package vn.motcua.aws;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsSettingsTest {

    private static final Map<String, String> LAMBDA = Map.of(
            "AWS_REGION", "ap-southeast-1",
            "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "AWS_SESSION_TOKEN", "token");

    @Test
    void readsWhatLambdaProvides() {
        var settings = AwsSettings.from(LAMBDA);

        assertThat(settings.region()).isEqualTo("ap-southeast-1");
        assertThat(settings.accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(settings.sessionToken()).isEqualTo("token");
        assertThat(settings.endpoints()).isEmpty();
    }

    @Test
    void aServiceEndpointWinsOverTheGenericOne() {
        var env = new java.util.HashMap<>(LAMBDA);
        env.put("AWS_ENDPOINT_URL", "http://localhost:4566");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");

        var settings = AwsSettings.from(env);

        assertThat(settings.endpoint(AwsSettings.DYNAMODB)).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(settings.endpoint(AwsSettings.S3)).contains(URI.create("http://localhost:4566"));
        assertThat(settings.endpoint("sqs")).contains(URI.create("http://localhost:4566"));
    }

    @Test
    void aMissingRegionIsNamed() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void aBadEndpointNamesItsVariable() {
        var env = new java.util.HashMap<>(LAMBDA);
        env.put("AWS_ENDPOINT_URL_S3", "localhost 9000");

        assertThatThrownBy(() -> AwsSettings.from(env))
                .hasMessageContaining("AWS_ENDPOINT_URL_S3")
                .hasMessageContaining("localhost 9000");
    }

    @Test
    void aKeyWithoutSecretIsRefused() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "AKIA")))
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(AwsSettings.from(LAMBDA).toString()).doesNotContain("secret").doesNotContain("token=token");
    }
}
