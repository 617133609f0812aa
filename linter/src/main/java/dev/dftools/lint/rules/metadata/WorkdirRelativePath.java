package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.StageRule;
import dev.dftools.lint.rules.InheritedVariables;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * BuildKit's WorkdirRelativePath: the first WORKDIR of a stage is relative although no WORKDIR
 * was set before, in the stage or in a stage it is built {@code FROM}; it then depends on the
 * base image's working directory. Later WORKDIRs are not checked (fixing the first fixes them).
 * hadolint's DL3000 checks every WORKDIR ({@link WorkdirNotAbsolute}), hence two rules. The path
 * is checked after variable expansion; a path with a variable of unknown value is skipped.
 */
@RuleInfo(code = "DF5208", slug = "workdir-relative-path", severity = Severity.WARNING,
        summary = "A relative WORKDIR without an absolute one declared earlier depends on the base image.",
        aliases = {"WorkdirRelativePath"}, tags = {"workdir", "buildkit"})
public final class WorkdirRelativePath implements StageRule, StageInflow {

    private static final Pattern ABSOLUTE = Pattern.compile("^(/|\\\\|[A-Za-z]:[\\\\/]).*", Pattern.DOTALL);

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        boolean set = analysis.parentStage(stage).map(p -> workdirSet(analysis).contains(p)).orElse(false);
        for (Instruction instruction : stage.instructions()) {
            if (!(instruction instanceof Instruction.Workdir workdir) || workdir.path() == null) {
                continue;
            }
            if (!set) {
                check(workdir, VariableScopes.of(analysis), new ShellLex(analysis.dockerfile().escape()), out);
            }
            set = true;
        }
    }

    /**
     * Whether a stage it builds on set a WORKDIR; when none did, the variables it inherits (the
     * first WORKDIR is expanded with them).
     */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        if (stage == null) {
            return InheritedVariables.NONE;
        }
        boolean set = analysis.parentStage(stage).map(p -> workdirSet(analysis).contains(p)).orElse(false);
        return set ? Boolean.TRUE : InheritedVariables.values(analysis, stage);
    }

    /** The stages that end with a WORKDIR set (by themselves or a stage they build on). */
    private static Set<Stage> workdirSet(Analysis analysis) {
        return analysis.memo(WorkdirRelativePath.class, WorkdirSet.class, a -> {
            Set<Stage> set = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Stage stage : a.stages()) {
                boolean inherited = a.parentStage(stage).map(set::contains).orElse(false);
                if (inherited || a.stageFact(stage, WorkdirSet.class, Boolean.class, s -> s.instructions().stream()
                        .anyMatch(i -> i instanceof Instruction.Workdir w && w.path() != null))) {
                    set.add(stage);
                }
            }
            return new WorkdirSet(set);
        }).stages();
    }

    private record WorkdirSet(Set<Stage> stages) {
    }

    private static void check(Instruction.Workdir workdir, VariableScopes scopes, ShellLex lex, Findings out) {
        Expansion expansion;
        try {
            expansion = lex.processWord(workdir.path().value(), scopes.before(workdir).env());
        } catch (ExpansionException e) {
            return;
        }
        if (!expansion.unmatched().isEmpty() || expansion.value().isEmpty()) {
            return;
        }
        if (!ABSOLUTE.matcher(expansion.value()).matches()) {
            out.report(workdir.path().range(), "Relative workdir \"" + expansion.value()
                    + "\" can have unexpected results if the base image changes");
        }
    }
}
