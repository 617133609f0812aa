package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A schema label of type {@code semver} must hold a Semantic Versioning 2.0.0 version. */
@RuleInfo(code = "DF5008", slug = "label-not-semver", severity = Severity.WARNING,
        summary = "A label the schema types as semver does not hold a semantic version.", aliases = {"DL3056"},
        tags = {"labels", "label-schema"})
public final class LabelNotSemver implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        LabelSchemaTypes.check(instruction, analysis, out, "semver", LabelFormats::isSemver, "a semantic version (e.g. 1.2.3 or 2.0.1-rc1)");
    }
}
