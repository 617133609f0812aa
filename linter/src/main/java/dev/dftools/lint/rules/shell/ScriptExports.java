package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.Suggestions;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code export NAME=1} lines put before a RUN's script for ShellCheck: the ARG and ENV
 * variables in scope that can change what ShellCheck says about this script. ShellCheck's time
 * grows with the square of the assignments it is given: a 2,000-line chain of stages, where every
 * stage inherits every variable before it, took a minute with all of them and takes a second with
 * these.
 * <p>
 * A variable matters when the script names it (SC2154 and kin), or when it is what ShellCheck may
 * suggest for a name the script uses but nothing assigns (SC2153 "did you mean", the SC2154 tip):
 * ShellCheck suggests an assigned name that differs only in case or is at most two edits away.
 * Every identifier-like word of the script that is not a variable in scope counts as such a use
 * (arithmetic reads names without {@code $}), so the kept set is a superset of what matters, in
 * the original order, and ShellCheck's findings are the same as with every variable.
 */
final class ScriptExports {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** ShellCheck's largest edit distance for a suggestion. */
    private static final int MAX_SUGGESTION_DISTANCE = 2;

    private ScriptExports() {
    }

    static String of(Set<String> vars, String script) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(script);
        while (m.find()) {
            if (!vars.contains(m.group())) {
                words.add(m.group()); // a variable in scope is assigned: ShellCheck suggests nothing for it
            }
        }
        StringBuilder exports = new StringBuilder();
        for (String v : vars) {
            if (script.contains(v) || words.stream().anyMatch(w -> mayBeSuggestedFor(v, w))) {
                exports.append("export ").append(v).append("=1\n");
            }
        }
        return exports.toString();
    }

    private static boolean mayBeSuggestedFor(String var, String word) {
        return Math.abs(var.length() - word.length()) <= MAX_SUGGESTION_DISTANCE
                && (var.toLowerCase(Locale.ROOT).equals(word.toLowerCase(Locale.ROOT))
                        || Suggestions.distance(var, word) <= MAX_SUGGESTION_DISTANCE);
    }
}
