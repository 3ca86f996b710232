package vn.motcua.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every SDK client needs, read from the environment once: the region, the credentials Lambda
 * provides as variables, and the endpoint overrides ({@code AWS_ENDPOINT_URL_<SERVICE>}, else
 * {@code AWS_ENDPOINT_URL}) that point the same code at LocalStack or the local emulators.
 *
 * <p>Plain strings only, no SDK types, so that reading the settings never loads an SDK class.
 *
 * @param sessionToken empty when the credentials are long-lived (local emulators)
 * @param accessKeyId empty when the environment carries no credentials: under SnapStart (Lambda then gives
 *                    container credentials) or on a developer's machine (the SDK's default chain)
 * @param processEnvironment whether these come from the process environment (Lambda) rather than a
 *                    variable map (the local runner's per-function environment, tests)
 * @param containerCredentials whether {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} is set: Lambda's
 *                    credentials endpoint, which SnapStart functions get instead of key variables
 */
public record AwsSettings(String region, String accessKeyId, String secretAccessKey, String sessionToken,
                          Map<String, URI> endpoints, boolean processEnvironment, boolean containerCredentials) {

    /** The service ids used in {@code AWS_ENDPOINT_URL_<ID>}, as the SDK spells them. */
    public static final String DYNAMODB = "DYNAMODB", S3 = "S3", SQS = "SQS", SESV2 = "SESV2", SSM = "SSM", SNS = "SNS",
            COGNITO_IDENTITY_PROVIDER = "COGNITO_IDENTITY_PROVIDER";

    public AwsSettings {
        endpoints = Map.copyOf(endpoints);
    }

    /** From {@link Environment}: the process environment on Lambda, the runner's map in a local run. */
    public static AwsSettings fromEnvironment() {
        return read(Environment::get, Environment.isProcessEnvironment());
    }

    /** From an explicit variable map, as a function would see it (the local stack and tests use this). */
    public static AwsSettings from(Map<String, String> variables) {
        return read(name -> Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank()), false);
    }

    private static AwsSettings read(Function<String, Optional<String>> env, boolean process) {
        String region = env.apply("AWS_REGION").or(() -> env.apply("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> new IllegalStateException(
                        "Environment variable AWS_REGION is not set: Lambda always sets it; a local run must too"));
        String accessKey = env.apply("AWS_ACCESS_KEY_ID").orElse("");
        String secretKey = env.apply("AWS_SECRET_ACCESS_KEY").orElse("");
        if (!accessKey.isEmpty() && secretKey.isEmpty()) {
            throw new IllegalStateException("Environment variable AWS_SECRET_ACCESS_KEY is not set, but AWS_ACCESS_KEY_ID is");
        }
        var endpoints = new java.util.HashMap<String, URI>();
        Optional<String> generic = env.apply("AWS_ENDPOINT_URL");
        for (String service : new String[] {DYNAMODB, S3, SQS, SESV2, SSM, SNS, COGNITO_IDENTITY_PROVIDER}) {
            String variable = "AWS_ENDPOINT_URL_" + service;
            Optional<String> specific = env.apply(variable);
            String name = specific.isPresent() ? variable : "AWS_ENDPOINT_URL";
            specific.or(() -> generic).ifPresent(url -> endpoints.put(service, uri(name, url)));
        }
        return new AwsSettings(region, accessKey, secretKey, env.apply("AWS_SESSION_TOKEN").orElse(""), endpoints, process,
                env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent());
    }

    private static URI uri(String variable, String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) throw new URISyntaxException(value, "no scheme or host");
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Environment variable " + variable + " is not a URL: '" + value + "'");
        }
    }

    /** The endpoint override for a service id ({@link #DYNAMODB}, ...), if any. */
    public Optional<URI> endpoint(String service) {
        return Optional.ofNullable(endpoints.get(service.toUpperCase(Locale.ROOT)));
    }

    public boolean hasCredentials() {
        return !accessKeyId.isEmpty();
    }

    @Override
    public String toString() {
        // never print the secret or the token
        return "AwsSettings[region=" + region + ", accessKeyId=" + accessKeyId
                + (sessionToken.isEmpty() ? "" : ", sessionToken=***") + ", endpoints=" + endpoints + "]";
    }
}
