package dev.dftools.grammar.shell;

import java.util.List;

import dev.dftools.grammar.ast.SourceRange;

/**
 * {@code a && b || c}: two or more pipelines.
 *
 * @param operators {@code &&} or {@code ||} between the items (one fewer than items)
 */
public record AndOrList(List<ShellNode> items, List<ControlOperator> operators, SourceRange range)
        implements ShellNode {

    public AndOrList {
        items = List.copyOf(items);
        operators = List.copyOf(operators);
    }

    @Override
    public List<ShellNode> children() {
        return items;
    }
}
