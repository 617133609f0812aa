package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.rules.Parts;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every RUN is a layer: its own tar, its own metadata, its own copy of any file it touches, and
 * files deleted by a later RUN still ship. A run of {@value #MIN_RUNS} or more consecutive RUNs
 * (only comments and blank lines between, same flags, shell form without heredocs) is reported
 * once, on its first RUN, with a fix that merges them into one RUN joined by {@code && \}.
 * <p>
 * Why not simply DL3059's alias: hadolint reports pairs only when both RUNs hold a single command
 * and treats any {@code &&} chain as a deliberate boundary (its cases say {@code RUN foo && bar}
 * then {@code RUN foobar} is fine), reporting each follower. That is a good nudge for trivial
 * RUNs but misses the long staircases of chained RUNs real Dockerfiles have. This rule counts RUNs
 * whatever they hold, but starts at three: two RUNs are often split on purpose (dependencies in
 * one layer, the application in the next, for the build cache), three in a row rarely are. The
 * message, range (the first RUN) and threshold differ, so the two do not say the same thing twice.
 */
@RuleInfo(code = "DF3509", slug = "consecutive-runs-layer-bloat", severity = Severity.INFO,
        summary = "Three or more consecutive RUN instructions create a layer each; chain them into one.",
        aliases = {"DL3059"}, tags = {"run", "layers"})
public final class LayerBloat implements InstructionRule, StageLocal {

    static final int MIN_RUNS = 3;

    /** Reported on the first RUN of each long run of RUNs (runs never cross a FROM). */
    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (List<Instruction.Run> group : groups(analysis, Parts.partOf(analysis, instruction))) {
            if (group.get(0) == run) {
                report(analysis, group, out);
            }
        }
    }

    /** Only the file's own RUNs: an ONBUILD RUN is no layer of this image. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }

    /**
     * Maximal runs of consecutive shell-form RUNs with the same flags (comments may stand between)
     * among {@code instructions} (those of one part of the file: a FROM ends a run).
     */
    static List<List<Instruction.Run>> groups(List<Instruction> instructions) {
        List<List<Instruction.Run>> groups = new ArrayList<>();
        List<Instruction.Run> group = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.Run run && ShellFacts.isPlainShellForm(run)
                    && (group.isEmpty() || ShellFacts.flagTexts(group.get(0)).equals(ShellFacts.flagTexts(run)))) {
                group.add(run);
                continue;
            }
            groups.add(group);
            group = new ArrayList<>();
            if (instruction instanceof Instruction.Run run && ShellFacts.isPlainShellForm(run)) {
                group.add(run); // different flags: starts a new run
            }
        }
        groups.add(group);
        groups.removeIf(List::isEmpty);
        return groups;
    }

    /** {@link #groups(List)} of a part, computed once per part. */
    static List<List<Instruction.Run>> groups(Analysis analysis, List<Instruction> part) {
        return Parts.memo(analysis, LayerBloat.class, part, LayerBloat::groups);
    }

    /** The RUNs of a part this rule reports as part of a run of {@value #MIN_RUNS} or more. */
    static java.util.Set<Instruction.Run> reported(Analysis analysis, List<Instruction> part) {
        return Parts.memo(analysis, Reported.class, part, p -> {
            java.util.Set<Instruction.Run> runs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (List<Instruction.Run> group : groups(analysis, p)) {
                if (group.size() >= MIN_RUNS) {
                    runs.addAll(group);
                }
            }
            return runs;
        });
    }

    /** The key of {@link #reported}'s memo. */
    private record Reported() {
    }

    private static void report(Analysis analysis, List<Instruction.Run> group, Findings out) {
        if (group.size() < MIN_RUNS) {
            return;
        }
        int n = group.size();
        String lines = group.stream().map(r -> String.valueOf(r.range().startLine()))
                .collect(Collectors.joining(", "));
        out.report(group.get(0).node().keyword().range(), n + " RUN instructions (lines " + lines + ") create " + n
                + " layers; chain them with && into one",
                RunMerge.merge(analysis, List.copyOf(group), "Merge the " + n + " RUNs into one"));
    }
}
