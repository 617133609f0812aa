package dev.dftools.grammar;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SyntaxError;
import dev.dftools.grammar.internal.DockerfileParsing;
import java.util.List;

/** Entry point: parse a Dockerfile into the typed AST. */
public final class Dockerfiles {

    private Dockerfiles() {
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
