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
 * zypper's install, remove, source-install and patch ask for confirmation unless run with
 * {@code --non-interactive} (global, {@code -n}) or {@code -y}/{@code --no-confirm}. The fix adds
 * the global flag right after {@code zypper}.
 */
@RuleInfo(code = "DF3034", slug = "zypper-missing-non-interactive", severity = Severity.WARNING,
        summary = "zypper without --non-interactive waits for a confirmation that never comes.",
        aliases = {"DL3034"}, tags = {"packages", "zypper"})
public final class ZypperMissingNonInteractive implements InstructionRule, StageLocal {

    private static final Set<String> ASKING = Set.of("install", "in", "remove", "rm", "source-install", "si",
            "patch");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            Word name = c.name();
            if (name == null || !c.isNamed("zypper")) {
                continue;
            }
            Word sub = RpmCommands.subcommandIn(c, PackageManagers.ZYPPER_VALUE_FLAGS, ASKING);
            if (sub != null && !c.hasFlag("-n", "--non-interactive", "-y", "--no-confirm")) {
                out.report(CommandArgs.head(c, sub), "Add --non-interactive to zypper " + sub.value()
                        + ": the build cannot answer its confirmation prompt.",
                        CommandArgs.insertAfter(name, "--non-interactive", "Add --non-interactive"));
            }
        }
    }
}
