package dev.dftools.grammar.shell;

import java.util.List;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceText;

/** Parses POSIX sh (with the bash bits common in Dockerfiles) into a {@link ShellScript}. */
public final class ShellParser {

    private ShellParser() {
    }

    /**
     * Parses a RUN body (a logical line, or a heredoc body). Never throws: problems are in
     * {@link ShellScript#errors()} and the commands are best effort. Linear in the text's size.
     */
    public static ShellScript parse(SourceText text) {
        try {
            return ModelBuilder.build(text);
        } catch (RuntimeException | StackOverflowError e) {
            // a bug must not take the linter or the editor down; report it as a problem
            return new ShellScript(text, List.of(), List.of(),
                    List.of(new ShellSyntaxError("internal shell parser error: " + e, text.range(0, 0))));
        }
    }

    /** Parses a standalone script, whose offsets are its own. */
    public static ShellScript parse(String script) {
        return parse(SourceText.contiguous(script, 0, script.length(), LineIndex.of(script)));
    }
}
