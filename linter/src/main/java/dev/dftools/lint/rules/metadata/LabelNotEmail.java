package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A schema label of type {@code email} must hold an RFC 5322 address. */
@RuleInfo(code = "DF5009", slug = "label-not-email", severity = Severity.WARNING,
        summary = "A label the schema types as email does not hold an email address.", aliases = {"DL3058"},
        tags = {"labels", "label-schema"})
public final class LabelNotEmail implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        LabelSchemaTypes.check(instruction, analysis, out, "email", LabelFormats::isEmail, "a valid email address (RFC 5322, e.g. team@example.com)");
    }
}
