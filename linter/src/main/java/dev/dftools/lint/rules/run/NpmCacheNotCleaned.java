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
 * npm keeps every tarball it downloads in {@code ~/.npm/_cacache}; the Docker guide for Node
 * images runs {@code npm cache clean --force} in the same RUN as {@code npm ci}/{@code npm install}.
 * Also fine: an {@code rm} of the {@code .npm} directory afterwards, or a cache/tmpfs mount on it.
 * Like the apt and yarn cache rules, only layers that ship are reported (the last stage's and
 * those of stages a later FROM builds on): a build stage's cache never reaches the image.
 */
@RuleInfo(code = "DF3100", slug = "npm-cache-not-cleaned", severity = Severity.INFO,
        summary = "npm install without a later npm cache clean --force in the same RUN leaves its cache in the layer.",
        tags = {"packages", "npm", "node", "image-size"})
public final class NpmCacheNotCleaned implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || RunMounts.hasCacheMount(run, ".npm")) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            Word sub = install(c);
            if (sub == null || CommandArgs.after(commands, c).stream().anyMatch(NpmCacheNotCleaned::cleansCache)) {
                continue;
            }
            if (StageScope.ships(analysis, run)) {
                out.report(CommandArgs.head(c, sub), "Add '&& npm cache clean --force' after npm " + sub.value()
                        + " in this RUN (or use a cache mount on /root/.npm): the npm cache stays in the layer of "
                        + StageScope.describe(analysis, run) + " otherwise.");
            }
            return; // once per RUN
        }
    }

    /** The subcommand word of an npm command that downloads packages, or null. */
    private static Word install(SimpleCommand c) {
        if (!c.isNamed("npm")) {
            return null;
        }
        Word sub = CommandArgs.subcommand(c, PackageManagers.NPM_VALUE_FLAGS);
        return sub != null && sub.is("install", "i", "add", "ci", "clean-install", "install-clean", "isntall")
                ? sub : null;
    }

    private static boolean cleansCache(SimpleCommand c) {
        if (c.isNamed("npm")) {
            List<Word> operands = CommandArgs.operands(c, PackageManagers.NPM_VALUE_FLAGS);
            return operands.size() > 1 && operands.get(0).is("cache") && operands.get(1).is("clean", "clear", "rm");
        }
        return c.isNamed("rm") && c.operands().stream().anyMatch(w -> w.value().contains(".npm"));
    }
}
