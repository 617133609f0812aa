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
 * {@code apt-get install curl}: each package without a version ({@code curl=7.88.1-10}), a
 * release ({@code curl/bookworm-backports}) or a {@code .deb} file is reported on its own word.
 * Words built from variables are not judged: their value is only known at build time.
 */
@RuleInfo(code = "DF3008", slug = "apt-get-unpinned", severity = Severity.WARNING,
        summary = "A package in apt-get install has no pinned version.", aliases = {"DL3008"},
        tags = {"packages", "apt", "reproducibility"})
public final class AptGetUnpinned implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (PackageManagers.aptGetInstall(c) == null) {
                continue;
            }
            for (Word pkg : CommandArgs.packages(c, PackageManagers.APT_VALUE_FLAGS)) {
                String v = pkg.value();
                if (pkg.hasExpansion() || v.contains("=") || v.contains("/") || v.endsWith(".deb")) {
                    continue;
                }
                out.report(pkg.range(), "Pin the version of '" + v + "' in apt-get install ('" + v
                        + "=<version>'), so that a rebuild installs the same package.");
            }
        }
    }
}
