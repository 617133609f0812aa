package dev.dftools.grammar.shell;

import java.util.List;

import dev.dftools.grammar.ast.SourceRange;

/** {@code ( list )}: runs in a child shell, so {@code cd} inside does not leak out. */
public record Subshell(List<ShellNode> body, List<Redirect> redirects, SourceRange range) implements ShellNode {

    public Subshell {
        body = List.copyOf(body);
        redirects = List.copyOf(redirects);
    }

    @Override
    public List<ShellNode> children() {
        return body;
    }
}
