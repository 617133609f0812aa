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
import java.util.regex.Pattern;

/**
 * {@code pip install flask}: each requirement needs a version specifier ({@code flask==3.0.3},
 * {@code >=}, {@code ~=}, ...), a VCS reference ({@code git+https://...@v1.2}), a file or a
 * path. Installs from a requirements file ({@code -r}), with constraints ({@code -c}) or of the
 * project itself ({@code .}) are left alone: the versions live in those files. Also
 * {@code python -m pip} and {@code pipx install}.
 */
@RuleInfo(code = "DF3013", slug = "pip-unpinned", severity = Severity.WARNING,
        summary = "A package in pip install has no pinned version.", aliases = {"DL3013"},
        tags = {"packages", "pip", "python", "reproducibility"})
public final class PipUnpinned implements InstructionRule, StageLocal {

    private static final Pattern SPECIFIER = Pattern.compile(".*(==|>=|<=|!=|~=|>|<).*");
    private static final Pattern VCS = Pattern.compile("(git|hg|svn|bzr)\\+.*");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            PackageManagers.PipInstall pip = PackageManagers.pipInstall(c, true);
            if (pip == null || c.hasFlag("-r", "--requirement", "-c", "--constraint")
                    || pip.packages().stream().anyMatch(w -> w.is("."))) {
                continue;
            }
            for (Word pkg : pip.packages()) {
                if (!pkg.hasExpansion() && !pinned(pkg.value())) {
                    String tool = pip.pipx() ? "pipx" : "pip";
                    out.report(pkg.range(), "Pin the version of '" + pkg.value() + "' in " + tool + " install ('"
                            + pkg.value() + "==<version>'), so that a rebuild installs the same package.");
                }
            }
        }
    }

    static boolean pinned(String requirement) {
        if (VCS.matcher(requirement).matches()) {
            int scheme = requirement.indexOf("://");
            String rest = scheme < 0 ? requirement : requirement.substring(scheme + 3);
            int path = rest.indexOf('/');
            return path >= 0 && rest.substring(path).contains("@"); // an @ in the path is the revision
        }
        return SPECIFIER.matcher(requirement).matches() || requirement.endsWith(".whl")
                || requirement.endsWith(".tar.gz") || requirement.contains("/");
    }
}
