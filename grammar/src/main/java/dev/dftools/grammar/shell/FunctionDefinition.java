package dev.dftools.grammar.shell;

import java.util.List;

import dev.dftools.grammar.ast.SourceRange;

/** {@code name() compound-command}. */
public record FunctionDefinition(Word name, ShellNode body, SourceRange range) implements ShellNode {

    @Override
    public List<ShellNode> children() {
        return List.of(body);
    }
}
