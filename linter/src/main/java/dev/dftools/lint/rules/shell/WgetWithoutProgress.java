package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;

/**
 * wget's default progress bar, without a terminal, prints a line per few kilobytes: megabytes of
 * build log. Any of the options that set the progress style or silence/redirect the log is fine.
 */
@RuleInfo(code = "DF3504", slug = "wget-without-progress", severity = Severity.INFO,
        summary = "wget without a progress option floods the build log.", aliases = {"DL3047"},
        tags = {"run", "shell"})
public final class WgetWithoutProgress implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand command : ShellFacts.commandsNamed(analysis, run, "wget")) {
            if (command.hasFlag("--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a",
                    "--append-output")) {
                continue;
            }
            SourceRange name = command.name().range();
            out.report(name, "`wget` without --progress, -q or -nv fills the build log with its progress bar;"
                    + " use `wget --progress=dot:giga`",
                    Fix.of("Add --progress=dot:giga", new TextEdit(new SourceRange(name.end(), name.end()),
                            " --progress=dot:giga")));
        }
    }
}
