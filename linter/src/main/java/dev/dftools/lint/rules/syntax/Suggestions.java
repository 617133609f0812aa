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
            int d = dev.dftools.grammar.Suggestions.distance(value, option);
            if (d < best) {
                best = d;
                match = option;
            }
        }
        return Optional.ofNullable(match);
    }

}
