package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Analysis;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locates variable references ({@code $NAME}, {@code ${NAME…}}) in the source text of a word. */
final class VariableReferences {

    private VariableReferences() {
    }

    /**
     * The source range of the first unescaped reference to {@code name} inside {@code word}
     * ({@code $NAME} or the whole {@code ${NAME}} when it is that simple, else {@code ${NAME}),
     * or {@code word} itself when it cannot be found (e.g. split by a line continuation).
     */
    static SourceRange rangeOf(Analysis analysis, SourceRange word, String name) {
        String source = analysis.dockerfile().text();
        String text = source.substring(word.start().offset(), word.end().offset());
        char escape = analysis.dockerfile().escape();
        Matcher m = Pattern.compile("\\$(?:\\{" + Pattern.quote(name) + "(?![A-Za-z0-9_])\\}?|"
                + Pattern.quote(name) + "(?![A-Za-z0-9_]))").matcher(text);
        while (m.find()) {
            if (m.start() > 0 && text.charAt(m.start() - 1) == escape) {
                continue;
            }
            int from = word.start().offset() + m.start();
            int to = word.start().offset() + m.end();
            return analysis.dockerfile().lines().range(from, to);
        }
        return word;
    }

    /** True when a word refers to any variable (an unescaped {@code $} followed by a name or brace). */
    static boolean referencesVariable(String word) {
        return Pattern.compile("\\$[A-Za-z_{]").matcher(word).find();
    }
}
