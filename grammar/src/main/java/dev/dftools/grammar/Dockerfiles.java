package dev.dftools.grammar;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SyntaxError;
import dev.dftools.grammar.internal.DockerfileParsing;
import dev.dftools.grammar.internal.DockerfileReparse;
import java.util.List;

/** Entry point: parse a Dockerfile into the typed AST. */
public final class Dockerfiles {

    private Dockerfiles() {
    }

    /**
     * Parses a new version of a document whose previous version's parse is {@code previous}: the
     * result equals {@link #parse(String) parse(text)}, but only the stages the edit touched are
     * parsed again (an editor's keystroke in a long file). Never throws.
     */
    public static Dockerfile reparse(Dockerfile previous, String text) {
        try {
            return DockerfileReparse.parse(previous, text);
        } catch (RuntimeException | StackOverflowError e) {
            return parse(text); // reusing the old parse went wrong: the full parse reports what it finds
        }
    }

    /**
     * Parses Dockerfile text. Never throws: problems come back as {@link Dockerfile#errors()},
     * a broken line becomes an {@code Instruction.Invalid} and the rest is parsed as usual.
     */
    public static Dockerfile parse(String text) {
        try {
            return DockerfileParsing.parse(text);
        } catch (RuntimeException | StackOverflowError e) {
            // A parser bug must not take an editor or a CI run down with it: report it as an error.
            LineIndex lines = LineIndex.of(text);
            SyntaxError error = new SyntaxError("internal parser error: " + e, lines.range(0, 0));
            return new Dockerfile(text, lines, '\\', List.of(), List.of(), List.of(), List.of(error));
        }
    }
}
