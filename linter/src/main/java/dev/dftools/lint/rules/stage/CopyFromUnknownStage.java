package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * {@code COPY --from=x} where x is no earlier stage: neither the name nor the index of a stage
 * before this one. A value with {@code :}, {@code @} or {@code /} is an image reference and is
 * left alone (hadolint accepts only {@code :}; a registry path or a digest is just as clearly an
 * image). Values with variables are not known here. The own stage is DF2003's concern.
 */
@RuleInfo(code = "DF2002", slug = "copy-from-unknown-stage", severity = Severity.WARNING,
        summary = "COPY --from names no earlier build stage.", aliases = {"DL3022"},
        tags = {"stages", "copy"})
public final class CopyFromUnknownStage implements InstructionRule, StageInflow {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Optional<Flag> flag = StageRefs.copyFrom(instruction);
        if (flag.isEmpty() || flag.get().value() == null) {
            return;
        }
        String ref = flag.get().value();
        if (ref.contains("$") || ref.contains(":") || ref.contains("@") || ref.contains("/")) {
            return;
        }
        int current = analysis.stageOf(instruction).map(Stage::index).orElse(-1);
        Optional<Stage> target = StageRefs.resolve(analysis, ref);
        if (target.isPresent() && target.get().index() <= current) {
            return; // an earlier stage, or this one (DF2003)
        }
        String message;
        if (target.isPresent()) {
            message = "COPY --from=" + ref + " refers to stage " + describe(target.get())
                    + ", which is defined later in the file; only earlier stages can be copied from";
        } else if (StageRefs.isIndex(ref)) {
            message = "COPY --from=" + ref + " refers to no stage: there is no stage " + ref + " before this one";
        } else {
            message = "COPY --from=" + ref + " names no earlier stage; if it is an image, give it a tag (" + ref
                    + ":<version>)";
        }
        out.report(flag.get().range(), message);
    }

    /** The stage (index and how messages name it) each {@code COPY --from} of the part refers to, if any. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        List<Object> targets = new ArrayList<>();
        List<String> froms = stage == null ? StageRefs.copyFromValues(analysis.dockerfile().preamble())
                : copyFroms(analysis, stage);
        for (String from : froms) {
            targets.add(StageRefs.resolve(analysis, from)
                    .<Object>map(t -> List.of(t.index(), describe(t))).orElse(List.of()));
        }
        return targets;
    }

    /** The stage's {@code COPY --from} values, in order (kept while its text is unchanged). */
    private static List<String> copyFroms(Analysis analysis, Stage stage) {
        return analysis.stageFact(stage, CopyFromUnknownStage.class, CopyFroms.class,
                s -> new CopyFroms(StageRefs.copyFromValues(s.instructions()))).values();
    }

    private record CopyFroms(List<String> values) {
    }

    private static String describe(Stage stage) {
        return stage.name().map(n -> "'" + n + "'").orElse("#" + stage.index());
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false; // a trigger copies from stages of the build that uses this image
    }
}
