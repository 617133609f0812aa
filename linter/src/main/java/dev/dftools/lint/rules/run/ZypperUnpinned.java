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

/**
 * {@code zypper install tomcat}: each package needs a version constraint ({@code tomcat=9.0.87},
 * {@code 'tomcat>=9'}) or must be an {@code .rpm} file.
 */
@RuleInfo(code = "DF3037", slug = "zypper-unpinned", severity = Severity.WARNING,
        summary = "A package in zypper install has no pinned version.", aliases = {"DL3037"},
        tags = {"packages", "zypper", "reproducibility"})
public final class ZypperUnpinned implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (!c.isNamed("zypper") || RpmCommands.subcommandIn(c, PackageManagers.ZYPPER_VALUE_FLAGS,
                    ZypperCacheNotCleaned.INSTALLS) == null) {
                continue;
            }
            for (Word pkg : CommandArgs.packages(c, PackageManagers.ZYPPER_VALUE_FLAGS)) {
                String v = pkg.value();
                if (pkg.hasExpansion() || v.contains("=") || v.contains(">") || v.contains("<") || v.endsWith(".rpm")
                        || v.contains("/")) {
                    continue;
                }
                out.report(pkg.range(), "Pin the version of '" + v + "' in zypper install ('" + v
                        + "=<version>'), so that a rebuild installs the same package.");
            }
        }
    }
}
