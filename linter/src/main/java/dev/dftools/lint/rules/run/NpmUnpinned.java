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
import java.util.List;

/**
 * {@code npm install express}: each package needs a version ({@code express@4.19.2},
 * {@code @scope/pkg@1.2}), a git reference ({@code ...git#v1.0}), a tarball or a path.
 * {@code npm install} without packages installs what package.json (and its lock file) says.
 */
@RuleInfo(code = "DF3016", slug = "npm-unpinned", severity = Severity.WARNING,
        summary = "A package in npm install has no pinned version.", aliases = {"DL3016"},
        tags = {"packages", "npm", "node", "reproducibility"})
public final class NpmUnpinned implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (!c.isNamed("npm")) {
                continue;
            }
            List<Word> operands = CommandArgs.operands(c, PackageManagers.NPM_VALUE_FLAGS);
            if (operands.isEmpty() || !operands.get(0).is("install", "i", "add")) {
                continue;
            }
            for (Word pkg : operands.subList(1, operands.size())) {
                if (!pkg.hasExpansion() && !pinned(pkg.value())) {
                    out.report(pkg.range(), "Pin the version of '" + pkg.value() + "' in npm install ('"
                            + pkg.value() + (isGit(pkg.value()) ? "#<tag or commit>" : "@<version>")
                            + "'), so that a rebuild installs the same package.");
                }
            }
        }
    }

    static boolean pinned(String pkg) {
        if (pkg.startsWith("/") || pkg.startsWith("./") || pkg.startsWith("../") || pkg.startsWith("~/")
                || pkg.endsWith(".tar") || pkg.endsWith(".tar.gz") || pkg.endsWith(".tgz")) {
            return true;
        }
        if (isGit(pkg)) {
            return pkg.contains("#");
        }
        int at = pkg.indexOf('@', pkg.startsWith("@") ? 1 : 0);
        return at > 0 && at < pkg.length() - 1;
    }

    private static boolean isGit(String pkg) {
        return pkg.startsWith("git:") || pkg.startsWith("git+") || pkg.startsWith("github:") || pkg.contains("://");
    }
}
