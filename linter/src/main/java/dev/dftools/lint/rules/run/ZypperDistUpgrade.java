package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Set;

/**
 * {@code zypper dist-upgrade} moves the whole base system to whatever the repositories hold today:
 * the image changes from one build to the next. Use a newer base image, or {@code zypper update}
 * / {@code zypper patch} for fixes.
 */
@RuleInfo(code = "DF3035", slug = "zypper-dist-upgrade", severity = Severity.WARNING,
        summary = "zypper dist-upgrade in a Dockerfile makes the image depend on the day it is built.",
        aliases = {"DL3035"}, tags = {"packages", "zypper", "reproducibility"})
public final class ZypperDistUpgrade implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (!c.isNamed("zypper")) {
                continue;
            }
            Word sub = RpmCommands.subcommandIn(c, PackageManagers.ZYPPER_VALUE_FLAGS, Set.of("dist-upgrade", "dup"));
            if (sub != null) {
                out.report(CommandArgs.head(c, sub), "Do not run zypper " + sub.value() + " in a Dockerfile: use "
                        + "a newer base image instead, or 'zypper patch' for security fixes.");
            }
        }
    }
}
