package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A schema label of type {@code spdx} must hold an SPDX license id. hadolint accepts a single id only; dflint also accepts SPDX license expressions ({@code MIT OR Apache-2.0}), which is what the OCI {@code org.opencontainers.image.licenses} annotation is defined to hold. The id list ships as a resource (from the SPDX License List). */
@RuleInfo(code = "DF5006", slug = "label-not-spdx", severity = Severity.WARNING,
        summary = "A label the schema types as spdx does not hold an SPDX license identifier.", aliases = {"DL3054"},
        tags = {"labels", "label-schema"})
public final class LabelNotSpdx implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        LabelSchemaTypes.check(instruction, analysis, out, "spdx", LabelFormats::isSpdx, "a valid SPDX license identifier or expression (e.g. MIT, Apache-2.0 OR MIT)");
    }
}
