package dev.dftools.grammar.shell;

import java.util.List;

import dev.dftools.grammar.ast.SourceRange;

/** {@code { list; }}: runs in the current shell. */
public record BraceGroup(List<ShellNode> body, List<Redirect> redirects, SourceRange range) implements ShellNode {

    public BraceGroup {
        body = List.copyOf(body);
        redirects = List.copyOf(redirects);
    }

    @Override
    public List<ShellNode> children() {
        return body;
    }
}
