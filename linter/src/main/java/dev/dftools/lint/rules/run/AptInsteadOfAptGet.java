package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.Set;

/**
 * {@code apt} is meant for people at a terminal: its output and behaviour may change between
 * releases ("does not have a stable CLI interface"). Scripts use {@code apt-get} and
 * {@code apt-cache}. The fix renames the command where apt-get has the same subcommand.
 */
@RuleInfo(code = "DF3027", slug = "apt-instead-of-apt-get", severity = Severity.WARNING,
        summary = "apt has no stable command line for scripts; use apt-get or apt-cache.", aliases = {"DL3027"},
        tags = {"packages", "apt"})
public final class AptInsteadOfAptGet implements InstructionRule, StageLocal {

    private static final Set<String> SAME_IN_APT_GET = Set.of("install", "update", "remove", "purge", "autoremove",
            "clean", "autoclean", "source", "build-dep", "download");
    private static final Set<String> SAME_IN_APT_CACHE = Set.of("search", "show", "policy", "depends", "rdepends");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            Word name = c.name();
            if (name == null || !c.isNamed("apt")) {
                continue;
            }
            Word sub = CommandArgs.subcommand(c, PackageManagers.APT_VALUE_FLAGS);
            String subValue = sub == null || sub.hasExpansion() ? "" : sub.value();
            String replacement = SAME_IN_APT_GET.contains(subValue) ? "apt-get"
                    : SAME_IN_APT_CACHE.contains(subValue) ? "apt-cache" : null;
            Fix fix = replacement == null || !name.raw().equals("apt") ? null
                    : Fix.of("Use " + replacement, new TextEdit(name.range(), replacement));
            out.report(name.range(), "Use " + (replacement == null ? "apt-get or apt-cache" : replacement)
                    + " instead of apt" + (subValue.isEmpty() ? "" : " " + subValue)
                    + ": apt's command line is not stable for scripts.", fix);
        }
    }
}
