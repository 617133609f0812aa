package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** With {@code strict-labels}, only the labels of the schema may be set. */
@RuleInfo(code = "DF5002", slug = "superfluous-label", severity = Severity.INFO,
        summary = "With strict labels on, a label that is not in the label schema is set.", aliases = {"DL3050"},
        tags = {"labels", "label-schema"})
public final class LabelNotInSchema implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!analysis.config().strictLabels()) {
            return;
        }
        for (LabelPairs.Pair pair : LabelPairs.of(instruction, analysis.dockerfile().escape())) {
            if (!analysis.config().labelSchema().containsKey(pair.key())) {
                out.report(pair.keyWord().range(), "Superfluous label '" + pair.key()
                        + "': it is not in the label schema and strict labels are on");
            }
        }
    }
}
