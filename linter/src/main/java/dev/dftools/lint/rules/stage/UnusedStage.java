package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stage the default target (the last stage) never needs: no stage it depends on builds on it
 * ({@code FROM name}), copies from it ({@code COPY --from}) or mounts it ({@code RUN --mount
 * from=}). BuildKit skips such a stage unless it is chosen with {@code --target}, so it is either
 * dead code or an alternative target. When a reference uses a variable that cannot be resolved,
 * nothing is reported (any stage might be meant).
 */
@RuleInfo(code = "DF2015", slug = "unused-stage", severity = Severity.INFO,
        summary = "A build stage is not used by the final stage, so a default build skips it.",
        tags = {"stages"})
public final class UnusedStage implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        List<Stage> stages = analysis.stages();
        if (stages.size() < 2) {
            return;
        }
        FromArgs args = FromArgs.of(analysis.dockerfile());
        // stages by name, in file order: a lookup per FROM instead of a scan of the earlier stages
        Map<String, List<Stage>> named = new HashMap<>();
        for (Stage stage : stages) {
            stage.name().ifPresent(n -> named.computeIfAbsent(n, k -> new ArrayList<>()).add(stage));
        }
        Set<Stage> reached = new HashSet<>();
        Deque<Stage> work = new ArrayDeque<>();
        work.add(analysis.lastStage());
        while (!work.isEmpty()) {
            Stage stage = work.pop();
            if (!reached.add(stage)) {
                continue;
            }
            Optional<List<Stage>> deps = dependencies(stage, analysis, args, named);
            if (deps.isEmpty()) {
                return; // a reference we cannot resolve
            }
            work.addAll(deps.get());
        }
        for (Stage stage : stages) {
            if (reached.contains(stage)) {
                continue;
            }
            Word at = stage.from().stageName() != null ? stage.from().stageName() : stage.from().image();
            if (at == null) {
                continue;
            }
            String message = stage.name()
                    .map(n -> "Stage '" + n + "' is not used by the final stage; a build without --target " + n
                            + " skips it")
                    .orElse("Stage " + stage.index() + " is not used by the final stage (nothing copies from it "
                            + "or builds on it); a default build skips it");
            out.report(at.range(), message);
        }
    }

    /**
     * The stage names (or indexes) the stage's {@code COPY --from} and then its {@code RUN --mount
     * from=} refer to (the order does not matter: any unresolvable one stops the search): a stage
     * fact, kept while its text is unchanged.
     */
    private static List<String> references(Analysis analysis, Stage stage) {
        return analysis.stageFact(stage, UnusedStage.class, References.class, s -> {
            List<String> refs = new ArrayList<>(StageRefs.copyFromValues(s.instructions()));
            for (Instruction instruction : s.instructions()) {
                if (instruction instanceof Instruction.Run run) {
                    StageRefs.mountFroms(run, analysis.dockerfile()).forEach(m -> refs.add(m.value()));
                }
            }
            return new References(List.copyOf(refs));
        }).names();
    }

    private record References(List<String> names) {
    }

    /** The stages this stage needs; empty when a reference cannot be resolved. */
    private static Optional<List<Stage>> dependencies(Stage stage, Analysis analysis, FromArgs args,
            Map<String, List<Stage>> named) {
        List<Stage> deps = new ArrayList<>();
        Word image = stage.from().image();
        if (image != null) {
            String name = image.value();
            if (name.contains("$")) {
                Optional<Expansion> expansion = args.expand(name);
                if (expansion.isEmpty() || !expansion.get().unmatched().isEmpty()) {
                    return Optional.empty();
                }
                name = expansion.get().value();
            }
            String lower = name.toLowerCase(Locale.ROOT);
            for (Stage earlier : named.getOrDefault(lower, List.of())) {
                if (earlier.index() < stage.index()) {
                    deps.add(earlier);
                }
            }
        }
        for (String ref : references(analysis, stage)) {
            if (ref.contains("$")) {
                return Optional.empty();
            }
            StageRefs.resolve(analysis, ref).ifPresent(deps::add);
        }
        return Optional.of(deps);
    }
}
