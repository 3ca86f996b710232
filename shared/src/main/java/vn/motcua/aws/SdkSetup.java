package vn.motcua.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * The part of client construction every service shares, as AWS's "reduce SDK startup time for Lambda"
 * guidance has it: the region from {@code AWS_REGION}, an explicit credentials provider, the
 * URL-connection HTTP client (the only one in the artifacts: no class path scan), and the endpoint
 * override of {@code AWS_ENDPOINT_URL_<SERVICE>} when there is one. Retries are the SDK's own default
 * strategy for each service (DynamoDB's has more attempts than the standard one). Only SDK core classes
 * appear here (present whenever any service module is), never a service's own classes.
 */
final class SdkSetup {

    private SdkSetup() {}

    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, AwsSettings settings,
                                                                                           String service) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * As {@link #configure}, but for a dry run: requests go to {@code endpoint} (a {@link LoopbackEndpoint} in this
     * process), signed with fixed keys of no account: the client marshals, signs, sends over the URL-connection
     * client and unmarshals as the function's own does, and nothing leaves the machine.
     */
    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B dry(B builder, AwsSettings settings, URI endpoint) {
        return builder.region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADRYRUN00000000", "dry-run-keys-of-no-account")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint);
    }

    /**
     * Where the credentials come from, decided once per client:
     * <ul>
     *   <li>key variables in the process environment (Lambda without SnapStart): the SDK's
     *       {@link EnvironmentVariableCredentialsProvider};</li>
     *   <li>no key variables but {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (Lambda with SnapStart: the
     *       runtime hands out container credentials instead of key variables, so that a restored snapshot
     *       never holds expired keys; see "Working with SnapStart: credentials" in the Lambda guide):
     *       {@link ContainerCredentialsProvider}, which fetches and refreshes them from Lambda's endpoint.
     *       It is what the default chain would end on there, without first reading profile files;</li>
     *   <li>key variables in a local-run map ({@link Environment#useForLocalRun}, tests): those keys, as the
     *       process environment is deliberately not read there;</li>
     *   <li>nothing at all (a developer's machine): the SDK's default chain (profile, SSO...).</li>
     * </ul>
     */
    static AwsCredentialsProvider credentials(AwsSettings settings) {
        if (settings.hasCredentials()) {
            if (settings.processEnvironment()) return EnvironmentVariableCredentialsProvider.create();
            return StaticCredentialsProvider.create(settings.sessionToken().isEmpty()
                    ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                    : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
        }
        if (settings.containerCredentials()) return ContainerCredentialsProvider.builder().build();
        return DefaultCredentialsProvider.builder().build();
    }
}
