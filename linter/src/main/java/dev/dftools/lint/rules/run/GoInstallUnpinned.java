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
import java.util.Set;

/**
 * {@code go install example.com/cmd/tool} (and {@code go get}, {@code go run pkg}) resolves the
 * newest version at build time; {@code @v1.2.3} (or a commit) fixes it, {@code @latest} does not.
 * Local packages ({@code .}, {@code ./cmd/x}, {@code /src/x}) come from the build itself, and
 * {@code go install tool} installs the tools pinned in go.mod.
 */
@RuleInfo(code = "DF3062", slug = "go-install-unpinned", severity = Severity.WARNING,
        summary = "A module in go install, go get or go run has no pinned version.", aliases = {"DL3062"},
        tags = {"packages", "go", "reproducibility"})
public final class GoInstallUnpinned implements InstructionRule, StageLocal {

    /** Patterns that name no module: {@code go install tool} installs the tools go.mod lists. */
    private static final Set<String> META_PACKAGES = Set.of("tool", "all", "std", "cmd");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (!c.isNamed("go")) {
                continue;
            }
            List<Word> operands = CommandArgs.operands(c, PackageManagers.GO_VALUE_FLAGS);
            if (operands.isEmpty() || !operands.get(0).is("install", "get", "run")) {
                continue;
            }
            String sub = operands.get(0).value();
            List<Word> packages = operands.subList(1, operands.size());
            if (sub.equals("run")) {
                packages = packages.isEmpty() ? packages : packages.subList(0, 1); // the rest are its arguments
            }
            for (Word pkg : packages) {
                String v = pkg.value();
                if (pkg.hasExpansion() || v.startsWith(".") || v.startsWith("/") || v.endsWith(".go")
                        || META_PACKAGES.contains(v)) {
                    continue;
                }
                int at = v.lastIndexOf('@');
                String version = at < 0 ? "" : v.substring(at + 1);
                if (!version.isEmpty() && !version.equals("latest") && !version.equals("none")
                        && !version.equals("upgrade") && !version.equals("patch")) {
                    continue;
                }
                String module = at < 0 ? v : v.substring(0, at);
                out.report(pkg.range(), (version.isEmpty() ? "Pin the version of '" + v + "'"
                        : "'@" + version + "' does not pin '" + module + "'") + " in go " + sub + ": use '" + module
                        + "@v<version>', so that a rebuild gets the same code.");
            }
        }
    }
}
