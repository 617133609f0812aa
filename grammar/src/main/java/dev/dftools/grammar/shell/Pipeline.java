package dev.dftools.grammar.shell;

import java.util.List;

import dev.dftools.grammar.ast.SourceRange;

/**
 * {@code a | b | c}, or {@code ! a}. A lone command without {@code !} is not wrapped.
 *
 * @param operators {@code |} or {@code |&} between the commands (one fewer than commands)
 */
public record Pipeline(List<ShellNode> commands, List<ControlOperator> operators, boolean negated,
        SourceRange range) implements ShellNode {

    public Pipeline {
        commands = List.copyOf(commands);
        operators = List.copyOf(operators);
    }

    @Override
    public List<ShellNode> children() {
        return commands;
    }
}
