package dev.dftools.grammar.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.dftools.grammar.ast.SourceRange;

/** A node of the shell syntax tree. */
public sealed interface ShellNode
        permits SimpleCommand, Pipeline, AndOrList, Subshell, BraceGroup, CompoundCommand, FunctionDefinition {

    SourceRange range();

    /** The nodes directly inside this one, in source order. */
    List<ShellNode> children();

    /** All simple commands in this node, in source order (this one, for a simple command). */
    default List<SimpleCommand> simpleCommands() {
        List<SimpleCommand> out = new ArrayList<>();
        // explicit stack: no recursion however deep the tree
        Deque<ShellNode> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            ShellNode node = stack.pop();
            if (node instanceof SimpleCommand command) {
                out.add(command);
            }
            List<ShellNode> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        return out;
    }
}
