package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceText;
import dev.dftools.grammar.shell.FunctionDefinition;
import dev.dftools.grammar.shell.ShellNode;
import dev.dftools.grammar.shell.ShellScript;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Subshell;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Fix;
import dev.dftools.lint.TextEdit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Merges consecutive shell-form RUNs into one, joined by {@code && \} continuations; each
 * command's text is kept, comment lines between the RUNs stay (BuildKit drops comment lines
 * inside a continuation), blank lines go. Only offered when it cannot change what runs: every RUN
 * but the last must parse cleanly, end with its last command (no trailing {@code &}, {@code ;} or
 * {@code # comment}) and not change the shell's state for the commands that would follow it
 * ({@code cd}, {@code export}, {@code set}, assignments, functions, {@code exit}, ...).
 */
final class RunMerge {

    private static final String[] STATEFUL = {"cd", "pushd", "popd", "export", "set", "source", ".", "umask",
        "unset", "alias", "shopt", "exit", "exec", "return", "declare", "typeset", "readonly", "local", "trap",
        "ulimit", "eval", "shift"};

    private RunMerge() {
    }

    /** The fix merging {@code runs} (in file order, all plain shell form), or null when not safe. */
    static @Nullable Fix merge(Analysis analysis, List<Instruction.Run> runs, String description) {
        for (int i = 0; i < runs.size(); i++) {
            Instruction.Run run = runs.get(i);
            if (!ShellFacts.isPlainShellForm(run)) {
                return null;
            }
            ShellScript script = analysis.shell(source(run));
            if (script.hasErrors() || script.body().isEmpty()) {
                return null;
            }
            if (i < runs.size() - 1 && (!endsWithLastCommand(script) || changesState(script))) {
                return null;
            }
        }
        String text = analysis.dockerfile().text();
        char escape = analysis.dockerfile().escape();
        List<TextEdit> edits = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            int prevEnd = scriptEnd(source(runs.get(i - 1)));
            int nextStart = source(runs.get(i)).sourceOffset(0);
            StringBuilder replacement = new StringBuilder(" && ").append(escape).append('\n');
            String[] gapLines = text.substring(prevEnd, nextStart).split("\n", -1);
            for (int k = 1; k < gapLines.length - 1; k++) {
                if (gapLines[k].strip().startsWith("#")) {
                    replacement.append(gapLines[k]).append('\n');
                }
            }
            replacement.append("    ");
            edits.add(new TextEdit(analysis.dockerfile().lines().range(prevEnd, nextStart), replacement.toString()));
        }
        return new Fix(description, edits);
    }

    private static SourceText source(Instruction.Run run) {
        return ((Command.ShellForm) run.command()).source();
    }

    /** Source offset just after the last non-blank char of the script. */
    private static int scriptEnd(SourceText source) {
        String s = source.text();
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? source.sourceOffset(0) : source.sourceOffset(end - 1) + 1;
    }

    private static boolean endsWithLastCommand(ShellScript script) {
        ShellNode last = script.body().get(script.body().size() - 1);
        return last.range().end().offset() == scriptEnd(script.text());
    }

    /** Whether a command outside any subshell changes the shell state later commands would see. */
    private static boolean changesState(ShellScript script) {
        Deque<ShellNode> stack = new ArrayDeque<>(script.body());
        while (!stack.isEmpty()) {
            ShellNode node = stack.pop();
            if (node instanceof Subshell) {
                continue;
            }
            if (node instanceof FunctionDefinition) {
                return true;
            }
            if (node instanceof SimpleCommand c
                    && (c.isNamed(STATEFUL) || c.name() == null && !c.assignments().isEmpty())) {
                return true;
            }
            stack.addAll(node.children());
        }
        return false;
    }
}
