package vn.motcua.functions.webapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.aws.Environment;
import vn.motcua.edge.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the web app's answers say about where it runs, from the function's environment: {@code config.json}
 * (how the page signs in) and the Content-Security-Policy of every answer (scripts and styles from the app's
 * origin only, no inline script, no inline style but the receipt's own style element, by its hash; calls to
 * the app's origin, the sign-in service and the documents bucket only).
 */
final class WebAppSettings {

    private WebAppSettings() {}

    /** Read through {@link Environment}, which the local runner gives each function its own of. */
    static Map<String, String> environment() {
        var env = new java.util.HashMap<String, String>();
        for (String name : List.of("AWS_REGION", "STAFF_USER_POOL_CLIENT_ID", "DOCUMENTS_BUCKET", "AWS_ENDPOINT_URL_S3",
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL")) {
            Environment.get(name).ifPresent(v -> env.put(name, v));
        }
        return env;
    }

    /**
     * The receipt (form 01, {@code templates/forms/form-01.mustache} of shared) is shown in a sandboxed
     * {@code srcdoc} frame, which lives under this page's policy: its one style element is allowed by
     * its hash, computed from the template itself so that an operator's change to the layout follows.
     */
    static String receiptStyleHash() {
        return styleHash("templates/forms/form-01.mustache").orElseThrow(() ->
                new IllegalStateException("templates/forms/form-01.mustache is not on the class path (shared's jar)"));
    }

    /** The style hashes of every printed form's template (form-01 to form-07, those there are), for the frames that show them. */
    static String formStyleHashes() {
        var hashes = new java.util.ArrayList<String>();
        for (int n = 1; n <= 7; n++) styleHash("templates/forms/form-0" + n + ".mustache").ifPresent(hashes::add);
        return String.join(" ", hashes);
    }

    private static Optional<String> styleHash(String resource) {
        String template;
        try (InputStream in = WebAppSettings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int open = template.indexOf("<style>");
        int close = template.indexOf("</style>");
        if (open < 0 || close < open || template.indexOf("<style", open + 1) >= 0 && template.indexOf("<style", open + 1) < close) {
            throw new IllegalStateException(resource + " must hold one <style> element");
        }
        if (template.substring(open, close).contains("{{")) {
            throw new IllegalStateException("the <style> element of " + resource + " must be static text: its hash is the page's policy");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(template.substring(open + "<style>".length(), close)
                    .getBytes(StandardCharsets.UTF_8));
            return Optional.of("'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Content-Security-Policy of every answer. */
    static String contentSecurityPolicy(Map<String, String> env, String receiptStyle) {
        var connect = new StringBuilder("'self' ").append(cognitoOrigin(env));
        bucketOrigin(env).filter(origin -> !origin.equals(cognitoOrigin(env))).ifPresent(origin -> connect.append(' ').append(origin));
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self' " + receiptStyle,
                "img-src 'self'",
                "font-src 'self'",
                "connect-src " + connect,
                "form-action 'self'",
                "base-uri 'none'",
                "frame-ancestors 'none'");
    }

    /**
     * Where the browser uploads scans to (presigned PUT): the endpoint override locally, else the bucket's
     * own host as the functions address it (vn.motcua.aws.S3Address: the bucket in the host name when the
     * name allows it over HTTPS, else the regional endpoint).
     */
    static Optional<String> bucketOrigin(Map<String, String> env) {
        var override = endpointOverride(env, "AWS_ENDPOINT_URL_S3");
        if (override.isPresent()) return override;
        String bucket = env.get("DOCUMENTS_BUCKET");
        if (bucket == null || bucket.isBlank()) return Optional.empty();
        String region = require(env, "AWS_REGION");
        return Optional.of(bucket.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")
                ? "https://" + bucket + ".s3." + region + ".amazonaws.com" : "https://s3." + region + ".amazonaws.com");
    }

    /** The Cognito endpoint the page calls (InitiateAuth, ...): the override's origin, else the region's. */
    static String cognitoOrigin(Map<String, String> env) {
        return endpointOverride(env, "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
                .orElseGet(() -> "https://cognito-idp." + require(env, "AWS_REGION") + ".amazonaws.com");
    }

    private static Optional<String> endpointOverride(Map<String, String> env, String variable) {
        String override = env.getOrDefault(variable, env.get("AWS_ENDPOINT_URL"));
        if (override == null || override.isBlank()) return Optional.empty();
        URI uri = URI.create(override.trim());
        return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    static ObjectNode config(Map<String, String> env) {
        ObjectNode config = Json.object();
        config.put("region", require(env, "AWS_REGION"));
        config.put("clientId", require(env, "STAFF_USER_POOL_CLIENT_ID"));
        config.put("cognitoEndpoint", cognitoOrigin(env) + "/");
        return config;
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
        return value;
    }
}
