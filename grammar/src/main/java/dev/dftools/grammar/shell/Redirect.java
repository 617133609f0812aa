package dev.dftools.grammar.shell;

import org.eclipse.jdt.annotation.Nullable;

import dev.dftools.grammar.ast.SourceRange;

/**
 * A redirection such as {@code 2>&1}, {@code >/dev/null}, {@code <<EOF}.
 *
 * @param fd       the explicit descriptor ({@code 2} in {@code 2>}), or -1
 * @param target   the word after the operator (the delimiter for a here-document); null if
 *                 missing
 * @param heredoc  the here-document, for {@code <<} and {@code <<-}
 * @param range    operator and target (a here-document body is not included)
 */
public record Redirect(int fd, RedirectOperator operator, @Nullable Word target, @Nullable Heredoc heredoc,
        SourceRange range) {
}
