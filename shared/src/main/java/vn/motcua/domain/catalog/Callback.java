package vn.motcua.domain.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how the dispatcher delivers a routed dossier to a department's own system. The
 * signing secret itself never sits in the catalog: only the NAME of the parameter that holds it
 * (an SSM parameter or Secrets Manager name), read at run time by the dispatcher.
 */
public record Callback(URI url, String signingSecretParameter, Duration timeout, int maxAttempts) {

    /** Parameter names as SSM accepts them: letters, digits and {@code _ . - /}. */
    public static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_./-]{1,1011}");
    public static final int MAX_TIMEOUT_SECONDS = 30;
    public static final int MAX_ATTEMPTS = 20;

    /** Plain HTTP only to this machine: the local stack's fake departments. */
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public Callback {
        var problem = urlProblem(url);
        if (problem != null) throw new IllegalArgumentException(problem);
        if (signingSecretParameter == null || !PARAMETER_NAME.matcher(signingSecretParameter).matches()) {
            throw new IllegalArgumentException("not a parameter name: " + signingSecretParameter);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()
                || timeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
            throw new IllegalArgumentException("timeout must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds: " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("max attempts must be between 1 and " + MAX_ATTEMPTS + ": " + maxAttempts);
        }
    }

    /** Why a URL cannot be a callback, or null when it can. */
    public static String urlProblem(URI url) {
        if (url == null || !url.isAbsolute() || url.getHost() == null) return "expected an absolute URL with a host";
        var scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) return null;
        if (scheme.equals("http") && LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT))) return null;
        return "must be https (plain http only to localhost), got " + url;
    }
}
