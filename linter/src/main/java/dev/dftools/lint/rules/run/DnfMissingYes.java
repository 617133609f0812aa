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

/** {@code dnf install} (or microdnf, dnf5) without {@code -y} waits for a confirmation a build cannot give. */
@RuleInfo(code = "DF3038", slug = "dnf-missing-yes", severity = Severity.WARNING,
        summary = "dnf install without -y waits for a confirmation that never comes.", aliases = {"DL3038"},
        tags = {"packages", "dnf"})
public final class DnfMissingYes implements InstructionRule, StageLocal {

    static final String[] TOOLS = {"dnf", "dnf5", "microdnf"};

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (!c.isNamed(TOOLS)) {
                continue;
            }
            Word sub = RpmCommands.subcommandIn(c, PackageManagers.RPM_VALUE_FLAGS, YumMissingYes.INSTALLS);
            if (sub != null && !c.hasFlag("-y", "--assumeyes")) {
                out.report(CommandArgs.head(c, sub), "Add -y to " + c.nameValue() + " " + sub.value()
                        + ": the build cannot answer its confirmation prompt.",
                        CommandArgs.insertAfter(sub, "-y", "Add -y"));
            }
        }
    }
}
