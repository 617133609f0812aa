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
 * {@code yarn install} (and {@code yarn add}, {@code yarn global add}) keeps every package it
 * downloads in its cache; {@code yarn cache clean} later in the same RUN, or a cache/tmpfs mount
 * on {@code .cache/yarn}, keeps it out of the layer. As hadolint does, only layers that ship are
 * reported: the last stage's and those of stages a later FROM builds on.
 */
@RuleInfo(code = "DF3060", slug = "yarn-cache-not-cleaned", severity = Severity.INFO,
        summary = "yarn install without a later yarn cache clean in the same RUN leaves its cache in the layer.",
        aliases = {"DL3060"}, tags = {"packages", "yarn", "node", "image-size"})
public final class YarnCacheNotCleaned implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || RunMounts.hasCacheMount(run, ".cache/yarn")) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            Word sub = install(c);
            if (sub == null || CommandArgs.after(commands, c).stream().anyMatch(YarnCacheNotCleaned::isCacheClean)) {
                continue;
            }
            if (StageScope.ships(analysis, run)) {
                out.report(CommandArgs.head(c, sub), "Add '&& yarn cache clean' after yarn " + sub.value()
                        + " in this RUN: the yarn cache stays in the layer of " + StageScope.describe(analysis, run)
                        + " otherwise.");
            }
            return; // once per RUN
        }
    }

    /** The {@code install}/{@code add} word of a yarn install, or null. */
    private static Word install(SimpleCommand c) {
        if (!c.isNamed("yarn")) {
            return null;
        }
        List<Word> operands = CommandArgs.operands(c, java.util.Set.of("--cwd", "--modules-folder", "--cache-folder"));
        if (operands.isEmpty()) {
            return null;
        }
        if (operands.get(0).is("install", "add")) {
            return operands.get(0);
        }
        return operands.size() > 1 && operands.get(0).is("global") && operands.get(1).is("add") ? operands.get(1)
                : null;
    }

    private static boolean isCacheClean(SimpleCommand c) {
        if (!c.isNamed("yarn")) {
            return false;
        }
        List<Word> operands = CommandArgs.operands(c, java.util.Set.of());
        return operands.size() > 1 && operands.get(0).is("cache") && operands.get(1).is("clean");
    }
}
