package dev.dftools.lsp.features.diagnostics;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.SourcePosition;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.BatchRule;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.ContextRule;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.Rule;
import dev.dftools.lint.StageFacts;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.StageLocal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * dflint for one document that changes a keystroke at a time: the same findings, in the same order,
 * as {@link Linter#lint}, but the {@link StageLocal} and {@link StageInflow} rules only run on the
 * parts of the file whose inputs changed. A part is the text before the first FROM or one stage,
 * from the start of its first line (the comment lines right above its FROM included) to the start
 * of the next part's. Its findings are kept, keyed by exactly what {@link StageLocal} says they
 * depend on (the part's text, first line, index and place in the file), and moved with the text
 * when an edit before the part changes its offset. A {@link StageInflow} rule's findings for a part
 * are kept with the inflow they were computed with, and reused only while the part's key matches
 * and the rule's inflow for the part equals it: a changed inflow re-runs that rule on that part
 * alone. A {@link ContextRule}'s are kept in the same way while the build context (what was read
 * from the disk) is the same one. Anything the whole file shares (configuration, active rules, the
 * text before the first FROM, whether the file has 0, 1 or more stages) empties the cache when it
 * changes. The other rules run on the whole file every time.
 * <p>
 * Immutable: {@link #lint} returns the findings and the next state; a state may be used from any
 * thread (the worst a race costs is recomputing a part).
 */
public final class IncrementalLint {

    /**
     * What every cached part was linted with.
     *
     * @param perPart the codes of the rules that run per part, in the order the parts' results hold them
     */
    private record Shared(LintConfig config, Set<String> active, List<String> perPart, String preamble,
            int stageCountClass) {
    }

    /** What a part's findings depend on (see {@link StageLocal}). */
    private record PartKey(int index, int startLine, boolean last, boolean usedAsBase, String text) {
    }

    /**
     * One part's findings per rule, as linted when the part started at {@code startOffset}, and
     * the inflow each {@link StageInflow} rule ran with (null for the others); both indexed like
     * {@link #perPart}, and never changed once made.
     */
    private record PartResult(int startOffset, Linter.RuleRun[] runs, Object[] inflows) {
    }

    /**
     * The findings and what the next lint of the document may reuse.
     *
     * @param reusedParts how many parts' stage-local findings were reused rather than computed
     * @param partRuns    how many times a rule ran on one part (rather than being reused)
     */
    public record Result(List<Finding> findings, IncrementalLint state, int reusedParts, int partRuns) {
    }

    /** A state that reuses nothing. */
    public static final IncrementalLint EMPTY = new IncrementalLint(null, Map.of(), StageFacts.fresh());

    /**
     * The build context a {@link ContextRule} ran with, compared by identity: the server keeps a
     * context (and what it read from the disk) for a short while, then makes a new one that reads
     * the disk again, and the context rules' findings are kept only as long as the context is.
     */
    private static final class SameContext {

        private final @Nullable BuildContext context;

        SameContext(@Nullable BuildContext context) {
            this.context = context;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SameContext c && c.context == context;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(context);
        }
    }

    /** The inflow a rule gave as null (a map cannot hold null). */
    private static final Object NULL_INFLOW = new Object();

    private final @Nullable Shared shared;
    private final Map<PartKey, PartResult> parts;
    /** What the rules found about single stages, for the next version (see {@link StageFacts}). */
    private final StageFacts stageFacts;

    private IncrementalLint(@Nullable Shared shared, Map<PartKey, PartResult> parts, StageFacts stageFacts) {
        this.shared = shared;
        this.parts = parts;
        this.stageFacts = stageFacts;
    }

    /** How many parts the next lint may reuse (for tests and logs). */
    public int cachedParts() {
        return parts.size();
    }

    public Result lint(Linter linter, Dockerfile file, LintConfig config, @Nullable BuildContext context) {
        Analysis analysis = new Analysis(file, config, stageFacts);
        Set<String> active = linter.activeRules(file, config);
        List<Stage> stages = analysis.stages();
        String text = file.text();
        int[] starts = partStarts(file, stages);
        // The per-part rules, part by part: reused when the part's key (and, for a stage-inflow
        // rule, its inflow) matches, else run now.
        List<String> perPart = new ArrayList<>();
        for (String code : active) {
            if (Linter.runsPerPart(linter.registry().rule(code))) {
                perPart.add(code);
            }
        }
        StageInflow[] inflowRules = new StageInflow[perPart.size()];
        boolean[] contextRules = new boolean[perPart.size()];
        for (int r = 0; r < inflowRules.length; r++) {
            Rule rule = linter.registry().rule(perPart.get(r));
            inflowRules[r] = rule instanceof StageInflow inflowRule ? inflowRule : null;
            contextRules[r] = rule instanceof ContextRule;
        }
        SameContext sameContext = new SameContext(context);
        Shared now = new Shared(config, active, perPart, text.substring(0, starts[1]), Math.min(stages.size(), 2));
        Map<PartKey, PartResult> reusable = parts;
        if (!now.equals(shared)) {
            reusable = Map.of();
            if (shared != null) {
                // the stage facts too were found with another text before the first FROM (escape character)
                analysis = new Analysis(file, config, StageFacts.fresh());
                stages = analysis.stages();
            }
        }
        List<Linter.RuleRun[]> partRuns = new ArrayList<>(stages.size() + 1);
        Map<PartKey, PartResult> next = new HashMap<>();
        int reused = 0;
        int ran = 0;
        for (int part = 0; part <= stages.size(); part++) {
            int start = starts[part];
            int end = starts[part + 1];
            Stage stage = part == 0 ? null : stages.get(part - 1);
            PartKey key = new PartKey(part - 1, file.lines().position(start).line(),
                    stage != null && stage == analysis.lastStage(), stage != null && analysis.isUsedAsBase(stage),
                    stage == null ? now.preamble() : analysis.stageText(stage));
            PartResult cached = reusable.get(key);
            if (cached != null) {
                reused++;
            }
            Linter.RuleRun[] runs = new Linter.RuleRun[perPart.size()];
            Object[] inflows = new Object[perPart.size()];
            boolean ranHere = false;
            for (int r = 0; r < runs.length; r++) {
                if (inflowRules[r] != null) {
                    inflows[r] = inflow(inflowRules[r], analysis, stage);
                } else if (contextRules[r]) {
                    inflows[r] = sameContext; // what the context holds was read again: judged again
                }
                if (cached != null && (inflows[r] == null || inflows[r].equals(cached.inflows()[r]))) {
                    runs[r] = moved(cached.runs()[r], start - cached.startOffset());
                } else {
                    runs[r] = linter.runRuleOnPart(perPart.get(r), analysis, stage, context);
                    ran++;
                    ranHere = true;
                }
            }
            // reused findings were inside the part when they were cached, and moved with it
            if (!ranHere || staysInside(runs, start, end)) {
                next.put(key, new PartResult(start, runs, inflows));
            }
            partRuns.add(runs);
        }

        // All rules in Linter's order (batch rules last), so the findings come out identical.
        List<Finding> raw = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int nextPerPart = 0; // perPart is in the order of active
        for (String code : active) {
            int index = nextPerPart < perPart.size() && perPart.get(nextPerPart).equals(code) ? nextPerPart++ : -1;
            if (linter.registry().rule(code) instanceof BatchRule) {
                batch.add(code);
            } else {
                collect(linter, code, index, analysis, context, partRuns, raw);
            }
        }
        for (String code : batch) {
            collect(linter, code, perPart.indexOf(code), analysis, context, partRuns, raw);
        }
        return new Result(linter.finish(file, config, raw),
                new IncrementalLint(now, Map.copyOf(next), analysis.stageFactsForNextVersion()), reused, ran);
    }

    /** The rule's inflow for the part; one that fails equals nothing, so the rule runs (and reports its failure). */
    private static Object inflow(StageInflow rule, Analysis analysis, @Nullable Stage stage) {
        try {
            Object inflow = rule.inflow(analysis, stage);
            return inflow == null ? NULL_INFLOW : inflow;
        } catch (RuntimeException | StackOverflowError e) {
            return new Object();
        }
    }

    private static void collect(Linter linter, String code, int perPartIndex, Analysis analysis,
            @Nullable BuildContext context, List<Linter.RuleRun[]> partRuns, List<Finding> raw) {
        if (perPartIndex < 0) {
            add(linter.runRule(code, analysis, context), analysis, raw);
            return;
        }
        List<Finding> found = new ArrayList<>();
        for (Linter.RuleRun[] runs : partRuns) {
            Linter.RuleRun run = runs[perPartIndex];
            if (run.failure() != null) {
                raw.add(Linter.internalError(analysis, run.failure())); // as a whole-file run stops at the first
                return;
            }
            found.addAll(run.findings());
        }
        raw.addAll(found);
    }

    private static void add(Linter.RuleRun run, Analysis analysis, List<Finding> raw) {
        if (run.failure() != null) {
            raw.add(Linter.internalError(analysis, run.failure()));
        } else {
            raw.addAll(run.findings());
        }
    }

    /**
     * Where each part starts: [0] = 0 (before the first FROM), [i] = the start of the line where
     * stage i-1 begins, last = the end. A stage begins at the comment lines right above its FROM,
     * when there are any: they belong to the FROM (BuildKit's description comment, which rules read).
     */
    static int[] partStarts(Dockerfile file, List<Stage> stages) {
        int[] starts = new int[stages.size() + 2];
        for (int i = 0; i < stages.size(); i++) {
            starts[i + 1] = file.textStart(stages.get(i));
        }
        starts[stages.size() + 1] = file.text().length();
        return starts;
    }

    /** True when every finding and fix lies in [start, end]: only then can the part's findings move with it. */
    private static boolean staysInside(Linter.RuleRun[] runs, int start, int end) {
        for (Linter.RuleRun run : runs) {
            for (Finding f : run.findings()) {
                if (!MovedFindings.inside(f, start, end)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The findings of a part whose text and first line are unchanged but which now starts
     * {@code delta} chars later: lines and columns stay, offsets move.
     */
    private static Linter.RuleRun moved(Linter.RuleRun run, int delta) {
        if (delta == 0) {
            return run;
        }
        List<Finding> findings = new ArrayList<>(run.findings().size());
        for (Finding f : run.findings()) {
            findings.add(MovedFindings.moved(f, range -> moved(range, delta)));
        }
        return new Linter.RuleRun(findings, run.failure());
    }

    private static SourceRange moved(SourceRange range, int delta) {
        return new SourceRange(moved(range.start(), delta), moved(range.end(), delta));
    }

    private static SourcePosition moved(SourcePosition p, int delta) {
        return new SourcePosition(p.line(), p.column(), p.offset() + delta);
    }
}
