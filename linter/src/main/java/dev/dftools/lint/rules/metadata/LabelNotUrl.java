package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A schema label of type {@code url} must hold an absolute URI. */
@RuleInfo(code = "DF5004", slug = "label-not-url", severity = Severity.WARNING,
        summary = "A label the schema types as url does not hold a URL.", aliases = {"DL3052"},
        tags = {"labels", "label-schema"})
public final class LabelNotUrl implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        LabelSchemaTypes.check(instruction, analysis, out, "url", LabelFormats::isUrl, "a valid URL (an absolute URI such as https://example.com/project)");
    }
}
