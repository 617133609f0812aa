package dev.dftools.grammar.shell;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.dftools.grammar.ast.SourceRange;

/**
 * {@code if}, {@code for}, {@code while}, {@code until} or {@code case}.
 *
 * @param subject the loop variable of {@code for}, the word of {@code case}; null otherwise
 * @param words   the list after {@code for x in}, or all patterns of a {@code case}
 * @param body    every command list inside (conditions, branches, loop bodies, case items)
 *                flattened in source order
 */
public record CompoundCommand(Kind kind, @Nullable Word subject, List<Word> words, List<ShellNode> body,
        List<Redirect> redirects, SourceRange range) implements ShellNode {

    public enum Kind { IF, FOR, WHILE, UNTIL, CASE }

    public CompoundCommand {
        words = List.copyOf(words);
        body = List.copyOf(body);
        redirects = List.copyOf(redirects);
    }

    @Override
    public List<ShellNode> children() {
        return body;
    }
}
