package vn.motcua.local.template;

import java.util.Collection;
import java.util.Locale;

/** Small text helpers for the validator's messages. */
final class Text {

    private Text() {}

    /** {@code " (did you mean 'X'?)"} when one candidate is a near miss of {@code name}, else nothing. */
    static String didYouMean(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Math.max(2, name.length() / 4) + 1;
        for (String candidate : candidates) {
            int d = candidate.equalsIgnoreCase(name) ? 0 : distance(candidate.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null && name.length() >= 4) {
            // a shortened name (JwtConfig for JwtConfiguration)
            String lower = name.toLowerCase(Locale.ROOT);
            best = candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(lower)).findFirst().orElse(null);
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
