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
 * sudo in a build: it needs a TTY/password setup, behaves unpredictably and hides which user runs
 * what. Switch with USER instead. No automatic fix: dropping {@code sudo} under a non-root USER
 * would break the command.
 */
@RuleInfo(code = "DF3502", slug = "sudo-in-run", severity = Severity.ERROR,
        summary = "A RUN uses sudo; switch users with USER instead.", aliases = {"DL3004"},
        tags = {"run", "shell", "security"})
public final class SudoInRun implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand command : ShellFacts.commandsNamed(analysis, run, "sudo")) {
            out.report(command.name().range(), "do not use `sudo` in a build: it has unpredictable TTY and signal"
                    + " behaviour; use USER to switch to root (and back) around the commands that need it");
        }
    }
}
