package vn.motcua.aws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientsTest {

    private static final Map<String, String> LOCAL = Map.of(
            "AWS_REGION", "ap-southeast-1",
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
            "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000");

    @AfterEach
    void backToProcessEnvironment() {
        Environment.clearLocalRun();
    }

    @Test
    void buildsClientsAgainstTheOverriddenEndpoints() {
        try (DynamoDbClient dynamo = AwsClients.newDynamoDb(AwsSettings.from(LOCAL));
             var presigner = AwsClients.newS3Presigner(AwsSettings.from(LOCAL))) {
            assertThat(dynamo.serviceClientConfiguration().region().id()).isEqualTo("ap-southeast-1");
            assertThat(dynamo.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:8000"));

            // path style: the bucket is in the path, not the host name
            var url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(PutObjectRequest.builder().bucket("docs").key("a/b.pdf").build())).url();
            assertThat(url.toString()).startsWith("http://127.0.0.1:9000/docs/a/b.pdf?");
        }
    }

    @Test
    void onAwsLinksUseTheBucketsHostName() {
        var onAws = Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");
        try (var presigner = AwsClients.newS3Presigner(AwsSettings.from(onAws))) {
            var url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("motcua-documents").key("a"))).url();
            assertThat(url.getHost()).isEqualTo("motcua-documents.s3.ap-southeast-1.amazonaws.com");
        }
    }

    @Test
    void theSharedClientIsBuiltOnceFromTheEnvironment() {
        Environment.useForLocalRun(LOCAL);
        assertThat(AwsClients.sqs()).isSameAs(AwsClients.sqs());
    }

    /** Key variables on Lambda, the container endpoint under SnapStart, a local-run map's keys, else the default chain. */
    @Test
    void credentialsComeFromWhereLambdaPutsThem() {
        var keys = new HashMap<>(Map.of("AWS_REGION", "ap-southeast-1", "AWS_ACCESS_KEY_ID", "ASIA", "AWS_SECRET_ACCESS_KEY", "s"));
        var process = withProcess(AwsSettings.from(keys), true);
        assertThat(SdkSetup.credentials(process)).isInstanceOf(EnvironmentVariableCredentialsProvider.class);
        assertThat(SdkSetup.credentials(AwsSettings.from(keys))).isInstanceOf(StaticCredentialsProvider.class);

        var snapStart = Map.of("AWS_REGION", "ap-southeast-1", SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.environmentVariable(),
                "http://127.0.0.1:9001/2018-06-01/credentials");
        assertThat(SdkSetup.credentials(withProcess(AwsSettings.from(snapStart), true))).isInstanceOf(ContainerCredentialsProvider.class);
        assertThat(SdkSetup.credentials(AwsSettings.from(Map.of("AWS_REGION", "ap-southeast-1")))).isInstanceOf(DefaultCredentialsProvider.class);
    }

    private static AwsSettings withProcess(AwsSettings s, boolean process) {
        return new AwsSettings(s.region(), s.accessKeyId(), s.secretAccessKey(), s.sessionToken(), s.endpoints(), process,
                s.containerCredentials());
    }

    /**
     * A function whose artifact carries only the DynamoDB module: loading AwsClients and building the
     * DynamoDB client must not touch S3, SQS, SES or SSM classes, which are absent from its class path.
     */
    @Test
    void aFunctionWithOnlyDynamoDbNeverLoadsTheOtherServices() throws Exception {
        var urls = new ArrayList<URL>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (path.matches(".*/software/amazon/awssdk/(s3|sqs|sesv2|ssm)/.*")) continue;
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (var loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("software.amazon.awssdk.services.s3.S3Client"))
                    .as("the S3 module really is absent").isInstanceOf(ClassNotFoundException.class);

            loader.loadClass(Environment.class.getName()).getMethod("useForLocalRun", Map.class).invoke(null, LOCAL);
            Object dynamo = probe(loader, DynamoDbOnlyFunction.class).get();
            assertThat(dynamo.getClass().getName()).startsWith("software.amazon.awssdk.services.dynamodb.");
            ((AutoCloseable) dynamo).close();

            assertThatThrownBy(() -> probe(loader, S3Function.class).get())
                    .as("S3 is only reached when asked for").isInstanceOf(NoClassDefFoundError.class);
        }
    }

    /** Code as a handler would write it, linked by the JVM (not by reflection on AwsClients). */
    public static final class DynamoDbOnlyFunction implements Supplier<Object> {
        @Override public Object get() { return AwsClients.dynamoDb(); }
    }

    public static final class S3Function implements Supplier<Object> {
        @Override public Object get() { return AwsClients.s3(); }
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Object> probe(ClassLoader loader, Class<?> type) throws Exception {
        return (Supplier<Object>) loader.loadClass(type.getName()).getDeclaredConstructor().newInstance();
    }
}
