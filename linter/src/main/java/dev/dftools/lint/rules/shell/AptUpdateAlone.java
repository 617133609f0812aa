package dev.dftools.lint.rules.shell;

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
import java.util.List;
import java.util.Set;

/**
 * The Docker docs' "apt-get update in its own RUN" lesson: the build cache keeps that layer, so
 * when a later {@code apt-get install} line changes, it runs against package lists of whenever the
 * update layer was first built (stale versions, 404s). Reported when a RUN updates the lists and
 * does nothing that uses them: only apt/apt-get commands (and echo/set/true) with no install,
 * upgrade, build-dep or source. A RUN that calls anything else might install through a script, so
 * it is left alone. The fix merges it into the next RUN when that one installs with apt.
 */
@RuleInfo(code = "DF3511", slug = "apt-get-update-alone", severity = Severity.WARNING,
        summary = "apt-get update runs in a RUN of its own, so a cached layer can leave later installs with stale"
                + " package lists.",
        tags = {"run", "apt", "layers", "cache"})
public final class AptUpdateAlone implements InstructionRule, StageLocal {

    private static final Set<String> USES_LISTS = Set.of("install", "upgrade", "dist-upgrade", "full-upgrade",
            "build-dep", "source", "download", "satisfy", "reinstall");
    private static final Set<String> HARMLESS = Set.of("apt-get", "apt", "echo", "set", "true", ":");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        Word update = null;
        String tool = null;
        for (SimpleCommand command : analysis.commands(run)) {
            if (command.name() == null || !command.isNamed(HARMLESS.toArray(String[]::new))) {
                return;
            }
            if (!command.isNamed("apt-get", "apt")) {
                continue;
            }
            // the subcommand is the first operand we know (option values such as -o X=Y come first)
            for (Word operand : command.operands()) {
                if (USES_LISTS.contains(operand.value())) {
                    return;
                }
                if (operand.is("update")) {
                    if (update == null) {
                        update = operand;
                        tool = ShellFacts.baseName(command);
                    }
                    break;
                }
            }
        }
        if (update == null) {
            return;
        }
        Instruction.Run next = nextInstallRun(analysis, run);
        Fix fix = next == null ? null
                : RunMerge.merge(analysis, List.of(run, next), "Merge into the RUN on line " + next.range().startLine());
        out.report(update.range(), "`" + tool + " update` runs alone in this RUN: the build cache keeps this layer,"
                + " so a later `" + tool + " install` can use stale package lists; run `" + tool + " update && "
                + tool + " install ...` in one RUN", fix);
    }

    /** The RUN right after this one (only comments between) when it installs with apt, same flags. */
    private static Instruction.Run nextInstallRun(Analysis analysis, Instruction.Run run) {
        List<Instruction> all = analysis.dockerfile().instructions();
        for (int i = 0; i + 1 < all.size(); i++) {
            if (all.get(i) == run && all.get(i + 1) instanceof Instruction.Run next
                    && ShellFacts.flagTexts(run).equals(ShellFacts.flagTexts(next))) {
                for (SimpleCommand c : analysis.commands(next)) {
                    if (c.isNamed("apt-get", "apt")
                            && c.operands().stream().anyMatch(w -> USES_LISTS.contains(w.value()))) {
                        return next;
                    }
                }
            }
        }
        return null;
    }
}
