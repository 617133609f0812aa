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
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gem install rails}: each gem needs a version ({@code rails:7.1.3}), or the command a
 * {@code -v}/{@code --version}. Arguments after {@code --} go to the gem's build and are not
 * gems; neither is the {@code true}/{@code false} after a build option given without {@code --}.
 */
@RuleInfo(code = "DF3028", slug = "gem-unpinned", severity = Severity.WARNING,
        summary = "A gem in gem install has no pinned version.", aliases = {"DL3028"},
        tags = {"packages", "gem", "ruby", "reproducibility"})
public final class GemUnpinned implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (!c.isNamed("gem") || c.hasFlag("-v", "--version")
                    || !CommandArgs.hasSubcommand(c, PackageManagers.GEM_VALUE_FLAGS, "install", "i")) {
                continue;
            }
            for (Word gem : gems(c)) {
                String v = gem.value();
                if (gem.hasExpansion() || v.contains(":") || v.endsWith(".gem") || v.contains("/")) {
                    continue;
                }
                out.report(gem.range(), "Pin the version of '" + v + "' in gem install ('" + v
                        + ":<version>'), so that a rebuild installs the same gem.");
            }
        }
    }

    /** The operands after the subcommand, up to {@code --}. */
    private static List<Word> gems(SimpleCommand c) {
        List<Word> operands = CommandArgs.operands(c, PackageManagers.GEM_VALUE_FLAGS, true);
        List<Word> out = new ArrayList<>();
        List<Word> args = c.args();
        for (Word w : operands.subList(1, operands.size())) {
            int i = args.indexOf(w);
            boolean booleanValue = w.is("true", "false") && i > 0 && args.get(i - 1).startsWith("--");
            if (!booleanValue) {
                out.add(w);
            }
        }
        return out;
    }
}
