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

/** {@code yum install} without {@code -y} waits for a confirmation that a build cannot give. */
@RuleInfo(code = "DF3030", slug = "yum-missing-yes", severity = Severity.WARNING,
        summary = "yum install without -y waits for a confirmation that never comes.", aliases = {"DL3030"},
        tags = {"packages", "yum"})
public final class YumMissingYes implements InstructionRule, StageLocal {

    static final Set<String> INSTALLS = Set.of("install", "groupinstall", "localinstall");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (!c.isNamed("yum")) {
                continue;
            }
            Word sub = RpmCommands.subcommandIn(c, PackageManagers.RPM_VALUE_FLAGS, INSTALLS);
            if (sub != null && !c.hasFlag("-y", "--assumeyes")) {
                out.report(CommandArgs.head(c, sub), "Add -y to yum " + sub.value() + ": the build cannot answer "
                        + "its confirmation prompt.", CommandArgs.insertAfter(sub, "-y", "Add -y"));
            }
        }
    }
}
