package dev.dftools.grammar.shell;

import org.eclipse.jdt.annotation.Nullable;

import dev.dftools.grammar.ast.SourceText;

/**
 * A here-document read from the shell text.
 *
 * @param delimiter  the delimiter with quotes removed
 * @param quoted     the delimiter was quoted, so the body is not expanded
 * @param stripTabs  {@code <<-}
 * @param body       the lines between the operator's line and the delimiter line (the
 *                   delimiter line excluded); null when the text ended on the operator's line
 *                   (a Dockerfile heredoc whose body the Dockerfile parser holds)
 * @param terminated whether the delimiter line was found
 */
public record Heredoc(String delimiter, boolean quoted, boolean stripTabs, @Nullable SourceText body,
        boolean terminated) {
}
