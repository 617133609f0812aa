package dev.dftools.lint;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Runs the rules over a Dockerfile. Each rule is isolated: one that throws becomes a single
 * internal finding and the others still run. Then the suppressions of the file and the
 * configuration are applied, and findings come back in file order.
 */
public final class Linter {

    /** The finding a rule that crashed turns into. */
    public static final RuleMeta INTERNAL_ERROR = new RuleMeta("DF0000", "internal-error", Severity.ERROR,
            "A rule failed on this file; the other rules still ran. Please report it.", List.of(), List.of(), true);

    private final RuleRegistry registry;

    public Linter(RuleRegistry registry) {
        this.registry = registry;
    }

    public RuleRegistry registry() {
        return registry;
    }

    public List<Finding> lint(Dockerfile file, LintConfig config, @Nullable BuildContext context) {
        return lintAll(List.of(new LintJob(file, config, context))).get(0);
    }

    /**
     * Lints many files: batch rules prepare their work for all of them at once, then the files are
     * checked in parallel. The result lists are in the order of the jobs.
     */
    public List<List<Finding>> lintAll(List<LintJob> jobs) {
        List<Analysis> analyses = jobs.stream().map(j -> new Analysis(j.dockerfile(), j.config())).toList();
        List<Set<String>> active = new ArrayList<>();
        for (LintJob job : jobs) {
            active.add(activeRules(job));
        }
        // Batch work (a ShellCheck process) runs on its own thread while the other rules check the
        // files; the batch rules themselves run last, once it is done.
        java.util.concurrent.CompletableFuture<Void> prepared = new java.util.concurrent.CompletableFuture<>();
        boolean anyBatch = active.stream().flatMap(Set::stream).anyMatch(code -> registry.rule(code) instanceof BatchRule);
        if (anyBatch) {
            Thread preparing = new Thread(() -> {
                try {
                    prepareBatches(analyses, active);
                } finally {
                    prepared.complete(null);
                }
            }, "dflint-batch-rules");
            preparing.setDaemon(true);
            preparing.start();
        } else {
            prepared.complete(null); // nothing to prepare: no thread (single-file lints are the common case)
        }
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, jobs.size());
        // one file (the common case): no thread pool to start
        return (jobs.size() > 1 ? indexes.parallel() : indexes)
                .mapToObj(i -> lint(analyses.get(i), jobs.get(i), active.get(i), prepared))
                .toList();
    }

    private void prepareBatches(List<Analysis> analyses, List<Set<String>> active) {
        for (RuleMeta meta : registry.metas()) {
            if (registry.rule(meta.code()) instanceof BatchRule batch) {
                List<Analysis> batchOf = new ArrayList<>();
                for (int i = 0; i < analyses.size(); i++) {
                    if (active.get(i).contains(meta.code())) {
                        batchOf.add(analyses.get(i));
                    }
                }
                try {
                    if (!batchOf.isEmpty()) {
                        batch.prepare(batchOf);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    // the rule's check() then does the work per file, with its own isolation
                }
            }
        }
    }

    /** The codes of the rules that run on this file with this configuration, in registry order. */
    public Set<String> activeRules(Dockerfile file, LintConfig config) {
        return activeRules(new LintJob(file, config, null));
    }

    /** The codes of the rules that run on this job: enabled, and not ignored. */
    private Set<String> activeRules(LintJob job) {
        Set<String> experimental = experimentalChecks(job.dockerfile());
        Set<String> ignored = resolveAll(job.config().ignored());
        Set<String> codes = new java.util.LinkedHashSet<>();
        for (RuleMeta meta : registry.metas()) {
            // an ignored rule does no work at all (ShellCheck would start a process)
            if (!ignored.contains(meta.code())
                    && (isEnabled(meta, job.config()) || enabledAsExperimental(meta, experimental))) {
                codes.add(meta.code());
            }
        }
        return codes;
    }

    private List<Finding> lint(Analysis analysis, LintJob job, Set<String> active,
            java.util.concurrent.Future<Void> prepared) {
        List<Finding> raw = new ArrayList<>();
        List<String> batchRules = new ArrayList<>();
        for (String code : active) {
            if (registry.rule(code) instanceof BatchRule) {
                batchRules.add(code);
            } else {
                run(registry.rule(code), registry.meta(code).orElseThrow(), analysis, job.context(), raw);
            }
        }
        if (!batchRules.isEmpty()) {
            awaitQuietly(prepared);
            for (String code : batchRules) {
                run(registry.rule(code), registry.meta(code).orElseThrow(), analysis, job.context(), raw);
            }
        }
        return postProcess(job.dockerfile(), job.config(), raw);
    }

    private static void awaitQuietly(java.util.concurrent.Future<Void> future) {
        try {
            future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            // prepare failures are already contained; the rule works per file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** BuildKit's {@code # check=experimental=A,B|all} turns on checks that are off by default. */
    private static Set<String> experimentalChecks(Dockerfile file) {
        Set<String> names = new java.util.HashSet<>();
        file.directives().stream().filter(d -> d.name().equals("check"))
                .forEach(d -> names.addAll(CheckDirective.parse(d.value()).experimental()));
        return names;
    }

    private static boolean enabledAsExperimental(RuleMeta meta, Set<String> experimental) {
        return meta.aliases().stream().anyMatch(a -> RuleRegistry.isBuildKitName(a)
                && (experimental.contains("all") || experimental.contains(a)));
    }

    private boolean isEnabled(RuleMeta meta, LintConfig config) {
        if (meta.enabledByDefault() || config.enabled().contains("*")) {
            return true;
        }
        for (String name : config.enabled()) {
            if (registry.resolve(name).contains(meta.code())) {
                return true;
            }
        }
        for (String name : config.overrides().keySet()) {
            if (registry.resolve(name).contains(meta.code())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What one rule found, before suppressions and configuration, or why it failed.
     *
     * @param failure the message of the internal-error finding the rule's crash turns into, or null
     */
    public record RuleRun(List<Finding> findings, @Nullable String failure) {

        public RuleRun {
            findings = List.copyOf(findings);
        }
    }

    /** Runs one rule over the whole file, as {@link #lint} does. */
    public RuleRun runRule(String code, Analysis analysis, @Nullable BuildContext context) {
        Rule rule = registry.rule(code);
        List<Stage> stages = rule instanceof StageRule ? analysis.stages() : List.of();
        return run(rule, registry.meta(code).orElseThrow(), analysis, context, analysis.dockerfile().instructions(),
                stages);
    }

    /**
     * True for the rules {@link #runRuleOnPart} runs: {@link StageLocal}, {@link StageInflow} and
     * {@link ContextRule} ones.
     */
    public static boolean runsPerPart(Rule rule) {
        return rule instanceof StageLocal || rule instanceof StageInflow || rule instanceof ContextRule;
    }

    /**
     * Runs a {@link StageLocal}, {@link StageInflow} or {@link ContextRule} rule over one part of the
     * file: the instructions before the first FROM ({@code stage} null) or one stage. The parts'
     * results, in file order, are what {@link #runRule} finds over the whole file.
     */
    public RuleRun runRuleOnPart(String code, Analysis analysis, @Nullable Stage stage) {
        return runRuleOnPart(code, analysis, stage, null);
    }

    /** {@link #runRuleOnPart(String, Analysis, Stage)} with the build context a {@link ContextRule} needs. */
    public RuleRun runRuleOnPart(String code, Analysis analysis, @Nullable Stage stage,
            @Nullable BuildContext context) {
        Rule rule = registry.rule(code);
        if (!runsPerPart(rule)) {
            throw new IllegalArgumentException(code + " is neither stage-local, a stage-inflow nor a context rule");
        }
        List<Instruction> instructions = stage == null ? analysis.dockerfile().preamble() : stage.instructionsWithFrom();
        return run(rule, registry.meta(code).orElseThrow(), analysis, context, instructions,
                stage == null ? List.of() : List.of(stage));
    }

    /** The finding a failed rule turns into (at the start of the file). */
    public static Finding internalError(Analysis analysis, String failure) {
        SourceRange start = analysis.dockerfile().lines().range(0, 0);
        return new Finding(INTERNAL_ERROR, Severity.ERROR, failure, start, null);
    }

    private static void run(Rule rule, RuleMeta meta, Analysis analysis, @Nullable BuildContext context,
            List<Finding> out) {
        RuleRun result = run(rule, meta, analysis, context, analysis.dockerfile().instructions(), analysis.stages());
        if (result.failure() != null) {
            out.add(internalError(analysis, result.failure()));
        } else {
            out.addAll(result.findings());
        }
    }

    private static RuleRun run(Rule rule, RuleMeta meta, Analysis analysis, @Nullable BuildContext context,
            List<Instruction> instructions, List<Stage> stages) {
        List<Finding> found = new ArrayList<>();
        Findings sink = new Findings() {
            @Override
            public void report(SourceRange range, String message, @Nullable Fix fix) {
                found.add(new Finding(meta, meta.severity(), message, range, fix));
            }

            @Override
            public void reportAs(RuleMeta external, Severity severity, SourceRange range, String message,
                    @Nullable Fix fix) {
                found.add(new Finding(external, severity, message, range, fix));
            }
        };
        try {
            if (rule instanceof InstructionRule r) {
                for (Instruction instruction : instructions) {
                    r.check(instruction, analysis, sink);
                    // the type test first: it is cheap, the rule's answer is an interface call per instruction
                    if (instruction instanceof Instruction.Onbuild onbuild && onbuild.trigger() != null
                            && r.checksOnbuildTriggers()) {
                        r.check(onbuild.trigger(), analysis, sink);
                    }
                }
            } else if (rule instanceof StageRule r) {
                for (Stage stage : stages) {
                    r.check(stage, analysis, sink);
                }
            } else if (rule instanceof DocumentRule r) {
                r.check(analysis, sink);
            } else if (rule instanceof ContextRule r && context != null) {
                for (Instruction instruction : instructions) {
                    r.check(instruction, analysis, context, sink);
                }
            }
            return new RuleRun(found, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new RuleRun(List.of(), "rule " + meta.code() + " (" + meta.slug() + ") failed: " + e);
        }
    }

    /** Suppressions, configuration and file order: the last step of {@link #lint}, over the rules' findings. */
    public List<Finding> finish(Dockerfile file, LintConfig config, List<Finding> raw) {
        return postProcess(file, config, raw);
    }

    private List<Finding> postProcess(Dockerfile file, LintConfig config, List<Finding> raw) {
        Suppressions suppressions = Suppressions.of(file, registry, !config.disableIgnorePragma());
        Set<String> ignored = resolveAll(config.ignored());
        List<Finding> result = new ArrayList<>();
        for (Finding finding : raw) {
            if (ignored.contains(finding.code()) || suppressions.suppresses(finding)) {
                continue;
            }
            Finding f = finding;
            if (suppressions.checkErrors() && Suppressions.skippedByCheck(f.rule(), Set.of("all"))) {
                f = f.withSeverity(Severity.ERROR); // # check=error=true: BuildKit fails the build
            }
            for (Map.Entry<String, Severity> override : config.overrides().entrySet()) {
                if (registry.resolve(override.getKey()).contains(f.code())) {
                    f = f.withSeverity(override.getValue());
                }
            }
            result.add(f);
        }
        result.sort(Finding.ORDER);
        return result;
    }

    private Set<String> resolveAll(Set<String> names) {
        Set<String> codes = new java.util.HashSet<>();
        for (String name : names) {
            codes.addAll(registry.resolve(name));
        }
        return codes;
    }
}
