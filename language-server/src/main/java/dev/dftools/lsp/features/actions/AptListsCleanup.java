package dev.dftools.lsp.features.actions;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Fix;
import dev.dftools.lint.TextEdit;
import java.util.Optional;

/**
 * The fix for DF3009 (apt lists left in the layer), which the rule itself does not offer: append
 * {@code && rm -rf /var/lib/apt/lists/*} as the last command of the RUN (shell form, no heredoc).
 */
final class AptListsCleanup {

    static final String CODE = "DF3009";

    private AptListsCleanup() {
    }

    static Optional<Fix> fix(Dockerfile file, Finding finding) {
        for (Instruction instruction : file.instructions()) {
            if (instruction instanceof Instruction.Run run && run.range().containsRange(finding.range())
                    && run.command() instanceof Command.ShellForm shell && run.heredocs().isEmpty()) {
                int end = shell.range().end().offset();
                String text = file.text();
                while (end > shell.range().start().offset() && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                boolean multiLine = shell.range().startLine() != shell.range().endLine();
                String insert = multiLine ? " \\\n    && rm -rf /var/lib/apt/lists/*" : " && rm -rf /var/lib/apt/lists/*";
                if (file.escape() != '\\') {
                    insert = insert.replace('\\', file.escape());
                }
                return Optional.of(Fix.of("Remove the apt lists at the end of this RUN",
                        new TextEdit(file.lines().range(end, end), insert)));
            }
        }
        return Optional.empty();
    }
}
