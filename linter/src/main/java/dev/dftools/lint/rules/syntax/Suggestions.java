package dev.dftools.lint.rules.syntax;

import java.util.Collection;
import java.util.Optional;

/**
 * BuildKit's "did you mean" helper (util/suggest): the closest option within an edit distance
 * below 3, none when the value is itself an option.
 */
public final class Suggestions {

    private Suggestions() {
    }

    public static Optional<String> closest(String value, Collection<String> options) {
        String match = null;
        int best = 3;
        for (String option : options) {
            if (option.equals(value)) {
                return Optional.empty();
            }
            int d = distance(value, option);
            if (d < best) {
                best = d;
                match = option;
            }
        }
        return Optional.ofNullable(match);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
