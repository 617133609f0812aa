package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.StageRule;
import java.util.List;

/**
 * hadolint's DL3012: a second or later HEALTHCHECK in one stage, reported where it repeats. BuildKit's
 * MultipleInstructionsDisallowed reports the earlier, ignored one instead
 * ({@link OverriddenInstruction}), so it is a separate rule.
 */
@RuleInfo(code = "DF5202", slug = "multiple-healthchecks", severity = Severity.ERROR,
        summary = "A stage has more than one HEALTHCHECK; only the last one takes effect.",
        aliases = {"DL3012"}, tags = {"healthcheck"})
public final class MultipleHealthchecks implements StageRule, StageLocal {

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        List<Instruction> all = RepeatedInstructions.ofKind(stage, Instruction.Healthcheck.class);
        for (Instruction later : all.subList(Math.min(1, all.size()), all.size())) {
            out.report(later.node().keyword().range(), RepeatedInstructions.laterMessage("HEALTHCHECK"));
        }
    }
}
