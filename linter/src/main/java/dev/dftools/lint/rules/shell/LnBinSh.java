package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/**
 * Relinking /bin/sh to change the shell RUN uses changes it for every program in the image too;
 * the SHELL instruction changes it for the build only, visibly.
 */
@RuleInfo(code = "DF3506", slug = "ln-bin-sh", severity = Severity.WARNING,
        summary = "A RUN relinks /bin/sh; use the SHELL instruction to change the shell.", aliases = {"DL4005"},
        tags = {"run", "shell"})
public final class LnBinSh implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand command : ShellFacts.commandsNamed(analysis, run, "ln")) {
            for (Word arg : command.args()) {
                if (arg.is("/bin/sh")) {
                    out.report(arg.range(), "`ln` replaces /bin/sh for every program in the image; to change the"
                            + " shell RUN uses, write SHELL [\"/bin/bash\", \"-c\"] instead");
                    break;
                }
            }
        }
    }
}
