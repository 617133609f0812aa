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
 * Interactive or host-management commands in RUN: a build step has no terminal, no init system
 * and no other processes to look at, so these do nothing useful (or hang the build).
 */
@RuleInfo(code = "DF3500", slug = "pointless-command-in-container", severity = Severity.INFO,
        summary = "A RUN calls a command that makes no sense during an image build (ssh, vim, top, service, ...).",
        aliases = {"DL3001"}, tags = {"run", "shell"})
public final class PointlessCommand implements InstructionRule, StageLocal {

    private static final String[] COMMANDS = {"free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top",
        "vim"};

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand command : ShellFacts.commandsNamed(analysis, run, COMMANDS)) {
            out.report(command.name().range(), "`" + ShellFacts.baseName(command)
                    + "` makes no sense in an image build: there is no terminal, init system or running service"
                    + " to act on");
        }
    }
}
