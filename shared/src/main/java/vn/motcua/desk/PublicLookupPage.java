package vn.motcua.desk;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web app's public status page, where the receipt's QR code leads: the app is served at the
 * root of its origin, and the page reads {@code #tra-cuu?ma=<code>&bimat=<secret>} from the
 * fragment, which the browser never sends to a server (so the secret is in no access log).
 *
 * @param origin {@code scheme://host[:port]}, checked by {@link #at}
 */
public record PublicLookupPage(String origin) {

    /** A DNS name or IPv4 address, lower case, with an optional port. Nothing else may reach the link. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::(\\d{1,5}))?");

    public PublicLookupPage {
        if (!linkable(origin)) throw new IllegalArgumentException("not an origin a receipt may link to: " + origin);
    }

    /**
     * The page on this origin, if a citizen may be sent there: https, or plain http only on this
     * machine (the local run). Anything else is no page, so the receipt prints no QR code rather
     * than a wrong link.
     */
    public static Optional<PublicLookupPage> at(String scheme, String host) {
        if (scheme == null || host == null) return Optional.empty();
        String origin = scheme.strip().toLowerCase(Locale.ROOT) + "://" + host.strip().toLowerCase(Locale.ROOT);
        return linkable(origin) ? Optional.of(new PublicLookupPage(origin)) : Optional.empty();
    }

    /**
     * The page on the origin a staff request came to: the web app is served on the API's own origin, so
     * the origin the clerk's browser called is the one a citizen's phone can open. {@code host} with
     * {@code x-forwarded-proto} (a custom domain, and the local run's port), else
     * {@code requestContext.domainName} (API Gateway serves https only).
     */
    public static Optional<PublicLookupPage> from(vn.motcua.edge.HttpRequest request) {
        var host = request.header("host");
        var scheme = request.header("x-forwarded-proto");
        if (host.isPresent() && scheme.isPresent()) return at(scheme.get(), host.get());
        return request.domainName().isBlank() ? Optional.empty() : at("https", request.domainName());
    }

    private static boolean linkable(String origin) {
        int sep = origin == null ? -1 : origin.indexOf("://");
        if (sep < 0) return false;
        String scheme = origin.substring(0, sep);
        String host = origin.substring(sep + 3);
        var m = HOST.matcher(host);
        if (!m.matches()) return false;
        if (m.group(1) != null) {
            int port = Integer.parseInt(m.group(1));
            if (port < 1 || port > 65535) return false;
        }
        String name = m.group(1) == null ? host : host.substring(0, host.lastIndexOf(':'));
        boolean loopback = name.equals("localhost") || name.equals("127.0.0.1");
        return scheme.equals("https") || (scheme.equals("http") && loopback);
    }

    /**
     * The link that opens the page with both fields filled in; each value is encoded as the web
     * app's {@code encodeURIComponent} would, so the page reads back exactly what was printed.
     */
    public String link(String code, String secret) {
        return origin + "/#tra-cuu?ma=" + uriComponent(code) + "&bimat=" + uriComponent(secret);
    }

    /** The page with the code filled in, for a notice: the citizen types the secret from the printed receipt. */
    public String link(String code) {
        return origin + "/#tra-cuu?ma=" + uriComponent(code);
    }

    /** JavaScript's encodeURIComponent: UTF-8, everything but {@code A-Za-z0-9-_.!~*'()} escaped. */
    static String uriComponent(String value) {
        var out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
