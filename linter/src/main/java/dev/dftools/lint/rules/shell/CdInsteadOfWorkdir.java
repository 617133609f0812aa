package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/**
 * {@code cd} in RUN only lasts for that RUN; WORKDIR states the directory once, for every later
 * instruction, and creates it. Like hadolint, every {@code cd} is reported (also in a subshell):
 * no automatic fix, as moving a {@code cd} into WORKDIR changes where later instructions run.
 */
@RuleInfo(code = "DF3501", slug = "cd-instead-of-workdir", severity = Severity.WARNING,
        summary = "A RUN changes directory with cd; use WORKDIR instead.", aliases = {"DL3003"},
        tags = {"run", "shell"})
public final class CdInsteadOfWorkdir implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand command : ShellFacts.commandsNamed(analysis, run, "cd")) {
            String target = command.operands().isEmpty() ? "" : " " + command.operands().get(0).raw();
            out.report(command.name().range(), "`cd" + target + "` lasts only for this RUN; use WORKDIR"
                    + target + " to set the directory for the instructions that follow");
        }
    }
}
