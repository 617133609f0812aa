package dev.dftools.grammar.internal;

import java.util.List;
import java.util.Locale;

/** BuildKit's "unknown instruction" message, with its did-you-mean suggestion. */
final class UnknownInstruction {

    private static final List<String> KEYWORDS = List.of("add", "arg", "cmd", "copy", "entrypoint", "env",
            "expose", "from", "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal",
            "user", "volume", "workdir");

    private UnknownInstruction() {
    }

    static String message(String keyword) {
        String suggestion = suggest(keyword.toLowerCase(Locale.ROOT));
        String base = "unknown instruction: " + keyword;
        return suggestion == null ? base : base + " (did you mean " + suggestion.toUpperCase(Locale.ROOT) + "?)";
    }

    private static String suggest(String word) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KEYWORDS) {
            int d = distance(word, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        // like BuildKit's suggest package: only close matches are worth mentioning
        return bestDistance <= Math.max(1, Math.min(2, word.length() / 3)) ? best : null;
    }

    private static int distance(String a, String b) {
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
