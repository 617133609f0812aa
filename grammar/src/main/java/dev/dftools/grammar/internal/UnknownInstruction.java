package dev.dftools.grammar.internal;

import dev.dftools.grammar.Suggestions;
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
            int d = Suggestions.distance(word, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        // like BuildKit's suggest package: only close matches are worth mentioning
        return bestDistance <= Math.max(1, Math.min(2, word.length() / 3)) ? best : null;
    }

}
