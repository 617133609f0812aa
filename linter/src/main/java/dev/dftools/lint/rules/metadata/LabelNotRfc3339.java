package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A schema label of type {@code rfc3339} must hold a date-time such as {@code 2024-05-01T12:00:00Z}. */
@RuleInfo(code = "DF5005", slug = "label-not-rfc3339", severity = Severity.WARNING,
        summary = "A label the schema types as rfc3339 does not hold an RFC 3339 date-time.", aliases = {"DL3053"},
        tags = {"labels", "label-schema"})
public final class LabelNotRfc3339 implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        LabelSchemaTypes.check(instruction, analysis, out, "rfc3339", LabelFormats::isRfc3339, "an RFC 3339 date-time (e.g. 2024-05-01T12:00:00Z)");
    }
}
