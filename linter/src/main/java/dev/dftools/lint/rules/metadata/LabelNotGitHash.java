package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A schema label of type {@code hash} must hold a short (7) or full (40) lower-case hex git hash. */
@RuleInfo(code = "DF5007", slug = "label-not-git-hash", severity = Severity.WARNING,
        summary = "A label the schema types as hash does not hold a git commit hash.", aliases = {"DL3055"},
        tags = {"labels", "label-schema"})
public final class LabelNotGitHash implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        LabelSchemaTypes.check(instruction, analysis, out, "hash", LabelFormats::isGitHash, "a git commit hash (7 or 40 lower-case hex digits)");
    }
}
