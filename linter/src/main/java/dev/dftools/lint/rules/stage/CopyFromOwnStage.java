package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Optional;

/**
 * {@code COPY --from=x} inside stage x: a stage cannot copy from itself (BuildKit reports a
 * circular dependency). hadolint checks the stage name; the stage's own index counts too.
 */
@RuleInfo(code = "DF2003", slug = "copy-from-own-stage", severity = Severity.ERROR,
        summary = "COPY --from refers to the stage it is in.", aliases = {"DL3023"}, tags = {"stages", "copy"})
public final class CopyFromOwnStage implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Optional<Flag> flag = StageRefs.copyFrom(instruction);
        Optional<Stage> stage = analysis.stageOf(instruction);
        if (flag.isEmpty() || flag.get().value() == null || stage.isEmpty()) {
            return;
        }
        String ref = flag.get().value();
        if (StageRefs.names(stage.get(), ref)) {
            out.report(flag.get().range(), "COPY --from=" + ref
                    + " refers to the stage it is in; a stage cannot copy from itself");
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
