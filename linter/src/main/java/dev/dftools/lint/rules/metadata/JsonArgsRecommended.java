package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.StageRule;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * BuildKit's JSONArgsRecommended: a shell-form CMD or ENTRYPOINT while the image has no SHELL
 * set. An explicit SHELL earlier in the stage (or in a parent stage) means the shell form is
 * intended and silences it; HEALTHCHECK is not covered. hadolint's DL3025 differs on both
 * points, hence the separate rule {@link ShellFormCommand}. A SHELL set by an external base
 * image cannot be seen statically.
 */
@RuleInfo(code = "DF5201", slug = "json-args-recommended", severity = Severity.WARNING,
        summary = "JSON arguments are recommended for ENTRYPOINT and CMD to prevent unintended behaviour "
                + "related to OS signals.",
        aliases = {"JSONArgsRecommended"}, tags = {"cmd", "entrypoint", "buildkit"})
public final class JsonArgsRecommended implements StageRule, StageInflow {

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        boolean shellSet = parentSetsShell(stage, analysis);
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.Shell) {
                shellSet = true;
            }
            Command command = instruction instanceof Instruction.Cmd cmd ? cmd.command()
                    : instruction instanceof Instruction.Entrypoint entrypoint ? entrypoint.command() : null;
            if (!shellSet && command instanceof Command.ShellForm shellForm) {
                String name = instruction.node().keyword().value();
                out.report(shellForm.range(), "JSON arguments recommended for " + name
                        + " to prevent unintended behavior related to OS signals",
                        ShellFormCommand.fix(instruction, shellForm, analysis));
            }
        }
    }

    /** Whether a stage it builds on has a SHELL. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        return stage != null && parentSetsShell(stage, analysis);
    }

    private static boolean parentSetsShell(Stage stage, Analysis analysis) {
        return analysis.memo(ShellSetByAncestors.class, ShellSetByAncestors.class, ShellSetByAncestors::of)
                .stages().contains(stage);
    }

    /**
     * The stages with an ancestor ({@code FROM <stage>}, transitively) that has a SHELL: computed
     * once in file order (a parent comes before its children), not by walking each chain again.
     */
    private record ShellSetByAncestors(java.util.Set<Stage> stages) {

        static ShellSetByAncestors of(Analysis analysis) {
            java.util.Set<Stage> inheriting = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Stage stage : analysis.stages()) {
                Optional<Stage> parent = analysis.parentStage(stage);
                if (parent.isPresent() && (inheriting.contains(parent.get()) || hasShell(analysis, parent.get()))) {
                    inheriting.add(stage);
                }
            }
            return new ShellSetByAncestors(java.util.Collections.unmodifiableSet(inheriting));
        }

        /** Whether the stage has a SHELL (kept while its text is unchanged). */
        private static boolean hasShell(Analysis analysis, Stage stage) {
            return analysis.stageFact(stage, ShellSetByAncestors.class, Boolean.class,
                    s -> s.instructions().stream().anyMatch(i -> i instanceof Instruction.Shell));
        }
    }
}
