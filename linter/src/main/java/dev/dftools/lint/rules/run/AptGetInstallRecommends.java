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

/** {@code apt-get install} also installs every recommended package unless told not to. */
@RuleInfo(code = "DF3015", slug = "apt-get-install-recommends", severity = Severity.INFO,
        summary = "apt-get install without --no-install-recommends pulls in packages nobody asked for.",
        aliases = {"DL3015"}, tags = {"packages", "apt", "image-size"})
public final class AptGetInstallRecommends implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            Word install = PackageManagers.aptGetInstall(c);
            if (install == null || c.hasFlag("--no-install-recommends")
                    || c.argValues().stream().anyMatch(a -> a.matches("(?i)APT::Install-Recommends=\"?(false|0|no)\"?"))) {
                continue;
            }
            out.report(CommandArgs.head(c, install), "Add --no-install-recommends to apt-get install: "
                    + "recommended packages are rarely needed in an image and make it bigger.",
                    CommandArgs.insertAfter(install, "--no-install-recommends", "Add --no-install-recommends"));
        }
    }
}
