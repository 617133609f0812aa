package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A label the schema requires is set to the empty string, which satisfies nobody reading it. */
@RuleInfo(code = "DF5003", slug = "empty-label", severity = Severity.WARNING,
        summary = "A label of the label schema is set to an empty value.", aliases = {"DL3051"},
        tags = {"labels", "label-schema"})
public final class LabelEmpty implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        for (LabelPairs.Pair pair : LabelPairs.of(instruction, analysis.dockerfile().escape())) {
            if (analysis.config().labelSchema().containsKey(pair.key()) && pair.value().isEmpty()) {
                out.report(pair.valueWord().range().isEmpty() ? pair.keyWord().range() : pair.valueWord().range(),
                        "Label '" + pair.key() + "' is empty");
            }
        }
    }
}
