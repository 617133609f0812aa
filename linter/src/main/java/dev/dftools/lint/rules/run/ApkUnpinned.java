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
 * {@code apk add curl}: each package needs a version constraint ({@code curl=8.5.0-r0},
 * {@code curl~8.5}, {@code curl>=8}) or must be an {@code .apk} file. The name given to
 * {@code --virtual} is not a package.
 */
@RuleInfo(code = "DF3018", slug = "apk-unpinned", severity = Severity.WARNING,
        summary = "A package in apk add has no pinned version.", aliases = {"DL3018"},
        tags = {"packages", "apk", "alpine", "reproducibility"})
public final class ApkUnpinned implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (PackageManagers.apkAdd(c) == null) {
                continue;
            }
            for (Word pkg : CommandArgs.packages(c, PackageManagers.APK_VALUE_FLAGS)) {
                String v = pkg.value();
                if (pkg.hasExpansion() || v.contains("=") || v.contains("~") || v.contains(">") || v.contains("<")
                        || v.endsWith(".apk")) {
                    continue;
                }
                out.report(pkg.range(), "Pin the version of '" + v + "' in apk add ('" + v
                        + "=<version>'), so that a rebuild installs the same package.");
            }
        }
    }
}
