package dev.dftools.grammar.shell;

import java.util.ArrayList;
import java.util.List;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;

/**
 * A parsed RUN body.
 *
 * @param text     what was parsed
 * @param body     the top-level list, as a tree
 * @param commands every simple command, nested ones included, in source order (commands
 *                 inside {@code $(...)} and backquotes are not parsed)
 * @param errors   syntax problems, in source order; the model is best effort when not empty
 */
public record ShellScript(SourceText text, List<ShellNode> body, List<SimpleCommand> commands,
        List<ShellSyntaxError> errors) {

    public ShellScript {
        body = List.copyOf(body);
        commands = List.copyOf(commands);
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public SourceRange range() {
        return text.range();
    }

    /** The simple commands whose name is one of {@code names} (see {@link SimpleCommand#isNamed}). */
    public List<SimpleCommand> commandsNamed(String... names) {
        List<SimpleCommand> out = new ArrayList<>();
        for (SimpleCommand c : commands) {
            if (c.isNamed(names)) {
                out.add(c);
            }
        }
        return out;
    }
}
